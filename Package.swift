// swift-tools-version:6.2
import Foundation
import PackageDescription

let package = Package(
    name: "outcry",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "outcry", targets: ["outcry"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .target(name: "OutcryModel"),
        .target(name: "OutcryDetection", dependencies: ["OutcryModel"]),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(
            name: "OutcryStore",
            dependencies: [
                "OutcryModel", "CSQLite",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The PostgreSQL store: the same OutcryStorage protocol, for several daemons sharing one database.
        .target(
            name: "OutcryPostgres",
            dependencies: [
                "OutcryModel", "OutcryStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "OutcryEngine",
            dependencies: [
                "OutcryModel", "OutcryDetection", "OutcryStore", "OutcryPostgres",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // The detector benchmark behind `outcry benchmark-detector`: only the CLI's benchmark command imports it.
        .target(name: "OutcryBenchmarks", dependencies: ["OutcryDetection", "OutcryModel"]),
        .target(
            name: "OutcryServer",
            dependencies: [
                "OutcryEngine", "OutcryModel", "OutcryStore", "OutcryDetection",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .target(
            name: "OutcryCLI",
            dependencies: [
                "OutcryEngine", "OutcryDetection", "OutcryModel", "OutcryStore", "OutcryServer", "OutcryBenchmarks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "outcry",
            dependencies: [
                "OutcryCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "OutcryTestSupport",
            dependencies: [
                "OutcryModel", "OutcryStore", "OutcryEngine", "OutcryPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/OutcryTestSupport"
        ),
        .testTarget(name: "OutcryModelTests", dependencies: ["OutcryModel", "OutcryEngine", "OutcryTestSupport"]),
        .testTarget(
            name: "OutcryDetectionTests", dependencies: ["OutcryDetection", "OutcryModel", "OutcryTestSupport"]),
        .testTarget(name: "OutcryStoreTests", dependencies: ["OutcryStore", "OutcryModel", "OutcryTestSupport"]),
        .testTarget(
            name: "OutcryPostgresTests",
            dependencies: [
                "OutcryPostgres", "OutcryStore", "OutcryModel", "OutcryTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "OutcryEngineTests",
            dependencies: [
                "OutcryEngine", "OutcryStore", "OutcryDetection", "OutcryModel", "OutcryTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // Golden files are read through #filePath, not bundled.
            exclude: ["Exports/Golden"]
        ),
        .testTarget(
            name: "OutcryServerTests",
            dependencies: [
                "OutcryServer", "OutcryEngine", "OutcryStore", "OutcryDetection", "OutcryModel", "OutcryTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(
            name: "OutcryCLITests",
            dependencies: [
                "OutcryCLI", "OutcryEngine", "OutcryModel", "OutcryTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ]
)

/// One settings list for every Swift target (STYLE.md convention 4).
let sharedSwiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
]

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + sharedSwiftSettings
}

// MARK: - Fuzzing

/// libFuzzer targets (Fuzz/<Name>/main.swift), in the package graph only when `OUTCRY_FUZZ` is set, like
/// Hummingbird's `ENABLE_HB_BENCHMARKS`: `swift build`, `swift test` and CI never see them. Scripts/fuzz.sh
/// builds them with `-sanitize=fuzzer,address` into `.build-fuzz` and runs each on its seeds in Tests/Fuzz/.
if Context.environment["OUTCRY_FUZZ"] != nil {
    var fuzzTargets = ["FuzzReportBody", "FuzzJSONLines", "FuzzCSVImport", "FuzzTimestamp", "FuzzStatuspage"]
    // The query-string target needs RouteQueries (Sources/OutcryModel/Query/): listed once that exists.
    if FileManager.default.fileExists(atPath: Context.packageDirectory + "/Sources/OutcryModel/Query") {
        fuzzTargets.append("FuzzRouteQueries")
    }
    package.targets.append(
        .target(
            name: "FuzzSupport", dependencies: ["OutcryModel"], path: "Fuzz/FuzzSupport",
            swiftSettings: sharedSwiftSettings)
    )
    for name in fuzzTargets {
        package.targets.append(
            .executableTarget(
                name: name, dependencies: ["FuzzSupport", "OutcryModel"], path: "Fuzz/\(name)",
                swiftSettings: sharedSwiftSettings
            )
        )
    }
}

// MARK: - Documentation

/// swift-docc-plugin, in the graph only when `OUTCRY_DOCS` is set (like GRDB's `SPI_BUILDER`), so `swift build`,
/// `swift test` and CI never resolve it. Scripts/docs.sh sets it and runs `swift package generate-documentation`.
if Context.environment["OUTCRY_DOCS"] != nil {
    package.dependencies.append(.package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"))
}
