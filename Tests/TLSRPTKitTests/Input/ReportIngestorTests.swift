import Foundation
import TLSRPTKit
import TLSRPTTestSupport
import Testing

/// `ReportIngestor` through the public API only, as `serve` and `fetch` use it: bytes in memory
/// with a provenance, results once committed, many callers at once.
@Suite("ReportIngestor: bytes from anywhere, committed before it returns")
struct ReportIngestorTests {
    static func store() throws -> (SQLiteReportStore, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tlsrpt-ingestor-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return (try SQLiteReportStore(path: directory.appendingPathComponent("tlsrpt.sqlite").path), directory)
    }

    static func provenance(_ source: String) -> Provenance {
        Provenance(source: source, receivedAt: 1_764_000_000)
    }

    @Test("a report is on disk when ingest returns: a second store on the same file sees it, with its provenance")
    func committedOnReturn() async throws {
        let (store, directory) = try Self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ingestor = ReportIngestor(store: store)
        let body = [UInt8](try ReportFactory.gzip(ReportFactory.json(reportID: "posted-1")))
        let results = try await ingestor.ingest(body, provenance: Self.provenance("https://203.0.113.9/tlsrpt"), as: .report)
        guard case .accepted(let inputID)? = results.first, results.count == 1 else {
            Issue.record("expected one accepted report, got \(results)")
            return
        }
        let other = try SQLiteReportStore(path: directory.appendingPathComponent("tlsrpt.sqlite").path)
        var seen: [StoredReport] = []
        try other.forEachReport(matching: ReportFilter()) { seen.append($0) }
        #expect(seen.map(\.report.reportID) == ["posted-1"])
        #expect(seen.first?.inputID == inputID)
        #expect(seen.first?.provenance.source == "https://203.0.113.9/tlsrpt")
        #expect(try other.original(ofInput: inputID) == [UInt8](ReportFactory.json(reportID: "posted-1")))

        // The same bytes again: a duplicate of that input, nothing stored.
        #expect(try await ingestor.ingest(body, provenance: Self.provenance("again"), as: .report) == [.duplicate(ofInput: inputID)])
        #expect(try other.inputs(withStatus: InputStatus.allCases).count == 1)
    }

    @Test("a body that is not a report is a reject with its reason and its bytes kept, whatever it looks like")
    func rejects() async throws {
        let (store, directory) = try Self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ingestor = ReportIngestor(store: store)
        let bodies: [(bytes: [UInt8], kind: ReportRejection.Kind)] = [
            (Array("hello, this is plain text\n".utf8), .notAReport),
            (Array("<html><body>502</body></html>".utf8), .notAReport),
            ([0x1F, 0x8B, 0x08, 0x00, 0x01], .badCompression),
            (Array("{\"organization-name\": ".utf8), .badJSON),
            ([], .empty),
        ]
        for body in bodies {
            let results = try await ingestor.ingest(body.bytes, provenance: Self.provenance("post"), as: .report)
            guard case .rejected(let inputID, let rejection)? = results.first, results.count == 1 else {
                Issue.record("\(body.bytes.prefix(16)): expected one reject, got \(results)")
                continue
            }
            #expect(rejection.kind == body.kind, "\(rejection.reason)")
            #expect(try store.original(ofInput: inputID) == body.bytes)
        }
        #expect(try store.inputs(withStatus: [.rejected]).count == bodies.count)

        // The same plain text as a file is "without a report": nothing stored.
        #expect(try await ingestor.ingest(bodies[0].bytes, provenance: Self.provenance("README"), as: .file).isEmpty)
        // And a message without a TLS report holds none.
        let bounce = Array("From: mailer-daemon@example.com\r\nSubject: bounce\r\n\r\nundeliverable\r\n".utf8)
        #expect(try await ingestor.ingest(bounce, provenance: Self.provenance("imap"), as: .message).isEmpty)
        #expect(try store.inputs(withStatus: [.rejected]).count == bodies.count)
    }

    @Test("an e-mail with a report attachment gives its report, with the message's headers as provenance")
    func message() async throws {
        let (store, directory) = try Self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        let message = [UInt8](try RealReports.bytes("mox/example.eml"))
        let results = try await ReportIngestor(store: store).ingest(message, provenance: Self.provenance("imap://mail/INBOX;UID=7"), as: .message)
        #expect(results.count == 1)
        var provenance: Provenance?
        try store.forEachReport(matching: ReportFilter()) { provenance = $0.provenance }
        #expect(provenance?.source == "imap://mail/INBOX;UID=7")
        #expect(provenance?.messageID?.isEmpty == false)
    }

    @Test("many callers at once: every report stored exactly once, duplicates recognised, results in each caller's order")
    func concurrentCallers() async throws {
        let (store, directory) = try Self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ingestor = ReportIngestor(store: store)
        let bodies = try (0..<200).map { [UInt8](try ReportFactory.gzip(ReportFactory.json(reportID: "concurrent-\($0 % 150)"))) }
        let results = try await withThrowingTaskGroup(of: [InputResult].self) { group in
            for (index, body) in bodies.enumerated() {
                group.addTask { try await ingestor.ingest(body, provenance: Self.provenance("client-\(index)"), as: .report) }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(results.count == 200)
        #expect(results.filter { $0.status == .accepted }.count == 150)
        #expect(results.filter { $0.status == .duplicate }.count == 50)
        var stored: [String] = []
        try store.forEachReport(matching: ReportFilter()) { stored.append($0.report.reportID) }
        #expect(stored.count == 150)
        #expect(Set(stored).count == 150)
        #expect(ingestor.queuedInputs == 0)
    }

    @Test("while the writer is held up, calls past the queue limit fail at once with queueFull; later calls succeed")
    func queueFull() async throws {
        let (store, directory) = try Self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("tlsrpt.sqlite").path
        let ingestor = ReportIngestor(store: store, maximumQueuedInputs: 1)
        let body: @Sendable (String) throws -> [UInt8] = { [UInt8](try ReportFactory.gzip(ReportFactory.json(reportID: $0))) }

        // Another process-like writer holds the database's write lock: the ingestor's writer waits.
        let blocker = try SQLiteReportStore(path: path).makeWriteSession()
        var blocking = IngestBatch()
        blocking.inputs = [DecodedInput(provenance: Self.provenance("blocker"), original: [], outcome: .failure(ReportRejection(reason: "x")))]
        _ = try await blocker.write(blocking)

        let first = Task { try await ingestor.ingest(try body("first"), provenance: Self.provenance("first"), as: .report) }
        while ingestor.queuedInputs == 0 { try await Task.sleep(for: .milliseconds(5)) }
        for index in 0..<5 {
            await #expect(throws: IngestError.queueFull(limit: 1)) {
                try await ingestor.ingest(try body("refused-\(index)"), provenance: Self.provenance("refused"), as: .report)
            }
        }
        await blocker.rollback()
        #expect(try await first.value.map(\.status) == [.accepted])
        #expect(try await ingestor.ingest(try body("later"), provenance: Self.provenance("later"), as: .report).map(\.status) == [.accepted])
        var stored: [String] = []
        try store.forEachReport(matching: ReportFilter()) { stored.append($0.report.reportID) }
        #expect(stored.sorted() == ["first", "later"])
    }
}
