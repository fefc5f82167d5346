// Written by scripts/generate-openapi.sh; do not edit. GeneratedCodeTests compares it with the inputs.

/// What the code in this directory was generated from.
enum GeneratedStamp {
    static let generatorVersion = "1.14.3"
    /// SHA-256 of Sources/FaultRayServer/openapi.yaml.
    static let documentSHA256 = "649fac28d312579d4a42d6413a699aa5be4f122f56c0c1432c044d0d200bc939"
    /// SHA-256 of scripts/openapi-generator-config.yaml.
    static let configSHA256 = "30e5ed188276199e900258613da5454e2cdb5e9b54dedbe2dd1273a830ab63c7"
}
