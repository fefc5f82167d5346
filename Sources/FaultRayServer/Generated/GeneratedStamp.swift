// Written by scripts/generate-openapi.sh; do not edit. GeneratedCodeTests compares it with the inputs.

/// What the code in this directory was generated from.
enum GeneratedStamp {
    static let generatorVersion = "1.14.3"
    /// SHA-256 of Sources/FaultRayServer/openapi.yaml.
    static let documentSHA256 = "e71a8269fa1c738a3945e6771844c13cfaeeb7b002017c02e60222b68d894f42"
    /// SHA-256 of scripts/openapi-generator-config.yaml.
    static let configSHA256 = "e887aadc378261fecf7cd09a9591302f035a292e785acff530745aa62ab4d74a"
}
