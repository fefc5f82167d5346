// Written by scripts/generate-openapi.sh; do not edit. GeneratedCodeTests compares it with the inputs.

/// What the code in this directory was generated from.
enum GeneratedStamp {
    static let generatorVersion = "1.14.3"
    /// SHA-256 of Sources/FaultRayServer/openapi.yaml.
    static let documentSHA256 = "95892a4613b58efdc41cadfcba287f6d41df6e0a0bb53f732f8edc930a78e8e7"
    /// SHA-256 of scripts/openapi-generator-config.yaml.
    static let configSHA256 = "b0ac70d369f0ea4798ebdb63b42a4136d921de4ad333925012330d836df7710f"
}
