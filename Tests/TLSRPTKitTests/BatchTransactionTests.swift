import Foundation
import Testing

@testable import TLSRPTKit

/// Several batches per SQLite transaction (``BatchWriterQueue``): counts and file moves take effect
/// at a commit, readers see only committed batches, and a failed write rolls back the whole open
/// transaction. Real files and a real SQLite database throughout.
@Suite("Batches grouped into transactions")
struct BatchTransactionTests {
    /// Inputs per batch in the ingest tests: small, so that a few dozen files make many batches.
    static let batchSize = 2
    /// Batches in the ingest tests: two full transactions and three batches more.
    static let batchCount = 2 * BatchWriterQueue.batchesPerTransaction + 3
    /// Files in the ingest tests (38 with 8 batches per transaction).
    static let fileCount = batchSize * batchCount

    /// The accepted totals a run over ``fileCount`` valid files reports: one per commit, that is
    /// after every full transaction and once more at the end (16, 32, 38).
    static var expectedProgress: [Int] {
        let perTransaction = batchSize * BatchWriterQueue.batchesPerTransaction
        return Array(stride(from: perTransaction, to: fileCount, by: perTransaction)) + [fileCount]
    }

    // MARK: - Helpers

    /// A fresh, empty temporary directory.
    private static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("tlsrpt-batch-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A small valid RFC 8460 report, told apart from the others by its report-id and policy domain.
    private static func reportJSON(_ id: String) -> [UInt8] {
        let domain = "\(id).example"
        let json = #"""
            {"organization-name":"Example Reporter","date-range":{"start-datetime":"2026-11-01T00:00:00Z","end-datetime":"2026-11-01T23:59:59Z"},"contact-info":"tlsrpt@reporter.example","report-id":"\#(id)","policies":[{"policy":{"policy-type":"sts","policy-string":["version: STSv1","mode: testing","mx: mx.\#(domain)","max_age: 86400"],"policy-domain":"\#(domain)","mx-host":["mx.\#(domain)"]},"summary":{"total-successful-session-count":10,"total-failure-session-count":0}}]}
            """#
        return Array(json.utf8)
    }

    /// The report-id of file `index` in a directory written by ``writeReports(count:into:)``.
    private static func reportID(_ index: Int) -> String {
        "batch-\(String(format: "%03d", index))"
    }

    /// Writes `count` distinct gzip'd reports into `directory`; returns their file names.
    @discardableResult
    private static func writeReports(count: Int, into directory: URL) throws -> [String] {
        try (0..<count).map { index in
            let name = "reporter.example!\(reportID(index)).json.gz"
            try Data(Deflater.gzip(reportJSON(reportID(index)))).write(to: directory.appendingPathComponent(name))
            return name
        }
    }

    /// One decoded input, decoded from real gzip bytes by the library's decoder.
    private static func decoded(_ id: String, storedInputID: Int64? = nil) throws -> DecodedInput {
        let provenance = Provenance(source: "/reports/\(id).json.gz", fileName: "\(id).json.gz", receivedAt: 1_800_000_000)
        let outcome = InputDecoder(maximumReportSize: 16 << 20).decodeInput(Deflater.gzip(reportJSON(id)), provenance: provenance)
        var inputs: [DecodedInput] = []
        if case .inputs(let decoded) = outcome { inputs = decoded }
        try #require(inputs.count == 1, "the report \(id) did not decode: \(outcome)")
        var input = inputs[0]
        _ = try input.outcome.get()  // throws the rejection if the report was rejected
        input.storedInputID = storedInputID
        return input
    }

    /// A batch of the decoded reports `ids`.
    private static func batch(_ ids: String...) throws -> IngestBatch {
        var batch = IngestBatch()
        batch.inputs = try ids.map { try decoded($0) }
        return batch
    }

    /// The report-ids `store` shows its readers.
    private static func visibleReportIDs(_ store: SQLiteReportStore) throws -> Set<String> {
        var ids = Set<String>()
        try store.forEachReport(matching: ReportFilter()) { ids.insert($0.report.reportID) }
        return ids
    }

    /// What the progress callback saw, in call order.
    private final class ProgressLog<Entry: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [Entry] = []

        func append(_ entry: Entry) {
            lock.withLock { storage.append(entry) }
        }

        var entries: [Entry] { lock.withLock { storage } }
    }

    // MARK: - Ingester

    @Test("progress is reported once per commit, with the totals committed so far")
    func progressOncePerCommit() async throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let reports = root.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        try Self.writeReports(count: Self.fileCount, into: reports)
        let databasePath = root.appendingPathComponent("tlsrpt.sqlite").path
        let store = try SQLiteReportStore(path: databasePath)
        let reader = try SQLiteReportStore(path: databasePath)

        var options = IngestOptions()
        options.batchSize = Self.batchSize
        // (accepted reported, reports a second connection sees at that moment)
        let log = ProgressLog<(accepted: Int, visible: Int)>()
        let summary = try await Ingester(store: store, options: options).run(paths: [reports.path]) { progress in
            let visible = (try? Self.visibleReportIDs(reader).count) ?? -1
            log.append((progress.accepted, visible))
        }

        #expect(summary.accepted == Self.fileCount)
        #expect(summary.inputsRead == Self.fileCount)
        #expect(summary.duplicates == 0 && summary.conflicts == 0 && summary.rejected == 0)
        #expect(summary.failures.isEmpty)

        let accepted = log.entries.map(\.accepted)
        #expect(accepted == Self.expectedProgress, "one progress call per commit")
        #expect(zip(accepted, accepted.dropFirst()).allSatisfy { $0 < $1 }, "totals strictly increase: \(accepted)")
        #expect(accepted.last == Self.fileCount)
        // A count is reported only once committed: readers see exactly what was counted, not the
        // batches written after it into the next, still open, transaction.
        for entry in log.entries {
            #expect(entry.visible == entry.accepted, "reported \(entry.accepted), readers saw \(entry.visible)")
        }
        #expect(try Self.visibleReportIDs(reader) == Set((0..<Self.fileCount).map(Self.reportID)))
    }

    @Test("--move-to moves each file once its transaction commits, and every file is moved in the end")
    func moveToAtCommit() async throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let reports = root.appendingPathComponent("reports")
        let processed = root.appendingPathComponent("processed")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        let names = try Self.writeReports(count: Self.fileCount, into: reports)
        let databasePath = root.appendingPathComponent("tlsrpt.sqlite").path
        let store = try SQLiteReportStore(path: databasePath)
        let reader = try SQLiteReportStore(path: databasePath)

        var options = IngestOptions()
        options.batchSize = Self.batchSize
        options.moveProcessedTo = processed.path
        let fileCount: @Sendable (URL) -> Int = { directory in
            ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).count
        }
        // (accepted reported, files moved, files left, reports readers see)
        let log = ProgressLog<(accepted: Int, moved: Int, left: Int, visible: Int)>()
        let summary = try await Ingester(store: store, options: options).run(paths: [reports.path]) { progress in
            let visible = (try? Self.visibleReportIDs(reader).count) ?? -1
            log.append((progress.accepted, fileCount(processed), fileCount(reports), visible))
        }

        #expect(summary.accepted == Self.fileCount)
        #expect(summary.failures.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: reports.path).isEmpty)
        #expect(try Set(FileManager.default.contentsOfDirectory(atPath: processed.path)) == Set(names))
        #expect(try Self.visibleReportIDs(reader) == Set((0..<Self.fileCount).map(Self.reportID)))
        // At each commit, exactly the files of the committed batches have moved: none of a batch
        // written into the next, still open, transaction.
        #expect(log.entries.map(\.accepted) == Self.expectedProgress)
        for entry in log.entries {
            #expect(entry.moved == entry.accepted, "\(entry)")
            #expect(entry.left == Self.fileCount - entry.accepted, "\(entry)")
            #expect(entry.visible == entry.accepted, "\(entry)")
        }
    }

    // MARK: - SQLiteReportStore

    @Test("a batch a write session has not committed is invisible to readers until the session commits")
    func uncommittedBatchIsInvisible() async throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let databasePath = root.appendingPathComponent("tlsrpt.sqlite").path
        let store = try SQLiteReportStore(path: databasePath)
        let session = try store.makeWriteSession()

        let first = try await session.write(Self.batch("tx-a"))
        #expect(first.accepted == 1)
        // A second store on the same file, opened while the transaction is open (as `tlsrpt
        // summary` would be during a cron ingest), and the writing store's own readers.
        let reader = try SQLiteReportStore(path: databasePath)
        #expect(try reader.domains().isEmpty)
        #expect(try Self.visibleReportIDs(reader).isEmpty)
        #expect(try reader.inputs(withStatus: [.accepted]).isEmpty)
        #expect(try Self.visibleReportIDs(store).isEmpty)

        let second = try await session.write(Self.batch("tx-b"))
        #expect(second.accepted == 1)
        try await session.commit()
        #expect(try Self.visibleReportIDs(reader) == ["tx-a", "tx-b"])
        #expect(try reader.domains().map(\.domain).sorted() == ["tx-a.example", "tx-b.example"])
        #expect(try reader.inputs(withStatus: [.accepted]).count == 2)

        // `write(_:)` commits on its own.
        _ = try await store.write(Self.batch("tx-c"))
        #expect(try Self.visibleReportIDs(reader) == ["tx-a", "tx-b", "tx-c"])
    }

    @Test("a write on the store while a session's transaction is open waits for it and never joins it: the session's rollback leaves only the other write")
    func sessionTransactionIsItsOwn() async throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try SQLiteReportStore(path: root.appendingPathComponent("tlsrpt.sqlite").path)
        let session = try store.makeWriteSession()
        #expect(try await session.write(Self.batch("in-session")).accepted == 1)

        let other = try Self.batch("beside")
        let started = Date()
        let write = Task.detached { try await store.write(other).accepted }
        try await Task.sleep(for: .milliseconds(300))
        await session.rollback()
        #expect(try await write.value == 1)
        #expect(Date().timeIntervalSince(started) >= 0.3, "the other write did not wait for the session's lock")
        #expect(try Self.visibleReportIDs(store) == ["beside"])
    }

    @Test("a write that fails rolls back the whole open transaction, earlier uncommitted batches included")
    func failedWriteRollsBackOpenTransaction() async throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let databasePath = root.appendingPathComponent("tlsrpt.sqlite").path
        let store = try SQLiteReportStore(path: databasePath)
        let reader = try SQLiteReportStore(path: databasePath)
        _ = try await store.write(Self.batch("committed"))

        let session = try store.makeWriteSession()
        #expect(try await session.write(Self.batch("open-a")).accepted == 1)
        // A real failure: a reprocessed input whose stored row no longer exists. The UPDATE of its
        // input row matches nothing, and the report row that refers to it breaks the foreign key.
        // The valid report before it in the same batch is written first.
        var failing = try Self.batch("open-b")
        failing.inputs.append(try Self.decoded("open-c", storedInputID: 999_999))
        let error = await #expect(throws: (any Error).self) { try await session.write(failing) }
        #expect(String(describing: error).contains("FOREIGN KEY"), "failed for another reason: \(String(describing: error))")

        #expect(try Self.visibleReportIDs(reader) == ["committed"])
        #expect(try Self.visibleReportIDs(store) == ["committed"])
        // Nothing of the rolled-back transaction is committed by the next write either.
        #expect(try await session.write(Self.batch("after")).accepted == 1)
        try await session.commit()
        #expect(try Self.visibleReportIDs(reader) == ["committed", "after"])
        #expect(try reader.inputs(withStatus: InputStatus.allCases).count == 2)
        // And "open-a" was not left behind as a known report: writing it again stores it.
        #expect(try await store.write(Self.batch("open-a")).accepted == 1)
    }
}
