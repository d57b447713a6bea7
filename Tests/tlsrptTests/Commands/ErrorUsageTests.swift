import Foundation
import Testing

/// Issue #9: errors printed the root usage line (`Usage: tlsrpt <subcommand>`) instead of the
/// subcommand's. A usage error names the subcommand's usage; any other error is its sentence alone.
@Suite("error messages and the usage they print")
struct ErrorUsageTests {
    @Test("a usage error found while a subcommand runs prints that subcommand's usage, exit 2")
    func usageErrorWhileRunning() throws {
        let directory = try TemporaryDirectory()
        _ = try CommandRunner.run([
            "ingest", "--quiet", "--database", directory.database, CommandRunner.sampleReports.path,
        ])
        let result = try CommandRunner.run(["readiness", "--database", directory.database, ".."])
        #expect(result.status == 2)
        #expect(result.standardError.hasPrefix("Error: Give a domain name.\n"), "\(result.standardError)")
        #expect(result.standardError.contains("Usage: tlsrpt readiness "), "\(result.standardError)")
        #expect(result.standardError.contains("See 'tlsrpt readiness --help'"), "\(result.standardError)")
        #expect(!result.standardError.contains("tlsrpt <subcommand>"), "\(result.standardError)")
    }

    @Test("an I/O error prints its sentence and no usage, exit 2")
    func inputOutputError() throws {
        let directory = try TemporaryDirectory()
        // A folder where the database should be: it cannot be opened.
        let folder = directory.url.path
        for arguments in [
            ["show", "1", "--database", folder], ["summary", "--database", folder],
            ["ingest", "--database", folder, "-"],
        ] {
            let result = try CommandRunner.run(arguments, input: Data())
            #expect(result.status == 2, "\(arguments)")
            #expect(
                result.standardError.hasPrefix("Error: cannot open the database"),
                "\(arguments): \(result.standardError)")
            #expect(!result.standardError.contains("Usage:"), "\(arguments): \(result.standardError)")
        }
        let unreadable = try CommandRunner.run(["policy", "check", directory.url.appendingPathComponent("missing.txt").path])
        #expect(unreadable.status == 2)
        #expect(unreadable.standardError == "Error: cannot read \(directory.url.appendingPathComponent("missing.txt").path)\n")
    }

    @Test("errors the parser finds keep naming the subcommand, and an unknown one the root")
    func parserErrors() throws {
        let missing = try CommandRunner.run(["ingest"])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("Usage: tlsrpt ingest "), "\(missing.standardError)")
        let unknown = try CommandRunner.run(["no-such-command"])
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("Usage: tlsrpt <subcommand>"), "\(unknown.standardError)")
    }
}
