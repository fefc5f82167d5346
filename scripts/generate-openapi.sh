#!/usr/bin/env bash
# Regenerates Sources/FaultRayServer/Generated (the OpenAPI types and server protocol) from
# Sources/FaultRayServer/openapi.yaml with swift-openapi-generator, configured by
# scripts/openapi-generator-config.yaml, and writes the stamp the tests compare with those inputs.
#
#   scripts/generate-openapi.sh           regenerate (commit the result)
#   scripts/generate-openapi.sh --check   regenerate into a temporary directory; fail if the committed code differs
#
# The generator is built from scripts/openapi-generator (its own package) the first time; the main package never
# runs it. OPENAPI_GENERATOR=<path to a built swift-openapi-generator of that version> skips the build (e.g. one
# built in another checkout).
set -euo pipefail
cd "$(dirname "$0")/.."
document=Sources/FaultRayServer/openapi.yaml
config=scripts/openapi-generator-config.yaml
generated=Sources/FaultRayServer/Generated
tool=scripts/openapi-generator

case "${1:-}" in
    "") output=$generated ;;
    --check) output=$(mktemp -d); trap 'rm -rf "$output"' EXIT ;;
    *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

if [ -n "${OPENAPI_GENERATOR:-}" ]; then
    generator=$OPENAPI_GENERATOR
else
    swift build --package-path "$tool" -c release --product swift-openapi-generator >&2
    generator="$(swift build --package-path "$tool" -c release --show-bin-path)/swift-openapi-generator"
fi
version=$(sed -n '/"identity" : "swift-openapi-generator"/,/"version"/s/.*"version" : "\(.*\)".*/\1/p' "$tool/Package.resolved")

"$generator" generate "$document" --config "$config" --output-directory "$output" >&2
sha() { sha256sum "$1" | cut -d' ' -f1; }
cat > "$output/GeneratedStamp.swift" <<STAMP
// Written by scripts/generate-openapi.sh; do not edit. GeneratedCodeTests compares it with the inputs.

/// What the code in this directory was generated from.
enum GeneratedStamp {
    static let generatorVersion = "$version"
    /// SHA-256 of Sources/FaultRayServer/openapi.yaml.
    static let documentSHA256 = "$(sha "$document")"
    /// SHA-256 of scripts/openapi-generator-config.yaml.
    static let configSHA256 = "$(sha "$config")"
}
STAMP

if [ "${1:-}" = --check ]; then
    if ! diff -ru "$generated" "$output"; then
        echo "$generated is stale: run scripts/generate-openapi.sh and commit the result." >&2
        exit 1
    fi
    echo "$generated is up to date (swift-openapi-generator $version)." >&2
fi
