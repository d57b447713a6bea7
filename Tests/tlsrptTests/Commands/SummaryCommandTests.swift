import Foundation
import Testing

@testable import TLSRPTKit

/// A two-week dataset whose figures are known by construction, checked in every format.
@Suite("tlsrpt summary")
struct SummaryCommandTests {
    /// Known figures of the last seven days (2026-11-22 … 2026-11-28):
    /// - 3 organisations × 300 successful sessions a day; Microsoft doubles every entry as tlsa.
    /// - Google: 2 certificate-expired sessions a day on mx2 from 192.0.2.10 (the whole fortnight).
    /// - Mail.ru on 2026-11-25: one extra report whose counter says 1 failure but whose details
    ///   list 2 (sts-policy-fetch-error, no MX, no IP) — the disagreeing-totals rule.
    /// - In the recent week only: 1 starttls-not-supported a day on mx1 from Microsoft (new type).
    static func dataset() -> Dataset {
        var dataset = Dataset(domain: "sum.example")
        dataset.addDaily(days: 0...13, microsoftDoublesTLSA: true) { daysAgo, organization in
            var failures: [Dataset.Failure] = []
            if organization == "Google Inc." { failures.append(.init(resultType: "certificate-expired", mx: "mx2.sum.example", sessions: 2)) }
            if organization == "Microsoft Corporation", daysAgo < 7 {
                failures.append(.init(resultType: "starttls-not-supported", mx: "mx1.sum.example", sessions: 1, ip: "198.51.100.7"))
            }
            return failures
        }
        dataset.reports.append([
            "organization-name": "Mail.ru",
            "date-range": ["start-datetime": "2026-11-25T00:00:00Z", "end-datetime": "2026-11-26T00:00:00Z"],
            "contact-info": "tls@mail.ru.example",
            "report-id": "extra@mail.ru",
            "policies": [[
                "policy": ["policy-type": "sts", "policy-domain": "sum.example"],
                "summary": ["total-successful-session-count": 0, "total-failure-session-count": 1],
                "failure-details": [
                    ["result-type": "sts-policy-fetch-error", "failed-session-count": 1, "failure-reason-code": "bad https response code: 404"],
                    ["result-type": "sts-policy-fetch-error", "failed-session-count": 1, "failure-reason-code": "bad https response code: 500"],
                ],
            ]],
        ])
        return dataset
    }

    static let successful = 7 * 3 * 300
    static let failed = 7 * 2 + 7 * 1 + 1
    static let detailed = 7 * 2 + 7 * 1 + 2

    func run(_ format: String, _ extra: [String] = []) throws -> CommandResult {
        let directory = try TemporaryDirectory()
        try Self.dataset().ingest(into: directory)
        return try CommandRunner.run(
            ["summary", "--database", directory.database, "--since", "2026-11-22", "--until", "2026-11-28", "--format", format] + extra)
    }

    @Test("JSON: every figure, no double counting of tlsa + sts, and the counters' disagreement")
    func json() throws {
        let result = try run("json")
        #expect(result.status == 0, "\(result.standardError)")
        let object = try result.jsonObject()
        #expect(object["from"] as? String == "2026-11-22")
        #expect(object["until"] as? String == "2026-11-28")
        let domains = try #require(object["domains"] as? [[String: Any]])
        try #require(domains.count == 1)
        let domain = domains[0]
        #expect(domain["domain"] as? String == "sum.example")
        #expect(domain["successful_sessions"] as? Int == Self.successful)
        #expect(domain["failed_sessions"] as? Int == Self.failed)
        let rate = try #require(domain["failure_rate"] as? Double)
        #expect(abs(rate - Double(Self.failed) / Double(Self.successful + Self.failed)) < 0.0001)
        #expect(domain["reports"] as? Int == 7 * 3 + 1)
        #expect(domain["organizations"] as? Int == 3)
        #expect(domain["policy_modes"] as? [String] == ["testing"])
        #expect(domain["detailed_failed_sessions"] as? Int == Self.detailed)
        #expect(domain["counters_disagree"] as? Bool == true)
        let byType = try #require(domain["by_result_type"] as? [String: Int])
        #expect(byType == ["certificate-expired": 14, "starttls-not-supported": 7, "sts-policy-fetch-error": 2])
        let byMX = try #require(domain["by_mx"] as? [[String: Any]])
        #expect(byMX.first?["mx"] as? String == "mx2.sum.example")
        #expect(byMX.first?["failed_sessions"] as? Int == 14)
        #expect(byMX.first?["by_result_type"] as? [String: Int] == ["certificate-expired": 14])
        let organizations = try #require(domain["by_organization"] as? [[String: Any]])
        let google = try #require(organizations.first { $0["organization"] as? String == "Google Inc." })
        #expect(google["successful_sessions"] as? Int == 2100)
        #expect(google["failed_sessions"] as? Int == 14)
        let microsoft = try #require(organizations.first { $0["organization"] as? String == "Microsoft Corporation" })
        #expect(microsoft["successful_sessions"] as? Int == 2100, "tlsa and sts must not both count")
        let ips = try #require(domain["by_sending_ip"] as? [[String: Any]])
        #expect(ips.first?["ip"] as? String == "192.0.2.10")
        #expect(ips.first?["failed_sessions"] as? Int == 14)
        let days = try #require(domain["days"] as? [[String: Any]])
        #expect(days.count == 7)
        #expect(days.first?["day"] as? String == "2026-11-22")
        #expect(days.first?["successful_sessions"] as? Int == 900)
        #expect(days.first?["failed_sessions"] as? Int == 3)
        let busy = try #require(days.first { $0["day"] as? String == "2026-11-25" })
        #expect(busy["failed_sessions"] as? Int == 4)
        let attention = try #require(domain["attention"] as? [[String: Any]])
        let kinds = Set(attention.compactMap { $0["kind"] as? String })
        #expect(kinds.contains("new-result-type"))
        #expect(kinds.contains("new-mx"))
        #expect(!kinds.contains("silent-reporter"))
    }

