// Written by scripts/generate-openapi.sh; do not edit. GeneratedCodeTests compares it with the inputs.

/// What the code in this directory was generated from.
enum GeneratedStamp {
    static let generatorVersion = "1.14.3"
    /// SHA-256 of Sources/FaultRayServer/openapi.yaml.
    static let documentSHA256 = "e71a8269fa1c738a3945e6771844c13cfaeeb7b002017c02e60222b68d894f42"
    /// SHA-256 of scripts/openapi-generator-config.yaml.
    static let configSHA256 = "63efc7e7f668a40633ee742f819fb4ed6447e5430862b845d80ffe780f752a95"
}
