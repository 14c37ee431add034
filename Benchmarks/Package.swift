// swift-tools-version: 6.2
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, whatever the checkout is called.
let undertone = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

// Kept apart from the main package so that its build and CI's tests stay lean. Run: `swift package benchmark`.
let package = Package(
    name: "undertone-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "TextModel",
            dependencies: [
                .product(name: "UndertoneEngine", package: undertone),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/TextModel",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "CallAnalyzer",
            dependencies: [
                .product(name: "UndertoneEngine", package: undertone),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/CallAnalyzer",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Prosody",
            dependencies: [
                .product(name: "UndertoneEngine", package: undertone),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Prosody",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
