// Written by scripts/generate-openapi.sh; do not edit. GeneratedCodeTests compares it with the inputs.

/// What the code in this directory was generated from.
enum GeneratedStamp {
    static let generatorVersion = "1.14.3"
    /// SHA-256 of Sources/FaultRayServer/openapi.yaml.
    static let documentSHA256 = "88864a6945d905df4479863f120d2995ff57844db1e68a26fe0135b798b9afcc"
    /// SHA-256 of scripts/openapi-generator-config.yaml.
    static let configSHA256 = "869344331a221c620b1f76b27797f1cd6ae09aab0eb7ce875c53611c811faace"
}