    @Test("text: fits 80 columns, shows the figures and says when counters and details disagree")
    func text() throws {
        let result = try run("text")
        #expect(result.status == 0)
        let text = result.standardOutput
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(text.contains("6,300 successful, 22 failed"))
        let unwrapped = text.replacingOccurrences(of: "\n   ", with: "").replacingOccurrences(of: "\n", with: " ")
        #expect(unwrapped.contains("failure details add up to 23 failed sessions, the summary counters to 22"), "\(text)")
        #expect(text.contains("starttls-not-supported"))
    }

    @Test("CSV: one row per domain/day/breakdown entry, values match the JSON")
    func csv() throws {
        let result = try run("csv")
        let rows = result.standardOutput.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["domain", "day", "breakdown", "key", "successful_sessions", "failed_sessions"])
        #expect(rows.contains(["sum.example", "2026-11-22..2026-11-28", "total", "", "\(Self.successful)", "\(Self.failed)"]))
        #expect(rows.filter { $0.count > 2 && $0[2] == "day" }.count == 7)
        #expect(rows.contains(["sum.example", "2026-11-22..2026-11-28", "result_type", "certificate-expired", "", "14"]))
        #expect(rows.contains(["sum.example", "2026-11-22..2026-11-28", "mx", "mx1.sum.example", "", "7"]))
    }

    @Test("markdown has a section and tables")
    func markdown() throws {
        let result = try run("markdown")
        #expect(result.standardOutput.contains("## sum.example"))
        #expect(result.standardOutput.contains("|"))
        #expect(result.standardOutput.contains("- Successful sessions: 6,300\n"))
        #expect(result.standardOutput.contains("- Failed sessions: 22 ("))
    }

    @Test("email: a complete message for sendmail -t that our own MIME reader parses back")
    func email() throws {
        let result = try run("email", ["--to", "postmaster@sum.example", "--from", "tlsrpt@monitor.example"])
        #expect(result.status == 0, "\(result.standardError)")
        let bytes = Array(result.standardOutput.utf8)
        let message = MIMEEntity.parse(bytes)
        #expect(message.headers["to"] == "postmaster@sum.example")
        #expect(message.headers["from"] == "tlsrpt@monitor.example")
        #expect(message.headers["subject"]?.isEmpty == false)
        #expect(message.headers["message-id"] != nil)
        #expect(message.headers["date"] != nil)
        #expect(message.mediaType == "multipart/alternative")
        let leaves = message.leaves()
        #expect(leaves.map(\.mediaType) == ["text/plain", "text/html"])
        let plain = String(decoding: leaves[0].body, as: UTF8.self)
        #expect(plain.contains("6,300 successful, 22 failed"))
        let html = String(decoding: leaves[1].body, as: UTF8.self)
        #expect(html.contains("<html") && html.contains("sum.example"))
        #expect(!result.standardOutput.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF only")

        let missingRecipient = try run("email")
        #expect(missingRecipient.status == 2)
    }

    @Test("period options: --day, --last, conflicting options")
    func periods() throws {
        let directory = try TemporaryDirectory()
        try Self.dataset().ingest(into: directory)
        let oneDay = try CommandRunner.run(["summary", "--database", directory.database, "--day", "2026-11-25", "--format", "json"])
        let object = try oneDay.jsonObject()
        let domain = try #require((object["domains"] as? [[String: Any]])?.first)
        #expect(domain["failed_sessions"] as? Int == 4)
        #expect(domain["successful_sessions"] as? Int == 900)
        let conflicting = try CommandRunner.run(["summary", "--database", directory.database, "--day", "2026-11-25", "--last", "7d"])
        #expect(conflicting.status == 2)
        let empty = try CommandRunner.run(["summary", "--database", directory.database, "--day", "2020-01-01"])
        #expect(empty.status == 0)
        #expect(empty.standardOutput.contains("No reports"))
    }
}
