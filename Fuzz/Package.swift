// swift-tools-version:6.1
// libFuzzer targets for tlsrpt's parsers (issue #13). Not part of the root package: they build
// only with `-sanitize=fuzzer` (libFuzzer provides `main`) and reach internal API through
// `@testable import`, so TLSRPTKit is compiled with `-enable-testing`. Build and run with
// `Fuzz/run.sh TARGET SECONDS` (see Fuzz/README.md).
import Foundation
import PackageDescription

/// The root package's identity is its folder's name (a path dependency), whatever the clone is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let targets = ["inflate", "json", "report", "mime", "mbox", "policy", "imap", "http"]

let package = Package(
    name: "tlsrpt-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "CFuzzer", path: "CFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzer"], path: "Support"),
    ]
        + targets.map { name in
            .executableTarget(
                name: "fuzz-\(name)",
                dependencies: ["FuzzSupport", .product(name: "TLSRPTKit", package: root)],
                path: "Targets/\(name)",
                swiftSettings: [.unsafeFlags(["-parse-as-library"])]
            )
        },
    swiftLanguageModes: [.v6]
)
