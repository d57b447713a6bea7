// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "tlsrpt",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "TLSRPTKit", targets: ["TLSRPTKit"]),
        .library(name: "TLSRPTDashboard", targets: ["TLSRPTDashboard"]),
        .library(name: "TLSRPTServer", targets: ["TLSRPTServer"]),
        .executable(name: "tlsrpt", targets: ["tlsrpt"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", exact: "2.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "TLSRPTKit",
            dependencies: [
                "CZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                // The IMAP client of `tlsrpt fetch` (Input/IMAP).
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "TLSRPTDashboard",
            dependencies: [
                "TLSRPTKit",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(
            name: "TLSRPTServer",
            dependencies: [
                "TLSRPTKit",
                "TLSRPTDashboard",
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBasicAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "tlsrpt",
            dependencies: [
                "TLSRPTKit",
                "TLSRPTDashboard",
                "TLSRPTServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "TLSRPTTestSupport",
            path: "Tests/TLSRPTTestSupport"
        ),
        .testTarget(
            name: "TLSRPTKitTests",
            dependencies: ["TLSRPTKit", "TLSRPTTestSupport"]
        ),
        .testTarget(
            name: "TLSRPTDashboardTests",
            dependencies: ["TLSRPTDashboard", "TLSRPTKit", "TLSRPTTestSupport"]
        ),
        .testTarget(
            name: "TLSRPTServerTests",
            dependencies: [
                "TLSRPTServer",
                "TLSRPTDashboard",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                "TLSRPTTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "tlsrptTests",
            // GRDB: to set up databases as an older, newer or damaged build left them.
            dependencies: ["TLSRPTKit", "tlsrpt", "TLSRPTTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
