// Written by scripts/generate-openapi.sh; do not edit. GeneratedCodeTests compares it with the inputs.

/// What the code in this directory was generated from.
enum GeneratedStamp {
    static let generatorVersion = "1.14.3"
    /// SHA-256 of Sources/FaultRayServer/openapi.yaml.
    static let documentSHA256 = "95892a4613b58efdc41cadfcba287f6d41df6e0a0bb53f732f8edc930a78e8e7"
    /// SHA-256 of scripts/openapi-generator-config.yaml.
    static let configSHA256 = "30877181b4e19dc08d8173722bbd94a742856fa6272acc0aef585b75f875d3fe"
}
