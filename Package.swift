// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "FaultRay",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "faultray", targets: ["faultray"]),
        .executable(name: "faultray-bench", targets: ["faultray-bench"]),
        .library(name: "FaultRayCore", targets: ["FaultRayCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "FaultRayCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.copy("Data")]
        ),
        // The store and the server get their dependencies (SQLiteNIO, Hummingbird) with their issues.
        .target(name: "FaultRayStore", dependencies: ["FaultRayCore"]),
        .target(name: "FaultRayServer", dependencies: ["FaultRayCore", "FaultRayStore"]),
        .executableTarget(
            name: "faultray",
            dependencies: ["FaultRayCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "faultray-bench", dependencies: ["FaultRayCore"]),
        .testTarget(name: "FaultRayCoreTests", dependencies: ["FaultRayCore"]),
    ]
)
