import Foundation
import GRDB
import TLSRPTTestSupport
import Testing

@testable import TLSRPTKit

/// What the SQLite store throws when the database itself fails: its own ``StoreError``, never a
/// GRDB `DatabaseError`, made here by real SQLite failures.
@Suite("SQLiteReportStore errors: StoreError, not DatabaseError")
struct StoreErrorTests {
    static func input(_ id: String, bytes: Int = 0) -> DecodedInput {
        let json = ReportFactory.json(organization: "Reporter " + String(repeating: "x", count: bytes), reportID: id)
        return ReportStoreConformanceTests.input(json, source: "in/\(id).json")
    }

    @Test("a database that cannot grow is StoreError.full; the batch is rolled back and what was committed stays")
    func full() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tlsrpt-full-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteReportStore(path: folder.appendingPathComponent("tlsrpt.sqlite").path)
        _ = try await store.write(IngestBatch(inputs: [Self.input("kept")], seenFiles: []))
        // The write session's connection may not add a single page: SQLite answers SQLITE_FULL,
        // as on a full disk.
        let session = try #require(try store.makeWriteSession() as? SQLiteWriteSession)
        try await session.connection.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
        let big = (0..<40).map { Self.input("big-\($0)", bytes: 4_000) }
        do {
            _ = try await session.write(IngestBatch(inputs: big, seenFiles: []))
            try await session.commit()
            Issue.record("the write should not fit")
        } catch let error as StoreError {
            guard case .full = error else {
                Issue.record("expected .full, got \(error)")
                return
            }
            #expect(error.description.contains("is full"))
        } catch {
            Issue.record("not a StoreError: \(type(of: error)) \(error)")
        }
        var stored: [String] = []
        try store.forEachReport(matching: ReportFilter()) { stored.append($0.report.reportID) }
        #expect(stored == ["kept"])
    }

    @Test("SQLite's result codes map to the store's errors; other errors pass through as they are")
    func mapping() {
        func mapped(_ code: ResultCode) -> String {
            let error = SQLiteReportStore.storeError(for: DatabaseError(resultCode: code, message: "m"), path: "/db")
            return (error as? StoreError).map { "\($0)".components(separatedBy: ":").first ?? "" } ?? "not a StoreError"
        }
        for code in [ResultCode.SQLITE_FULL, .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_READONLY, .SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_IOERR, .SQLITE_ERROR] {
            #expect(mapped(code) != "not a StoreError", "\(code)")
        }
        let full = SQLiteReportStore.storeError(for: DatabaseError(resultCode: .SQLITE_FULL), path: "/db")
        if case .full(let path)? = full as? StoreError { #expect(path == "/db") } else { Issue.record("\(full)") }
        let corrupt = SQLiteReportStore.storeError(for: DatabaseError(resultCode: .SQLITE_CORRUPT, message: "malformed"), path: "/db")
        if case .damaged(_, let problems)? = corrupt as? StoreError { #expect(problems == ["malformed"]) } else { Issue.record("\(corrupt)") }
        let own = StoreError.noSuchInput(4)
        #expect((SQLiteReportStore.storeError(for: own, path: "/db") as? StoreError).map { "\($0)" } == "\(own)")
        #expect(SQLiteReportStore.storeError(for: CancellationError(), path: "/db") is CancellationError)
    }
}
