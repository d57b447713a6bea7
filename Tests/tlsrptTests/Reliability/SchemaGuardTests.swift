import Foundation
import TLSRPTTestSupport
import Testing

/// Issue #15, item 3: a database from a newer tlsrpt was written to; an altered one gave raw
/// SQLite errors.
@Suite("databases of a newer or altered schema are refused with the versions named")
struct SchemaGuardTests {
    /// A database with one report in it, as this build leaves it.
    func database() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let report = try directory.write(ReportFactory.json(reportID: "schema-1"), to: "first.json")
        let result = try CommandRunner.run(["ingest", "--database", directory.database, report.path])
        #expect(result.status == 0, "\(result.standardError)")
        return directory
    }

    func reportCount(_ directory: TemporaryDirectory) throws -> Int64? {
        try DatabaseSurgery.integer("SELECT count(*) FROM report", in: directory.database)
    }

    @Test("a migration this build does not know: every command exits 2, names both versions, writes nothing")
    func newerSchema() throws {
        let directory = try database()
        try DatabaseSurgery.execute(
            "INSERT INTO grdb_migrations (identifier) VALUES ('v9: something a newer tlsrpt added')", in: directory.database)
        let second = try directory.write(ReportFactory.json(reportID: "schema-2"), to: "second.json")
        let ingest = try CommandRunner.run(["ingest", "--database", directory.database, second.path])
        #expect(ingest.status == 2)
        #expect(ingest.standardError.contains("written by a newer tlsrpt"), "\(ingest.standardError)")
        #expect(ingest.standardError.contains("v9: something a newer tlsrpt added"))
        #expect(ingest.standardError.contains("up to v8"))
        #expect(try reportCount(directory) == 1)
        for arguments in [["summary", "--day", "2026-11-01"], ["export"], ["rejects"], ["reprocess"]] {
            let result = try CommandRunner.run(arguments + ["--database", directory.database])
            #expect(result.status == 2, "\(arguments)")
            #expect(result.standardError.contains("newer tlsrpt"), "\(arguments): \(result.standardError)")
        }
    }

    @Test("a missing migration row: a sentence naming the versions, not a raw \"no such column\"")
    func missingMigrationRow() throws {
        let directory = try database()
        try DatabaseSurgery.execute("DELETE FROM grdb_migrations WHERE identifier LIKE 'v5:%' OR identifier LIKE 'v6:%' OR identifier LIKE 'v7:%' OR identifier LIKE 'v8:%'", in: directory.database)
        let result = try CommandRunner.run(["ingest", "--database", directory.database, "-"], input: ReportFactory.json(reportID: "x"))
        #expect(result.status == 2)
        #expect(result.standardError.contains("from schema v4 to v5"), "\(result.standardError)")
        #expect(result.standardError.contains("changed outside tlsrpt"))
        #expect(try reportCount(directory) == 1)

        let earlier = try database()
        try DatabaseSurgery.execute("DELETE FROM grdb_migrations WHERE identifier LIKE 'v1:%'", in: earlier.database)
        let gap = try CommandRunner.run(["summary", "--day", "2026-11-01", "--database", earlier.database])
        #expect(gap.status == 2)
        #expect(gap.standardError.contains("lacks \"v1: inputs"), "\(gap.standardError)")
    }

    @Test("a column dropped outside tlsrpt is named, for reading and writing commands alike")
    func alteredSchema() throws {
        let directory = try database()
        try DatabaseSurgery.execute("ALTER TABLE report DROP COLUMN contact_info", in: directory.database)
        for arguments in [["export"], ["ingest", "-"]] {
            let result = try CommandRunner.run(arguments + ["--database", directory.database], input: Data())
            #expect(result.status == 2, "\(arguments)")
            #expect(result.standardError.contains("table report lacks column contact_info"), "\(arguments): \(result.standardError)")
        }
    }
}
