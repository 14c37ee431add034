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
        .library(name: "UndertoneStore", targets: ["UndertoneStore"]),
        .library(name: "UndertoneServer", targets: ["UndertoneServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
    ],
    targets: [
        .target(
            name: "UndertoneEngine",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [
                .copy("Resources/emotion-model.utm"), .copy("Resources/intent-model.uti"), .copy("Resources/Policies"),
                .copy("Resources/emotion-model-es.utm"), .copy("Resources/emotion-model-fr.utm"), .copy("Resources/intent-model-es.uti"),
                .copy("Resources/intent-model-fr.uti"), .copy("Resources/language-model.uld"),
                .copy("Resources/Scorecards"),
                .copy("Resources/Knowledge"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "UndertoneStore",
            dependencies: [
                "UndertoneEngine",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        // whisper.cpp through dlopen, with Undertone's own declarations of the few functions it calls: nothing to link.
        .target(name: "CWhisper", linkerSettings: [.linkedLibrary("dl")]),
        .target(
            name: "UndertoneServer",
            dependencies: [
                "CWhisper",
                "UndertoneEngine",
                "UndertoneStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/openapi.json"), .copy("Resources/Dashboard")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "undertone",
            dependencies: [
                "UndertoneEngine",
                "UndertoneServer",
                "UndertoneStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "UndertoneEngineTests",
            dependencies: ["UndertoneEngine"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "UndertoneStoreTests",
            dependencies: [
                "UndertoneStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "UndertoneServerTests",
            dependencies: [
                "UndertoneServer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["Fixtures"],
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
