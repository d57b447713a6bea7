// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "tlsrpt",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "TLSRPTKit", targets: ["TLSRPTKit"]),
        .executable(name: "tlsrpt", targets: ["tlsrpt"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
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
            ]
        ),
        .executableTarget(
            name: "tlsrpt",
            dependencies: [
                "TLSRPTKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "TLSRPTKitTests",
            dependencies: ["TLSRPTKit"]
        ),
        .testTarget(
            name: "tlsrptTests",
            // GRDB: to set up databases as an older, newer or damaged build left them.
            dependencies: ["TLSRPTKit", "tlsrpt", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
