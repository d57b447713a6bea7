import Foundation
import Testing

/// Numbers for people are written the same way by every command: digits grouped in threes
/// (`34,755 sessions`), as `summary` writes them.
@Suite("numbers formatted the same way everywhere")
struct NumberFormattingTests {
    /// `34,755` for 34755, written here independently of the library's formatter.
    static func grouped(_ value: Int64) -> String {
        var digits = Array(String(value))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits)
    }

    @Test("readiness prints its session counts with grouped digits, as summary does")
    func readinessGroupsDigits() throws {
        let directory = try TemporaryDirectory()
        _ = try CommandRunner.run([
            "ingest", "--quiet", "--database", directory.database, CommandRunner.sampleReports.path,
        ])
        let json = try CommandRunner.run([
            "readiness", "--database", directory.database, "--format", "json", "alpha.example", "--as-of", "2026-11-23",
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: json.standardOutputBytes) as? [String: Any])
        let window = try #require(object["window"] as? [String: Any])
        let sessions = try #require((window["sessions"] as? NSNumber)?.int64Value)
        try #require(sessions >= 1000, "the sample domain has too few sessions to show grouping: \(sessions)")

        let text = try CommandRunner.run([
            "readiness", "--database", directory.database, "alpha.example", "--as-of", "2026-11-23",
        ])
        let output = text.standardOutput.unwrapped
        #expect(output.contains("\(Self.grouped(sessions)) sessions"), "\(text.standardOutput)")
        #expect(output.contains("sessions: \(Self.grouped(sessions))"), "\(text.standardOutput)")
        #expect(!output.contains("\(sessions) sessions"), "\(text.standardOutput)")
        #expect(!output.contains("sessions: \(sessions)"), "\(text.standardOutput)")

        let list = try CommandRunner.run(["readiness", "--database", directory.database, "--as-of", "2026-11-23"])
        #expect(list.standardOutput.contains("\(Self.grouped(sessions)) sessions"), "\(list.standardOutput)")

        // The summary of the same window counts the same sessions and writes them the same way.
        let period = [
            "--database", directory.database, "--domain", "alpha.example", "--since", "2026-10-27", "--until",
            "2026-11-23",
        ]
        let summaryJSON = try CommandRunner.run(["summary", "--format", "json"] + period)
        let summaryObject = try #require(
            try JSONSerialization.jsonObject(with: summaryJSON.standardOutputBytes) as? [String: Any])
        let domain = try #require((summaryObject["domains"] as? [[String: Any]])?.first)
        let successful = try #require((domain["successful_sessions"] as? NSNumber)?.int64Value)
        let failed = try #require((domain["failed_sessions"] as? NSNumber)?.int64Value)
        #expect(successful + failed == sessions)
        let summary = try CommandRunner.run(["summary"] + period)
        #expect(
            summary.standardOutput.contains("Sessions: \(Self.grouped(successful)) successful"),
            "\(summary.standardOutput)")
    }

    @Test("a policy's max_age is written as the policy writes it, in readiness text and JSON")
    func maximumAgeStaysAsWritten() throws {
        let directory = try TemporaryDirectory()
        _ = try CommandRunner.run([
            "ingest", "--quiet", "--database", directory.database, CommandRunner.sampleReports.path,
        ])
        let text = try CommandRunner.run([
            "readiness", "--database", directory.database, "alpha.example", "--as-of", "2026-11-23",
        ])
        let json = try CommandRunner.run([
            "readiness", "--database", directory.database, "--format", "json", "alpha.example", "--as-of", "2026-11-23",
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: json.standardOutputBytes) as? [String: Any])
        let policy = try #require(object["policy_seen"] as? [String: Any])
        let maximumAge = try #require((policy["max_age"] as? NSNumber)?.int64Value)
        #expect(text.standardOutput.unwrapped.contains("max age: \(maximumAge)"), "\(text.standardOutput)")
        #expect(json.standardOutput.contains("\"max_age\":\(maximumAge)"), "\(json.standardOutput)")
    }
}
