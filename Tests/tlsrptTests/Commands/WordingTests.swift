import Foundation
import Testing

/// Sentences read right: singular counts, remedies that fit an enforced domain, `--help` that lists
/// only the formats a command accepts.
@Suite("wording of readiness, policy and summary")
struct WordingTests {
    @Test("one session, one day and one report are singular in readiness")
    func singulars() throws {
        let directory = try TemporaryDirectory()
        var dataset = Dataset(domain: "one.example")
        dataset.addDaily(days: 0...27) { daysAgo, organization in
            daysAgo == 2 && organization == "Mail.ru"
                ? [.init(resultType: "starttls-not-supported", mx: "mx1.one.example", sessions: 1)] : []
        }
        try dataset.ingest(into: directory)
        // One report whose failure details say 3 where its counter says 1.
        let report: [String: Any] = [
            "organization-name": "Odd Reporter", "report-id": "odd-1", "contact-info": "x@odd.example",
            "date-range": ["start-datetime": "2026-11-28T00:00:00Z", "end-datetime": "2026-11-28T23:59:59Z"],
            "policies": [
                [
                    "policy": [
                        "policy-type": "sts", "policy-domain": "one.example",
                        "policy-string": Dataset.stsStrings(
                            mode: "testing", patterns: ["mx1.one.example", "mx2.one.example"]),
                    ],
                    "summary": ["total-successful-session-count": 10, "total-failure-session-count": 1],
                    "failure-details": [
                        [
                            "result-type": "validation-failure", "receiving-mx-hostname": "mx1.one.example",
                            "failed-session-count": 3,
                        ]
                    ],
                ]
            ],
        ]
        let file = try directory.write(try JSONSerialization.data(withJSONObject: report), to: "odd.json")
        #expect(try CommandRunner.run(["ingest", "--quiet", "--database", directory.database, file.path]).status == 0)
        let result = try CommandRunner.run([
            "readiness", "--database", directory.database, "one.example", "--as-of", "2026-11-28", "--recent", "1",
            "--window", "1", "--min-days", "1",
        ])
        #expect(result.standardOutput.contains("1 day with reports"), "\(result.standardOutput)")
        #expect(
            result.standardOutput.unwrapped.contains(
                "1 report has failure details that do not add up to its failure counter"), "\(result.standardOutput)")
        let week = try CommandRunner.run([
            "readiness", "--database", directory.database, "one.example", "--as-of", "2026-11-28", "--recent", "3",
        ])
        #expect(
            week.standardOutput.unwrapped.contains("4 sessions with other TLS failures in the last 3 days"),
            "\(week.standardOutput)")
        let day = try CommandRunner.run([
            "readiness", "--database", directory.database, "one.example", "--as-of", "2026-11-26", "--recent", "1",
        ])
        #expect(
            day.standardOutput.unwrapped.contains("1 session with other TLS failures in the last day,"),
            "\(day.standardOutput)")
        for output in [result.standardOutput, week.standardOutput, day.standardOutput] {
            #expect(
                output.unwrapped.range(of: #"\b1 (sessions|reports|days|organisations)\b"#, options: .regularExpression)
                    == nil, "\(output)")
        }
    }

    @Test("an enforced domain's remedies do not say \"before enforcing\"")
    func enforcedRemedies() throws {
        let directory = try TemporaryDirectory()
        var dataset = Dataset(domain: "live.example")
        dataset.addDaily(days: 0...27, mode: "enforce") { daysAgo, _ in
            daysAgo == 0 ? [.init(resultType: "starttls-not-supported", mx: "mx1.live.example", sessions: 20)] : []
        }
        try dataset.ingest(into: directory)
        let result = try CommandRunner.run([
            "readiness", "--database", directory.database, "live.example", "--as-of", "2026-11-28",
        ])
        #expect(result.status == 12)
        #expect(result.standardOutput.contains("[FAIL] tls-failures"))
        #expect(!result.standardOutput.unwrapped.contains("before enforcing"), "\(result.standardOutput)")
        #expect(result.standardOutput.unwrapped.contains("this mail is refused"))
    }

    @Test(
        "--format help lists only what the command accepts",
        arguments: [
            (["readiness"], "text, json;"), (["policy", "emit"], "text, json;"), (["policy", "check"], "text, json;"),
            (["summary"], "text, json, csv, markdown, email"),
        ])
    func formatHelp(_ command: [String], _ values: String) throws {
        let help = try CommandRunner.run(command + ["--help"]).standardOutput
        let flattened = help.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(
            separator: " ")
        let option = try #require(flattened.range(of: "--format <format>"))
        let rest = flattened[option.upperBound...]
        let valuesRange = try #require(rest.range(of: "(values: "))
        #expect(rest[valuesRange.upperBound...].hasPrefix(values), "\(rest.prefix(120))")
        if values.hasPrefix("text, json;") {
            let rejected = try CommandRunner.run(command + ["--format", "csv", "x.example"], input: Data())
            #expect(rejected.status == 2)
        }
    }

    @Test("policy check counts one mx pattern in the singular")
    func onePattern() throws {
        let result = try CommandRunner.run(
            ["policy", "check", "-"], input: Data("version: STSv1\nmode: testing\nmx: a.example\nmax_age: 86400\n".utf8)
        )
        #expect(
            result.standardOutput.contains("valid: mode testing, 1 mx pattern, max_age 86400"),
            "\(result.standardOutput)")
    }
}
