import Foundation
import GRDB
import Testing

@testable import TLSRPTKit

@Suite("Store migrations: a database written by an earlier version opens and reads the same")
struct StoreMigrationTests {
    @Test("originals stored under v1 (as received, gzip'd by us) read back after the v2 migration")
    func v1OriginalsSurviveV2() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tlsrpt-migration-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("v1.sqlite").path

        // A database as version 1 left it: two rejected inputs, one gzip as received, one gzip'd by us.
        let asReceived = Deflater.gzip(Array("{\"truncated\":".utf8)).dropLast(4).map { $0 }
        let plain = Array("not a report".utf8)
        let queue = try DatabaseQueue(path: path)
        try StoreMigrations.migrator.migrate(queue, upTo: "v1: inputs, reports, policies, failure details, file ledger")
        try queue.write { db in
            for (bytes, gzippedByUs) in [(asReceived, 0), (Deflater.gzip(plain), 1)] {
                try db.execute(
                    sql: """
                        INSERT INTO input (status, reason, source_name, received_at, original, original_size,
                                           original_gzipped_by_us)
                        VALUES ('rejected', 'test', '-', 0, ?, ?, ?)
                        """,
                    arguments: [Data(bytes), bytes.count, gzippedByUs])
            }
        }
        try queue.close()

        let store = try SQLiteReportStore(path: path)
        let inputs = try store.inputs(withStatus: [.rejected])
        #expect(inputs.count == 2)
        #expect(try store.original(ofInput: inputs[0].id) == asReceived)
        #expect(try store.original(ofInput: inputs[1].id) == plain)
        let indexes = try store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'report'")
        }
        #expect(!indexes.contains("report_day"))
        #expect(indexes.contains("report_key"))
    }
}
