import Foundation
import Hummingbird
import HummingbirdTesting
import TLSRPTKit
import TLSRPTServer
import TLSRPTTestSupport
import Testing

/// The report endpoint on a real loopback socket (HummingbirdTesting's live mode), with the same
/// application `tlsrpt serve` runs.
@Suite("serve: reports POSTed over HTTP")
struct ReportReceptionTests {
    final class Database: Sendable {
        let directory: URL
        let store: SQLiteReportStore
        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("tlsrpt-serve-" + UUID().uuidString)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = try SQLiteReportStore(path: directory.appendingPathComponent("tlsrpt.sqlite").path)
        }
        deinit { try? FileManager.default.removeItem(at: directory) }

        func reports() throws -> [StoredReport] {
            var reports: [StoredReport] = []
            try store.forEachReport(matching: ReportFilter()) { reports.append($0) }
            return reports
        }
    }

    static func configuration() -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.port = 0
        return configuration
    }

    @Test("every real report file POSTed is stored as file ingest stores it, and answered as file ingest counted it")
    func corpus() async throws {
        let database = try Database()
        let fileDatabase = try Database()
        let files = RealReports.paths(endingWith: ".json", ".json.gz")
        try #require(files.count >= 15)
        let app = try buildApplication(Self.configuration(), store: database.store)
        try await app.test(.live) { client in
            for file in files {
                // The corpus holds copies of one report (the RFC example) in several projects: file
                // ingest, in the same order, says which answer each POST must get.
                let summary = try await Ingester(store: fileDatabase.store).run(paths: [RealReports.url(file).path])
                let expected: HTTPResponse.Status = summary.accepted == 1 ? .created : summary.duplicates == 1 ? .ok : .conflict
                #expect(summary.inputsRead == 1 && summary.rejected == 0, "\(file)")
                let body = ByteBuffer(bytes: try RealReports.bytes(file))
                let type = file.hasSuffix(".gz") ? "application/tlsrpt+gzip" : "application/tlsrpt+json"
                let first = try await client.execute(uri: "/tlsrpt", method: .post, headers: [.contentType: type, .userAgent: "corpus-test"], body: body)
                #expect(first.status == expected, "\(file): \(String(buffer: first.body))")
                let again = try await client.execute(uri: "/", method: .post, body: body)
                #expect(again.status == (expected == .conflict ? .conflict : .ok), "\(file): \(String(buffer: again.body))")
            }
        }
        let posted = try database.reports()
        #expect(posted.count >= 15)
        #expect(posted.map(\.report) == (try fileDatabase.reports()).map(\.report))
        #expect(posted.allSatisfy { $0.provenance.userAgent == "corpus-test" && $0.provenance.remoteAddress == "127.0.0.1" })
    }

    @Test("X-Forwarded-For names the client only when the peer is a trusted proxy, and only with an address")
    func forwardedFor() async throws {
        for trusted in [false, true] {
            let database = try Database()
            var configuration = Self.configuration()
            if trusted { configuration.trustedProxies = ["127.0.0.1"] }
            let app = try buildApplication(configuration, store: database.store)
            let headers: [String] = ["198.51.100.7, 203.0.113.9", "203.0.113.9, 127.0.0.1", "not an address", "2001:db8::1"]
            try await app.test(.live) { client in
                for (index, header) in headers.enumerated() {
                    let body = ByteBuffer(bytes: [UInt8](ReportFactory.json(reportID: "forwarded-\(index)")))
                    let forwarded = try #require(HTTPFields.Element.Name("X-Forwarded-For"))
                    let response = try await client.execute(uri: "/tlsrpt", method: .post, headers: [forwarded: header], body: body)
                    #expect(response.status == .created)
                }
            }
            let addresses = try database.reports().sorted { $0.report.reportID < $1.report.reportID }.map(\.provenance.remoteAddress)
            let expected = trusted ? ["203.0.113.9", "203.0.113.9", "127.0.0.1", "2001:db8::1"] : Array(repeating: "127.0.0.1", count: 4)
            #expect(addresses == expected, "trusted: \(trusted)")
        }
    }

    @Test("each bad request gets its status and a one-line reason; bodies that are not reports are kept as rejects")
    func badRequests() async throws {
        let database = try Database()
        var configuration = Self.configuration()
        configuration.maximumBodySize = 64 << 10
        configuration.maximumReportSize = 1 << 20
        let bomb = try ReportFactory.gzip(Data(count: 4 << 20))
        let app = try buildApplication(configuration, store: database.store)
        try await app.test(.live) { client in
            let cases: [(String, HTTPRequest.Method, HTTPFields, [UInt8], HTTPResponse.Status)] = [
                ("HTML page", .post, [.contentType: "application/tlsrpt+gzip"], Array("<html><body>502</body></html>".utf8), .badRequest),
                ("plain text", .post, [:], Array("hello".utf8), .badRequest),
                ("cut JSON", .post, [.contentType: "application/tlsrpt+json"], Array("{\"organization-name\":".utf8), .badRequest),
                ("gzip bomb", .post, [.contentType: "application/tlsrpt+gzip"], [UInt8](bomb), .contentTooLarge),
                ("body over the limit", .post, [:], [UInt8](repeating: 0x20, count: 65 << 10), .contentTooLarge),
                ("multipart upload", .post, [.contentType: "multipart/form-data; boundary=x"], Array("--x--".utf8), .unsupportedMediaType),
                ("image", .post, [.contentType: "image/png"], [0x89, 0x50, 0x4E, 0x47], .unsupportedMediaType),
                ("brotli", .post, [.contentEncoding: "br"], Array("x".utf8), .unsupportedMediaType),
                ("GET", .get, [:], [], .methodNotAllowed),
            ]
            for (name, method, headers, body, status) in cases {
                let response = try await client.execute(uri: "/tlsrpt", method: method, headers: headers, body: ByteBuffer(bytes: body))
                #expect(response.status == status, "\(name): \(String(buffer: response.body))")
                let text = String(buffer: response.body)
                #expect(text.hasSuffix("\n") && text.dropLast().contains("\n") == false, "\(name): one line, got \(text)")
                if status == .methodNotAllowed { #expect(response.headers[.allow] == "POST") }
            }
        }
        // The HTML page, the text, the cut JSON and the bomb are kept; refused requests are not.
        let rejects = try database.store.inputs(withStatus: [.rejected])
        #expect(rejects.count == 4)
        #expect(rejects.allSatisfy { $0.provenance.remoteAddress == "127.0.0.1" })
        #expect(try database.reports().isEmpty)
    }

    @Test("500 POSTs from 50 concurrent curl clients, a third of them duplicates: every report stored exactly once")
    func concurrentClients() async throws {
        let database = try Database()
        let app = try buildApplication(Self.configuration(), store: database.store)
        let bodies = database.directory.appendingPathComponent("bodies")
        try FileManager.default.createDirectory(at: bodies, withIntermediateDirectories: true)
        for index in 0..<350 {
            try ReportFactory.gzip(ReportFactory.json(reportID: "concurrent-\(index)", day: "2026-11-\(10 + index % 10)"))
                .write(to: bodies.appendingPathComponent("\(index).json.gz"))
        }
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // One transfer per request, separated by `next` (a trailing `next` would be an empty transfer).
            let config = (0..<500).map { request in
                """
                url = "http://127.0.0.1:\(port)/tlsrpt"
                data-binary = "@\(bodies.path)/\(request % 350).json.gz"
                header = "Content-Type: application/tlsrpt+gzip"
                output = "/dev/null"
                write-out = "%{http_code}\\n"

                """
            }.joined(separator: "next\n")
            let configFile = database.directory.appendingPathComponent("curl.config")
            try config.write(to: configFile, atomically: true, encoding: .utf8)
            let output = try await Curl(["--silent", "--parallel", "--parallel-max", "50", "--config", configFile.path]).output()
            let codes = output.split(separator: "\n").map(String.init)
            #expect(codes.count == 500)
            #expect(codes.filter { $0 == "201" }.count == 350)
            #expect(codes.filter { $0 == "200" }.count == 150, "\(Dictionary(grouping: codes, by: { $0 }).mapValues(\.count))")
        }
        let reports = try database.reports()
        #expect(reports.count == 350)
        #expect(Set(reports.map(\.report.reportID)).count == 350)
        #expect(try database.store.inputs(withStatus: InputStatus.allCases).count == 350)
    }

    @Test("with the write queue full, POSTs are answered 503 with Retry-After at once, and the waiting one is stored")
    func queueFull() async throws {
        let database = try Database()
        var configuration = Self.configuration()
        configuration.maximumQueuedReports = 1
        let app = try buildApplication(configuration, store: database.store)
        // A second writer holds the database's write lock, so the first report to arrive waits.
        let blocker = try SQLiteReportStore(path: database.directory.appendingPathComponent("tlsrpt.sqlite").path).makeWriteSession()
        _ = try await blocker.write(
            IngestBatch(inputs: [DecodedInput(provenance: Provenance(source: "blocker", receivedAt: 0), original: [], outcome: .failure(ReportRejection(reason: "x")))]))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let posts = try (0..<4).map { index in
                try Curl(
                    [
                        "--silent", "--output", "/dev/null", "--write-out", "%{http_code} %header{retry-after}", "--data-binary", "@-",
                        "http://127.0.0.1:\(port)/tlsrpt",
                    ], input: try ReportFactory.gzip(ReportFactory.json(reportID: "queued-\(index)")))
            }
            // One waits for the lock; the other three are refused without waiting for it.
            while posts.filter(\.isRunning).count > 1 { try await Task.sleep(for: .milliseconds(10)) }
            await blocker.rollback()
            var answers: [String] = []
            for post in posts { answers.append(try await post.output()) }
            #expect(answers.sorted() == ["201 ", "503 10", "503 10", "503 10"], "\(answers)")
        }
        #expect(try database.reports().count == 1)
    }
}

/// Runs the system's curl, a real HTTP client independent of ours.
///
/// The server under test runs in this process on the cooperative thread pool, so a test waits for
/// curl by polling, never by blocking one of the pool's threads.
final class Curl: Sendable {
    private let process: Process
    private let output: OutputCollector

    /// Starts curl with `arguments`, feeding it `input` on standard input.
    init(_ arguments: [String], input: Data? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = arguments
        let outputPipe = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardInput = inputPipe
        try process.run()
        output = OutputCollector(outputPipe.fileHandleForReading)
        if let input { inputPipe.fileHandleForWriting.write(input) }
        try inputPipe.fileHandleForWriting.close()
        self.process = process
    }

    var isRunning: Bool { process.isRunning }

    /// Waits for curl to exit and returns what it wrote to standard output.
    func output() async throws -> String {
        while process.isRunning { try await Task.sleep(for: .milliseconds(5)) }
        return String(decoding: output.wait(), as: UTF8.self)
    }
}
