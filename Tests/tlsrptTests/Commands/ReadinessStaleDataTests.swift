import Foundation
import Testing

/// Readiness on data that stopped, or on a domain the database does not know: the verdict is
/// insufficient-data with the reason, never advice drawn from the silence.
@Suite("tlsrpt readiness on stale or unknown data")
struct ReadinessStaleDataTests {
    /// `YYYY-MM-DD` of `daysAgo` days before today, UTC.
    static func daysBeforeToday(_ daysAgo: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date().addingTimeInterval(Double(-daysAgo) * 86_400))
    }

    static func checks(_ result: CommandResult) throws -> [String: [String: Any]] {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        var checks: [String: [String: Any]] = [:]
        for check in object["checks"] as? [[String: Any]] ?? [] { checks[check["id"] as? String ?? ""] = check }
        return checks
    }

    @Test("without --as-of, a domain whose last report is 9 days old is insufficient-data: no reports since that day")
    func staleWithoutAsOf() throws {
        let directory = try TemporaryDirectory()
        let lastDay = Self.daysBeforeToday(9)
        var dataset = Dataset(domain: "stale.example", lastDay: lastDay)
        dataset.addDaily(days: 0...24)
        try dataset.ingest(into: directory)

        let text = try CommandRunner.run(["readiness", "--database", directory.database, "stale.example"])
        #expect(text.status == 11, "\(text.standardOutput)")
        #expect(text.standardOutput.hasPrefix("stale.example: INSUFFICIENT-DATA"))
        #expect(text.standardOutput.unwrapped.contains("No reports since \(lastDay)"))
        #expect(text.standardOutput.unwrapped.contains("--as-of \(lastDay)"))
        #expect(!text.standardOutput.unwrapped.contains("Publish the _mta-sts TXT record"))
        #expect(!text.standardOutput.unwrapped.contains("[FAIL]"))

        let json = try CommandRunner.run([
            "readiness", "--database", directory.database, "stale.example", "--format", "json",
        ])
        let checks = try Self.checks(json)
        #expect(checks["data"]?["status"] as? String == "warn")
        #expect(checks["policy-visible"]?["status"] as? String == "warn")
        #expect((checks["data"]?["evidence"] as? [String: Any])?["last_report"] as? String == lastDay)

        let listing = try CommandRunner.run(["readiness", "--database", directory.database])
        #expect(listing.standardOutput.contains("insufficient-data"))
        #expect(listing.standardOutput.unwrapped.contains("no reports since \(lastDay)"))
    }

    @Test("a domain whose reports stopped 13 days ago does not pass data, even with 15 days of reports in the window")
    func stoppedThirteenDaysAgo() throws {
        let directory = try TemporaryDirectory()
        var dataset = Dataset(domain: "stopped.example")
        dataset.addDaily(days: 13...27)
        try dataset.ingest(into: directory)
        let result = try CommandRunner.run([
            "readiness", "--database", directory.database, "stopped.example", "--as-of", "2026-11-28", "--format",
            "json",
        ])
        #expect(result.status == 11)
        let checks = try Self.checks(result)
        #expect(checks["data"]?["status"] as? String == "warn")
        #expect((checks["data"]?["message"] as? String)?.hasPrefix("No reports since 2026-11-15") == true)
        // An older, fixed failure is not "resolved" when nothing newer was reported.
        let text = try CommandRunner.run([
            "readiness", "--database", directory.database, "stopped.example", "--as-of", "2026-11-28",
        ])
        #expect(!text.standardOutput.unwrapped.contains("resolved since"))
        // Judged on its own last day, the same data is ready.
        let then = try CommandRunner.run([
            "readiness", "--database", directory.database, "stopped.example", "--as-of", "2026-11-15",
        ])
        #expect(then.status == 0, "\(then.standardOutput)")
    }

    @Test("a misspelt domain is insufficient-data, names the known domains, and no check passes on zero reporters")
    func unknownDomain() throws {
        let directory = try TemporaryDirectory()
        var dataset = Dataset(domain: "alpha.example")
        dataset.addDaily(days: 0...27)
        try dataset.ingest(into: directory)
        let text = try CommandRunner.run([
            "readiness", "--database", directory.database, "alpha", "--as-of", "2026-11-28",
        ])
        #expect(text.status == 11, "\(text.standardOutput)")
        #expect(text.standardOutput.unwrapped.contains("No reports for this domain; known domains: alpha.example"))
        // The suggested command keeps the --as-of given.
        #expect(text.standardOutput.unwrapped.contains("`tlsrpt readiness --as-of 2026-11-28` without a domain"))
        #expect(!text.standardOutput.unwrapped.contains("[PASS] reporters"))
        #expect(!text.standardOutput.unwrapped.contains("[FAIL]"))
        let json = try CommandRunner.run([
            "readiness", "--database", directory.database, "alpha", "--as-of", "2026-11-28", "--format", "json",
        ])
        let checks = try Self.checks(json)
        #expect(checks["reporters"]?["status"] as? String == "warn")
        #expect((checks["data"]?["evidence"] as? [String: Any])?["known_domains"] as? [String] == ["alpha.example"])
    }
}
