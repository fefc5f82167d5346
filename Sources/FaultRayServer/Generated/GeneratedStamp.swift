// Written by scripts/generate-openapi.sh; do not edit. GeneratedCodeTests compares it with the inputs.

/// What the code in this directory was generated from.
enum GeneratedStamp {
    static let generatorVersion = "1.14.3"
    /// SHA-256 of Sources/FaultRayServer/openapi.yaml.
    static let documentSHA256 = "3751df85f41d2b809d23c3195ec9e105131b45a10bd0a1f112087f0d4a9b2528"
    /// SHA-256 of scripts/openapi-generator-config.yaml.
    static let configSHA256 = "97cf0eaa73f33dea0418fe0dd1835e23f60383bcb1eaeb5c6086d8ef91d239b4"
}
