// Written by scripts/generate-openapi.sh; do not edit. GeneratedCodeTests compares it with the inputs.

/// What the code in this directory was generated from.
enum GeneratedStamp {
    static let generatorVersion = "1.14.3"
    /// SHA-256 of Sources/FaultRayServer/openapi.yaml.
    static let documentSHA256 = "207d931673984d9c83e1e02421ce6a6731226658233db76e2f16ff66414a1898"
    /// SHA-256 of scripts/openapi-generator-config.yaml.
    static let configSHA256 = "97cf0eaa73f33dea0418fe0dd1835e23f60383bcb1eaeb5c6086d8ef91d239b4"
}
