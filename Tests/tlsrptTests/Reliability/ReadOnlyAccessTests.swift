import Foundation
import TLSRPTTestSupport
import Testing

/// Issue #15, item 9: a user who may only read the database could not run `summary` or `export`.
@Suite("reading commands open the database read-only")
struct ReadOnlyAccessTests {
    @Test(
        "summary, export, rejects and readiness work for a user who can neither write the database nor its folder",
        .enabled(if: CommandRunner.canRunUnprivileged))
    func readOnlyUser() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.url.appendingPathComponent("db")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = folder.appendingPathComponent("tlsrpt.sqlite").path
        try directory.write(ReportFactory.json(reportID: "ro-1", successful: 40, failed: 2), to: "in/a.json")
        try directory.write(Data("{\"hello\": 1}".utf8), to: "in/b.json")
        let ingest = try CommandRunner.run(["ingest", "--database", database, directory.url.appendingPathComponent("in").path])
        #expect(ingest.status == 1, "\(ingest.standardError)")
        // Once as the last writer left it (no -wal, no -shm: the reader cannot create them), once
        // with both left by a reader as root.
        try DatabaseSurgery.execute("PRAGMA wal_checkpoint(TRUNCATE)", in: database)
        #expect(!FileManager.default.fileExists(atPath: database + "-wal"))
        try readEverything(database, folder: folder)
        #expect(try CommandRunner.run(["summary", "--database", database]).status == 0)
        #expect(FileManager.default.fileExists(atPath: database + "-wal"))
        try readEverything(database, folder: folder)

        // Writing still needs write access, and says so.
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        let write = try CommandRunner.run(["ingest", "--database", database, "-"], input: Data(), asUnprivilegedUser: true)
        #expect(write.status == 2)
        #expect(write.standardError.contains("is read-only for this user"), "\(write.standardError)")
    }

    /// Runs every reading command as a user who may only read `database` and its folder.
    func readEverything(_ database: String, folder: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        // Readable by all, writable by nobody (root is run as nobody).
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: database)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        let summary = try CommandRunner.run(
            ["summary", "--database", database, "--day", "2026-11-01", "--format", "json"], asUnprivilegedUser: true)
        #expect(summary.status == 0, "\(summary.standardError)", sourceLocation: sourceLocation)
        #expect(summary.standardOutput.contains("\"successful_sessions\":40"), "\(summary.standardOutput)", sourceLocation: sourceLocation)
        let export = try CommandRunner.run(["export", "--database", database], asUnprivilegedUser: true)
        #expect(export.status == 0, "\(export.standardError)", sourceLocation: sourceLocation)
        #expect(try export.jsonLines().first?["report-id"] as? String == "ro-1", sourceLocation: sourceLocation)
        let rejects = try CommandRunner.run(["rejects", "--database", database], asUnprivilegedUser: true)
        #expect(rejects.status == 0, "\(rejects.standardError)", sourceLocation: sourceLocation)
        #expect(rejects.standardOutput.contains("b.json"), sourceLocation: sourceLocation)
        let readiness = try CommandRunner.run(["readiness", "--database", database, "--as-of", "2026-11-01"], asUnprivilegedUser: true)
        #expect([0, 10, 11, 12].contains(readiness.status), "\(readiness.standardError)", sourceLocation: sourceLocation)
        #expect(readiness.standardOutput.contains("example.com"), sourceLocation: sourceLocation)
    }
}
