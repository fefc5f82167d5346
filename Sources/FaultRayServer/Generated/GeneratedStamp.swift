// Written by scripts/generate-openapi.sh; do not edit. GeneratedCodeTests compares it with the inputs.

/// What the code in this directory was generated from.
enum GeneratedStamp {
    static let generatorVersion = "1.14.3"
    /// SHA-256 of Sources/FaultRayServer/openapi.yaml.
    static let documentSHA256 = "89d8218b3fd67e963df697c4a8d8cc60222849e9ef13e14e3096844b38752d1b"
    /// SHA-256 of scripts/openapi-generator-config.yaml.
    static let configSHA256 = "46c489835a2525941041f525b37baa002d21af0c60cd71d0b8bf4c572fd120e7"
}
