import Foundation
import TLSRPTTestSupport
import Testing

/// Issue #15, item 5: strings with a NUL inside were stored whole and printed cut at the NUL.
@Suite("NUL inside reporter strings survives every output")
struct NULCharacterTests {
    @Test("organisations \"Same\\u0000A\" and \"Same\\u0000B\" stay two names in export, summary and rejects")
    func nulInOrganizationNames() throws {
        let directory = try TemporaryDirectory()
        try directory.write(ReportFactory.json(organization: "Same\u{0}A", reportID: "nul-a", successful: 3, failed: 1), to: "in/a.json")
        try directory.write(ReportFactory.json(organization: "Same\u{0}B", reportID: "nul-b", successful: 5), to: "in/b.json")
        try directory.write(
            Data(#"{"organization-name":"Bad\u0000Date","report-id":"x","date-range":{"start-datetime":"no\u0000w"},"policies":[]}"#.utf8),
            to: "in/c.json")
        let ingest = try CommandRunner.run(["ingest", "--database", directory.database, directory.url.appendingPathComponent("in").path])
        #expect(ingest.status == 1, "\(ingest.standardError)")

        let export = try CommandRunner.run(["export", "--database", directory.database])
        #expect(export.status == 0)
        #expect(export.standardOutput.contains(#""organization-name":"Same\u0000A""#), "\(export.standardOutput)")
        #expect(export.standardOutput.contains(#""organization-name":"Same\u0000B""#))
        let names = Set(try export.jsonLines().compactMap { $0["organization-name"] as? String })
        #expect(names == ["Same\u{0}A", "Same\u{0}B"])

        let json = try CommandRunner.run(["summary", "--database", directory.database, "--day", "2026-11-01", "--format", "json"])
        #expect(json.standardOutput.contains(#""organization":"Same\u0000A""#), "\(json.standardOutput)")
        #expect(json.standardOutput.contains(#""organization":"Same\u0000B""#))
        for format in ["text", "markdown", "csv", "email"] {
            let output = try CommandRunner.run(
                ["summary", "--database", directory.database, "--day", "2026-11-01", "--format", format, "--to", "a@example.com"])
            #expect(output.status == 0, "\(format): \(output.standardError)")
            #expect(!output.standardOutput.contains("\u{0}"), "\(format)")
            // Markdown escapes the backslash of the visible escape; quoted-printable keeps it.
            let backslash = format == "markdown" ? #"\\"# : #"\"#
            #expect(output.standardOutput.contains("Same\(backslash)u{0}A"), "\(format): \(output.standardOutput)")
            #expect(output.standardOutput.contains("Same\(backslash)u{0}B"), "\(format)")
        }

        let rejects = try CommandRunner.run(["rejects", "--database", directory.database])
        #expect(rejects.standardOutput.contains(#"no\u{0}w"#), "\(rejects.standardOutput)")
        let rejectsJSON = try CommandRunner.run(["rejects", "--json", "--database", directory.database])
        #expect(try rejectsJSON.jsonLines().first?["reason"] as? String == "date-range.start-datetime \"no\u{0}w\" is not an RFC 3339 date-time")
    }
}
