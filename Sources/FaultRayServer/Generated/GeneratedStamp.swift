// Written by scripts/generate-openapi.sh; do not edit. GeneratedCodeTests compares it with the inputs.

/// What the code in this directory was generated from.
enum GeneratedStamp {
    static let generatorVersion = "1.14.3"
    /// SHA-256 of Sources/FaultRayServer/openapi.yaml.
    static let documentSHA256 = "b80eb88492edeabbe0103bfabbae705916a43c4a28d1aa58287657181eef3a14"
    /// SHA-256 of scripts/openapi-generator-config.yaml.
    static let configSHA256 = "1448713ff8d96733eb33f0fcbc00d78a91c7d91afd58f6611454e1417e7a86f6"
}
