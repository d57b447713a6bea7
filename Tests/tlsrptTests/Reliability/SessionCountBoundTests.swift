import Foundation
import TLSRPTTestSupport
import Testing

/// Issue #15, item 1: one report with a huge session count crashed `summary` and `readiness`.
@Suite("huge session counts: bounded at ingest, saturating in every sum")
struct SessionCountBoundTests {
    static let maximum: Int64 = 1_000_000_000_000

    func report(id: String, successful: String, failed: String = "0") -> Data {
        Data(
            """
            {"organization-name":"Hostile Org","date-range":{"start-datetime":"2026-11-01T00:00:00Z","end-datetime":"2026-11-01T23:59:59Z"},\
            "contact-info":"x@hostile.example","report-id":"\(id)","policies":[{"policy":{"policy-type":"sts","policy-domain":"huge.example",\
            "policy-string":["version: STSv1","mode: testing","mx: mx.huge.example","max_age: 86400"]},\
            "summary":{"total-successful-session-count":\(successful),"total-failure-session-count":\(failed)}}]}
            """.utf8)
    }

    /// Every summary format and readiness, which must all finish with their documented status.
    func readAll(_ database: String) throws -> [String: CommandResult] {
        var results: [String: CommandResult] = [:]
        for format in ["text", "json", "csv", "markdown", "email"] {
            results[format] = try CommandRunner.run(
                ["summary", "--database", database, "--day", "2026-11-01", "--format", format, "--to", "postmaster@huge.example"])
        }
        results["readiness"] = try CommandRunner.run(["readiness", "--database", database, "--as-of", "2026-11-01"])
        results["readiness-json"] = try CommandRunner.run(
            ["readiness", "huge.example", "--database", database, "--as-of", "2026-11-01", "--format", "json"])
        return results
    }

    @Test("counts above the maximum are rejected with the field named; the maximum itself is accepted")
    func boundAtIngest() throws {
        let directory = try TemporaryDirectory()
        try directory.write(report(id: "int64-max", successful: "9223372036854775807"), to: "in/a.json")
        try directory.write(report(id: "two-62-a", successful: "4611686018427387904"), to: "in/b.json")
        try directory.write(report(id: "two-62-b", successful: "0", failed: "\"4611686018427387904\""), to: "in/c.json")
        try directory.write(report(id: "at-maximum", successful: String(Self.maximum)), to: "in/d.json")
        try directory.write(report(id: "past-int64", successful: "99999999999999999999"), to: "in/e.json")
        let ingest = try CommandRunner.run(["ingest", "--json", "--database", directory.database, directory.url.appendingPathComponent("in").path])
        #expect(ingest.status == 1, "\(ingest.standardError)")
        let object = try ingest.jsonObject()
        #expect(object["accepted"] as? Int == 1)
        #expect(object["rejected"] as? Int == 4)
        let reasons = (object["rejections"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
        #expect(reasons.contains("policies[0].summary.total-successful-session-count is 9223372036854775807; counts above 1000000000000 sessions are not accepted"))
        #expect(reasons.contains { $0.hasPrefix("policies[0].summary.total-failure-session-count is \"4611686018427387904\"") })
        // Past Int64, the count is shown as the reporter wrote it, not as 1e+20.
        #expect(reasons.contains("policies[0].summary.total-successful-session-count is 99999999999999999999; counts above 1000000000000 sessions are not accepted"), "\(reasons)")

        for (name, result) in try readAll(directory.database) {
            #expect([0, 10, 11, 12].contains(result.status), "\(name): \(result.status) \(result.standardError)")
            #expect(!result.standardError.contains("overflow"), "\(name)")
        }
        let json = try readAll(directory.database)["json"]!
        #expect(json.standardOutput.contains("\"successful_sessions\":\(Self.maximum)"))
    }

    @Test("counts an older build stored unbounded are summed with saturation: no command dies")
    func saturatingSums() throws {
        let directory = try TemporaryDirectory()
        try directory.write(report(id: "one", successful: "5", failed: "1"), to: "in/a.json")
        try directory.write(report(id: "two", successful: "7", failed: "1"), to: "in/b.json")
        let ingest = try CommandRunner.run(["ingest", "--database", directory.database, directory.url.appendingPathComponent("in").path])
        #expect(ingest.status == 0, "\(ingest.standardError)")
        // What a build without the bound accepted: Int64.max and 2^62 in the stored counters.
        try DatabaseSurgery.execute(
            """
            UPDATE policy SET successful_sessions = 9223372036854775807, failed_sessions = 4611686018427387904;
            """ + OlderSchemas.beforePolicyTallies, in: directory.database)

        let results = try readAll(directory.database)
        for (name, result) in results {
            #expect([0, 10, 11, 12].contains(result.status), "\(name): \(result.status) \(result.standardError)")
            #expect(!result.standardError.contains("overflow"), "\(name)")
        }
        let json = try #require(results["json"]).standardOutput
        #expect(json.contains("\"successful_sessions\":9223372036854775807"), "\(json)")
        #expect(json.contains("\"failed_sessions\":9223372036854775807"), "\(json)")
        #expect(try #require(results["text"]).standardOutput.contains("9,223,372,036,854,775,807"))
        let readiness = try #require(results["readiness-json"]).standardOutput
        #expect(readiness.contains("\"sessions\":9223372036854775807"), "\(readiness)")
    }
}
