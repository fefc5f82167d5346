// swift-tools-version: 6.1
// The OpenAPI generator as a command-line tool, built only when the generated code is
// regenerated (scripts/generate-openapi.sh); the main package never runs the generator.
import PackageDescription

let package = Package(
    name: "openapi-generator-tool",
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator.git", from: "1.14.3"),
    ]
)
