import Foundation
import TLSRPTTestSupport
import Testing

/// Issue #15, item 4: a damaged database gave silent wrong answers.
@Suite("tlsrpt check-database, and reprocess's quick_check")
struct CheckDatabaseTests {
    /// A database of 20 reports over 20 days and one rejected input.
    func database() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        for day in 1...20 {
            let date = "2026-11-" + (day < 10 ? "0" : "") + String(day)
            try directory.write(ReportFactory.json(reportID: "check-\(day)", day: date, successful: day), to: "in/\(day).json")
        }
        try directory.write(Data("{\"organization-name\": 1, \"policies\": 2}".utf8), to: "in/rejected.json")
        let ingest = try CommandRunner.run(["ingest", "--database", directory.database, directory.url.appendingPathComponent("in").path])
        #expect(ingest.status == 1, "\(ingest.standardError)")
        return directory
    }

    @Test("an intact database: exit 0, integrity and schema ok")
    func intact() throws {
        let directory = try database()
        let result = try CommandRunner.run(["check-database", "--database", directory.database])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.contains("schema v8 (this tlsrpt: v8)"))
        #expect(result.standardOutput.contains("integrity: ok"))
        #expect(result.standardOutput.contains("schema: ok"))
    }

    @Test("an empty database (no table yet, as a kill during the first schema creation leaves it): exit 0, said so; ingest then sets it up")
    func empty() throws {
        let directory = try TemporaryDirectory()
        FileManager.default.createFile(atPath: directory.database, contents: Data())
        let result = try CommandRunner.run(["check-database", "--database", directory.database])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.contains("schema v0 (this tlsrpt: v8)"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("schema: none yet"), "\(result.standardOutput)")
        try directory.write(ReportFactory.json(reportID: "after-empty"), to: "in/a.json")
        #expect(try CommandRunner.run(["ingest", "--database", directory.database, directory.url.appendingPathComponent("in").path]).status == 0)
        let after = try CommandRunner.run(["check-database", "--database", directory.database])
        #expect(after.status == 0 && after.standardOutput.contains("schema: ok"), "\(after.standardOutput)")
    }

    @Test("an index entry changed on disk: exit 1, the index named")
    func damagedIndex() throws {
        let directory = try database()
        // The last byte of the index page is the row id of its last entry.
        try DatabaseSurgery.damageRootPage(of: "report_key", in: directory.database) { page in page[page.count - 1] ^= 0x01 }
        let result = try CommandRunner.run(["check-database", "--database", directory.database])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("integrity: "), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("index report_key"), "\(result.standardOutput)")
    }

    @Test("a page that is not a b-tree page: check-database exits 1, reprocess refuses (exit 2) and points to it")
    func damagedPage() throws {
        let directory = try database()
        try DatabaseSurgery.damageRootPage(of: "policy_day", in: directory.database) { page in page[0] = 0 }
        let check = try CommandRunner.run(["check-database", "--database", directory.database])
        #expect(check.status == 1)
        #expect(check.standardOutput.contains("btreeInitPage"), "\(check.standardOutput)")
        let reprocess = try CommandRunner.run(["reprocess", "--database", directory.database])
        #expect(reprocess.status == 2)
        #expect(reprocess.standardError.contains("is damaged"), "\(reprocess.standardError)")
        #expect(reprocess.standardError.contains("tlsrpt check-database"))
    }

    @Test("schema problems: a dropped column and a newer version are listed, exit 1; a missing file exits 2")
    func schemaProblems() throws {
        let directory = try database()
        try DatabaseSurgery.execute(
            """
            ALTER TABLE failure_detail DROP COLUMN failure_reason_code;
            INSERT INTO grdb_migrations (identifier) VALUES ('v9: from a newer tlsrpt');
            CREATE INDEX someone_added ON report(organization_name);
            """, in: directory.database)
        let result = try CommandRunner.run(["check-database", "--database", directory.database])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("integrity: ok"))
        #expect(result.standardOutput.contains("table failure_detail lacks column failure_reason_code"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("\"v9: from a newer tlsrpt\" is not known"))
        #expect(result.standardOutput.contains("note: index someone_added"))

        let missing = try CommandRunner.run(["check-database", "--database", directory.url.appendingPathComponent("none.sqlite").path])
        #expect(missing.status == 2)
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("none.sqlite").path))
    }
}
