// Written by scripts/generate-openapi.sh; do not edit. GeneratedCodeTests compares it with the inputs.

/// What the code in this directory was generated from.
enum GeneratedStamp {
    static let generatorVersion = "1.14.3"
    /// SHA-256 of Sources/FaultRayServer/openapi.yaml.
    static let documentSHA256 = "e71a8269fa1c738a3945e6771844c13cfaeeb7b002017c02e60222b68d894f42"
    /// SHA-256 of scripts/openapi-generator-config.yaml.
    static let configSHA256 = "932823f73b719f80e389cca6db16e4c37ceac9e369102810c55ce7ab3a84645b"
}
