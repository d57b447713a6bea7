import Foundation
import TLSRPTTestSupport
import Testing

@Suite("tlsrpt ingest, driven through the built binary")
struct IngestCommandTests {
    @Test("a report piped on standard input as an e-mail is stored with its provenance")
    func standardInputMessage() throws {
        let directory = try TemporaryDirectory()
        let gzipped = try ReportFactory.gzip(ReportFactory.json(reportID: "stdin-1"))
        let message = ReportFactory.message(carrying: gzipped, messageID: "stdin-1@reporter.example")
        let result = try CommandRunner.run(["ingest", "--database", directory.database, "-"], input: message)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("ingested 1 report in "))

        let lines = try CommandRunner.run(["export", "--database", directory.database]).jsonLines()
        try #require(lines.count == 1)
        #expect(lines[0]["report-id"] as? String == "stdin-1")
        let provenance = try #require(lines[0]["x-tlsrpt"] as? [String: Any])
        #expect(provenance["source"] as? String == "-")
        #expect(provenance["message-id"] as? String == "stdin-1@reporter.example")
        #expect(provenance["tls-report-domain"] as? String == "example.com")
        #expect(provenance["tls-report-submitter"] as? String == "reporter.example")
    }

    @Test("the database defaults to $TLSRPT_DATABASE, then $XDG_DATA_HOME/tlsrpt/tlsrpt.sqlite")
    func databaseLocation() throws {
        let directory = try TemporaryDirectory()
        let report = try directory.write(ReportFactory.json(reportID: "location-1"), to: "report.json")
        let dataHome = directory.url.appendingPathComponent("data")
        let viaXDG = try CommandRunner.run(["ingest", report.path], environment: ["XDG_DATA_HOME": dataHome.path])
        #expect(viaXDG.status == 0, "\(viaXDG.standardError)")
        #expect(FileManager.default.fileExists(atPath: dataHome.appendingPathComponent("tlsrpt/tlsrpt.sqlite").path))

        let explicit = directory.url.appendingPathComponent("explicit.sqlite").path
        let viaVariable = try CommandRunner.run(
            ["ingest", report.path], environment: ["XDG_DATA_HOME": dataHome.path, "TLSRPT_DATABASE": explicit])
        #expect(viaVariable.standardOutput.hasPrefix("ingested 1 report"))
        #expect(FileManager.default.fileExists(atPath: explicit))
    }

    @Test("usage and I/O errors exit with 2")
    func usageAndIOErrors() throws {
        let directory = try TemporaryDirectory()
        let missing = try CommandRunner.run(["ingest", "--database", directory.database, "/nonexistent/reports"])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("/nonexistent/reports"))

        let noPaths = try CommandRunner.run(["ingest", "--database", directory.database])
        #expect(noPaths.status == 2)

        let badDate = try CommandRunner.run(["export", "--database", directory.database, "--since", "yesterday"])
        #expect(badDate.status == 2)
        #expect(badDate.standardError.contains("YYYY-MM-DD"))

        let unopenable = try CommandRunner.run(["ingest", "--database", "/proc/version/x.sqlite", "-"], input: Data())
        #expect(unopenable.status == 2)
    }

    @Test("--json prints a machine-readable result")
    func jsonResult() throws {
        let directory = try TemporaryDirectory()
        try directory.write(ReportFactory.json(reportID: "json-1"), to: "in/a.json")
        try directory.write(Data("{\"hello\": 1}".utf8), to: "in/b.json")
        let result = try CommandRunner.run(["ingest", "--json", "--database", directory.database, directory.url.appendingPathComponent("in").path])
        #expect(result.status == 1)
        let object = try result.jsonObject()
        #expect(object["accepted"] as? Int == 1)
        #expect(object["rejected"] as? Int == 1)
        let rejections = try #require(object["rejections"] as? [[String: Any]])
        #expect((rejections.first?["reason"] as? String)?.contains("neither \"organization-name\" nor \"report-id\"") == true)
    }

    @Test("the same key with different content keeps the first report and records the conflict")
    func conflict() throws {
        let directory = try TemporaryDirectory()
        let first = try directory.write(ReportFactory.json(reportID: "same", successful: 10), to: "first.json")
        let second = try directory.write(ReportFactory.json(reportID: "same", successful: 99), to: "second.json")
        try CommandRunner.run(["ingest", "--database", directory.database, first.path])
        let result = try CommandRunner.run(["ingest", "--database", directory.database, second.path])
        #expect(result.standardOutput.contains("1 conflicting"))
        let lines = try CommandRunner.run(["export", "--database", directory.database]).jsonLines()
        let policies = try #require(lines.first?["policies"] as? [[String: Any]])
        let summary = try #require(policies.first?["summary"] as? [String: Any])
        #expect(summary["total-successful-session-count"] as? Int == 10)
        let conflicts = try CommandRunner.run(["rejects", "--conflicts", "--database", directory.database])
        #expect(conflicts.standardOutput.contains("second.json"))
        #expect(conflicts.standardOutput.unwrapped.contains("different content"), "\(conflicts.standardOutput)")
    }

    @Test("reporter strings with terminal escapes never reach the terminal raw")
    func escapeSequences() throws {
        let directory = try TemporaryDirectory()
        let hostileName = "evil\u{1B}]0;owned\u{07}\u{1B}[2J.json"
        try directory.write(Data("not a report at all\u{1B}[31m".utf8), to: "in/" + hostileName)
        try directory.write(ReportFactory.json(organization: "\u{1B}[31mRed\u{1B}[0m Org", reportID: "esc-1"), to: "in/ok.json")
        let ingest = try CommandRunner.run(["ingest", "--database", directory.database, directory.url.appendingPathComponent("in").path])
        #expect(ingest.status == 1)
        #expect(!ingest.standardError.contains("\u{1B}"))
        #expect(ingest.standardError.contains("\\u{1B}"))
        let rejects = try CommandRunner.run(["rejects", "--database", directory.database])
        #expect(!rejects.standardOutput.contains("\u{1B}"))
        #expect(rejects.standardOutput.contains("evil\\u{1B}]0;owned\\u{7}"))
        let export = try CommandRunner.run(["export", "--database", directory.database])
        #expect(!export.standardOutput.contains("\u{1B}"))
        #expect(try export.jsonLines().first?["organization-name"] as? String == "\u{1B}[31mRed\u{1B}[0m Org")
        for arguments in [["summary", "--day", "2026-11-01"], ["summary", "--day", "2026-11-01", "--format", "markdown"],
            ["summary", "--day", "2026-11-01", "--format", "csv"], ["readiness", "example.com", "--as-of", "2026-11-01"]]
        {
            let output = try CommandRunner.run(arguments + ["--database", directory.database])
            #expect(!output.standardOutput.contains("\u{1B}"), "\(arguments)")
            #expect(output.standardOutput.contains("Red"), "\(arguments)")
        }
    }
}
