import Foundation
import TLSRPTKit
import TLSRPTTestSupport
import Testing

/// Screenshots of the dashboard in headless Chromium (Debian's `chromium`, which `.ci/run`
/// installs): the domain list, a domain page at 1280 and 375 px, and the `report --html` file.
/// Each must be a real picture (not blank) of a page that logged nothing to the console (no CSP
/// violation, no error). The PNGs are kept in `$TLSRPT_SCREENSHOT_DIR` (a new temporary folder
/// when unset), which the test prints.
@Suite("dashboard screenshots in headless Chromium")
struct DashboardScreenshotTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static let folder: URL = {
        if let path = ProcessInfo.processInfo.environment["TLSRPT_SCREENSHOT_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return FileManager.default.temporaryDirectory.appendingPathComponent("tlsrpt-screenshots-" + UUID().uuidString)
    }()

    /// Runs Chromium on `url`; the PNG and what it logged.
    static func screenshot(_ url: String, width: Int, height: Int, name: String) throws -> (png: Data, log: String) {
        let chromium = try #require(chromium, "chromium is not installed: `apt-get install chromium fonts-liberation` (.ci/run does)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: file)
        let profile = try TemporaryDirectory()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(profile.url.path)", "--enable-logging=stderr", "--v=0", "--screenshot=\(file.path)",
            "--window-size=\(width),\(height)", url,
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let collector = OutputCollector(errors.fileHandleForReading)
        process.waitUntilExit()
        let log = String(decoding: collector.wait(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "chromium exited with \(process.terminationStatus): \(log)")
        return (try Data(contentsOf: file), log)
    }

    @Test("the domain list, a domain page at 1280 and 375 px and the report --html file render, not blank, with no console message")
    func screenshots() throws {
        #expect(Self.chromium != nil, "chromium is not installed: `apt-get install chromium fonts-liberation` (.ci/run does)")
        guard Self.chromium != nil else { return }
        let database = try DashboardCommandTests.SampleDatabase()
        let server = try ServeCommandTests.Server(database: database.path)
        defer { _ = server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let period = "since=2026-10-27&until=2026-11-23"
        let file = database.directory.url.appendingPathComponent("report.html")
        let report = try CommandRunner.run(["report", "--database", database.path, "--html", file.path, "--since", "2026-10-27", "--until", "2026-11-23"])
        #expect(report.status == 0, "\(report.standardError)")
        let shots: [(String, Int, Int, String)] = [
            ("\(base)/?\(period)", 1280, 900, "index-1280.png"),
            ("\(base)/domains/bravo.example?\(period)", 1280, 2000, "domain-1280.png"),
            ("\(base)/domains/bravo.example?\(period)", 375, 2000, "domain-375.png"),
            ("\(base)/?\(period)", 375, 900, "index-375.png"),
            ("file://\(file.path)", 1280, 2000, "report-html-1280.png"),
        ]
        print("dashboard screenshots: \(Self.folder.path)")
        for (url, width, height, name) in shots {
            let (png, log) = try Self.screenshot(url, width: width, height: height, name: name)
            let image = try PNGImage(png)
            #expect(image.width == width && image.height == height, "\(name): \(image.width)x\(image.height)")
            let content = image.content
            #expect(content.share > 0.03 && content.colours > 16, "\(name) looks blank: \(content)")
            let console = log.split(separator: "\n").filter { $0.contains(":CONSOLE") }
            #expect(console.isEmpty, "\(name): the page logged \(console.joined(separator: "\n"))")
        }
    }
}
