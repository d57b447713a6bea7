import Foundation
import Testing

/// The daily summary says when a domain went silent, and `--exit-code` lets cron alert on what
/// needs attention.
@Suite("tlsrpt summary: silent domains and --exit-code")
struct SummarySilenceTests {
    static func database() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        var steady = Dataset(domain: "steady.example")
        steady.addDaily(days: 0...27)
        try steady.ingest(into: directory)
        var quiet = Dataset(domain: "quiet.example")
        quiet.addDaily(days: 3...27)
        try quiet.ingest(into: directory)
        return directory
    }

    @Test("a domain whose reports stopped is an attention item in every format, and --exit-code exits 20")
    func silentDomain() throws {
        let directory = try Self.database()
        let arguments = ["summary", "--database", directory.database, "--day", "2026-11-28"]
        let text = try CommandRunner.run(arguments + ["--exit-code"])
        #expect(text.status == 20, "\(text.standardOutput)\(text.standardError)")
        #expect(text.standardOutput.contains("quiet.example"))
        #expect(text.standardOutput.contains("no reports in this period; the last one is from 2026-11-25"))
        #expect(text.standardOutput.contains("1 domain with reports"))

        let json = try CommandRunner.run(arguments + ["--format", "json"])
        #expect(json.status == 0)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let domains = try #require(object["domains"] as? [[String: Any]])
        let quiet = try #require(domains.first { $0["domain"] as? String == "quiet.example" })
        let attention = try #require(quiet["attention"] as? [[String: Any]])
        #expect(attention.map { $0["kind"] as? String } == ["silent-domain"])
        #expect(quiet["reports"] as? Int == 0)
        let steady = try #require(domains.first { $0["domain"] as? String == "steady.example" })
        #expect((steady["attention"] as? [Any])?.isEmpty == true)

        for format in ["markdown", "csv"] {
            let other = try CommandRunner.run(arguments + ["--format", format])
            #expect(other.standardOutput.contains("quiet.example"), "\(format)")
        }
    }

    @Test("--exit-code is 0 when nothing needs attention, and --domain keeps other domains' silence out")
    func nothingToSee() throws {
        let directory = try Self.database()
        let quietDay = try CommandRunner.run([
            "summary", "--database", directory.database, "--day", "2026-11-28", "--domain", "steady.example",
            "--exit-code",
        ])
        #expect(quietDay.status == 0, "\(quietDay.standardOutput)")
        #expect(!quietDay.standardOutput.contains("quiet.example"))
        // Before it stopped, the quiet domain was an ordinary one.
        let before = try CommandRunner.run([
            "summary", "--database", directory.database, "--day", "2026-11-20", "--exit-code",
        ])
        #expect(before.status == 0, "\(before.standardOutput)")
        #expect(!before.standardOutput.contains("Attention"))
        // Without --exit-code, attention items never change the exit status.
        let plain = try CommandRunner.run(["summary", "--database", directory.database, "--day", "2026-11-28"])
        #expect(plain.status == 0)
    }
}
