// Written by scripts/generate-openapi.sh; do not edit. GeneratedCodeTests compares it with the inputs.

/// What the code in this directory was generated from.
enum GeneratedStamp {
    static let generatorVersion = "1.14.3"
    /// SHA-256 of Sources/FaultRayServer/openapi.yaml.
    static let documentSHA256 = "207d931673984d9c83e1e02421ce6a6731226658233db76e2f16ff66414a1898"
    /// SHA-256 of scripts/openapi-generator-config.yaml.
    static let configSHA256 = "987b7203d9ac4942ebf3ec68656cb730c6870bc3edf44700133f515177fc8e72"
}
