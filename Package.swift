// swift-tools-version: 6.2
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "undertone",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "undertone", targets: ["undertone"]),
        .library(name: "UndertoneEngine", targets: ["UndertoneEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(
            name: "UndertoneEngine",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources/emotion-model.utm"), .copy("Resources/Policies")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "undertone",
            dependencies: [
                "UndertoneEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "UndertoneEngineTests",
            dependencies: ["UndertoneEngine"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "undertoneTests",
            dependencies: ["undertone"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
