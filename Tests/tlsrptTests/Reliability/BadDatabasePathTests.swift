import Foundation
import TLSRPTTestSupport
import Testing

/// Issue #13, faults: a database path that cannot be a database is a sentence and exit 2 for
/// every command, never a crash, and the file found there is never "repaired" by overwriting.
@Suite("bad database paths: a directory, random bytes, a missing or read-only folder")
struct BadDatabasePathTests {
    /// A writing and two reading commands, each with `--database path`.
    static func commands(_ path: String, input: String) -> [[String]] {
        [
            ["ingest", "--database", path, input],
            ["summary", "--database", path],
            ["export", "--database", path],
            ["check-database", "--database", path],
        ]
    }

    static func expectRefused(_ result: CommandResult, _ command: [String], mentioning words: [String]) {
        #expect(result.status == 2, "\(command): \(result.status) \(result.standardError)")
        #expect(!result.standardError.contains("Fatal error") && !result.standardError.contains("Stack dump"), "\(command)")
        let firstLine = result.standardError.split(separator: "\n").first.map(String.init) ?? ""
        #expect(firstLine.hasPrefix("Error: ") || firstLine.hasPrefix("error: "), "\(command): \(result.standardError)")
        for word in words {
            #expect(result.standardError.contains(word), "\(command): \(result.standardError) should mention \(word)")
        }
    }

    @Test("a file of random bytes is refused by every command and left byte for byte as it was")
    func randomBytes() throws {
        let directory = try TemporaryDirectory()
        var generator = SystemRandomNumberGenerator()
        for size in [100, 4096, 65536] {
            let bytes = Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let database = try directory.write(bytes, to: "random-\(size).sqlite")
            let report = try directory.write(ReportFactory.json(reportID: "random"), to: "report.json")
            for command in Self.commands(database.path, input: report.path) {
                let result = try CommandRunner.run(command)
                // check-database says "cannot be opened" (2) for a file that is not a database.
                Self.expectRefused(result, command, mentioning: [database.lastPathComponent])
                #expect(try Data(contentsOf: database) == bytes, "\(command) changed the file")
            }
            let siblings = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
            #expect(!siblings.contains { $0.hasSuffix("-wal") || $0.hasSuffix("-journal") }, "\(siblings)")
        }
    }

    @Test("a path that is a directory is refused, the directory left empty")
    func directory() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.url.appendingPathComponent("db.sqlite")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let report = try directory.write(ReportFactory.json(reportID: "dir"), to: "report.json")
        for command in Self.commands(folder.path, input: report.path) {
            Self.expectRefused(try CommandRunner.run(command), command, mentioning: [folder.path])
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        }
    }

    @Test("a database in a folder that does not exist is refused by every command, the folder not created; so is reading a file that does not exist")
    func missingFolder() throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("missing/tlsrpt.sqlite").path
        let report = try directory.write(ReportFactory.json(reportID: "missing"), to: "report.json")
        for command in Self.commands(path, input: report.path) {
            Self.expectRefused(try CommandRunner.run(command), command, mentioning: [path])
            #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("missing").path))
        }
        // A typo in the path of an existing folder is not answered from a new, empty database.
        let typo = directory.url.appendingPathComponent("tlsrtp.sqlite").path
        for command in [["summary", "--database", typo], ["readiness", "--database", typo], ["export", "--database", typo], ["rejects", "--database", typo]] {
            Self.expectRefused(try CommandRunner.run(command), command, mentioning: [typo, "no such file"])
            #expect(!FileManager.default.fileExists(atPath: typo))
        }
    }

    @Test(
        "a new database in a read-only folder is refused with the reason; an existing one there is read, not written",
        .enabled(if: CommandRunner.canRunUnprivileged))
    func readOnlyFolder() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.url.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let report = try directory.write(ReportFactory.json(reportID: "locked"), to: "report.json")
        let existing = folder.appendingPathComponent("existing.sqlite").path
        #expect(try CommandRunner.run(["ingest", "--database", existing, report.path]).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: existing)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.url.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: report.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        let before = try Data(contentsOf: URL(fileURLWithPath: existing))

        let fresh = folder.appendingPathComponent("new.sqlite").path
        let created = try CommandRunner.run(["ingest", "--database", fresh, report.path], asUnprivilegedUser: true)
        Self.expectRefused(created, ["ingest", fresh], mentioning: [fresh])
        #expect(!FileManager.default.fileExists(atPath: fresh))

        let another = try directory.write(ReportFactory.json(reportID: "locked-2"), to: "another.json")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: another.path)
        let written = try CommandRunner.run(["ingest", "--database", existing, another.path], asUnprivilegedUser: true)
        // The store's own sentence (StoreError.notWritable), naming the file.
        Self.expectRefused(written, ["ingest", existing], mentioning: [existing, "read-only for this user"])
        let read = try CommandRunner.run(["export", "--database", existing], asUnprivilegedUser: true)
        #expect(read.status == 0, "\(read.standardError)")
        #expect(try read.jsonLines().count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: existing)) == before)
    }
}
