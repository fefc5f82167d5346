// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "FaultRay",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "faultray", targets: ["faultray"]),
        .executable(name: "faultray-bench", targets: ["faultray-bench"]),
        .executable(name: "faultray-bare", targets: ["faultray-bare"]),
        .library(name: "FaultRayCore", targets: ["FaultRayCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird.git", from: "2.1.0"),
    ],
    targets: [
        .target(
            name: "FaultRayCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.copy("Data")]
        ),
        .target(
            name: "FaultRayStore",
            dependencies: [
                "FaultRayCore",
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "FaultRayServer",
            dependencies: [
                "FaultRayCore", "FaultRayStore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
            ],
            resources: [.copy("openapi.yaml"), .copy("Dashboard")]
        ),
        .executableTarget(
            name: "faultray",
            dependencies: [
                "FaultRayCore", "FaultRayServer", "FaultRayStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "faultray-bench", dependencies: ["FaultRayCore"]),
        // The bare Hummingbird route of the HTTP benchmark (scripts/bench-http.sh).
        .executableTarget(name: "faultray-bare", dependencies: [.product(name: "Hummingbird", package: "hummingbird"),
                                                               .product(name: "HTTPTypes", package: "swift-http-types")]),
        .testTarget(name: "FaultRayCoreTests", dependencies: ["FaultRayCore", .product(name: "Yams", package: "Yams")]),
        .testTarget(
            name: "FaultRayServerTests",
            dependencies: [
                "FaultRayServer", "faultray",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
