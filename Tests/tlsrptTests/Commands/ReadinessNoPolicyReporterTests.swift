import Foundation
import Testing

/// A reporter that finds no policy while the others see it: its senders deliver without MTA-STS,
/// and its sessions say nothing about whether enforce is safe.
@Suite("tlsrpt readiness with a reporter that finds no policy")
struct ReadinessNoPolicyReporterTests {
    func run(_ dataset: Dataset) throws -> (status: Int32, checks: [String: [String: Any]], text: String) {
        let directory = try TemporaryDirectory()
        try dataset.ingest(into: directory)
        let arguments = ["readiness", "--database", directory.database, dataset.domain, "--as-of", dataset.lastDay]
        let json = try CommandRunner.run(arguments + ["--format", "json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        var checks: [String: [String: Any]] = [:]
        for check in object["checks"] as? [[String: Any]] ?? [] { checks[check["id"] as? String ?? ""] = check }
        return (json.status, checks, try CommandRunner.run(arguments).standardOutput.unwrapped)
    }

    @Test("a large reporter that finds no policy for weeks makes the domain not ready")
    func largeBlindReporter() throws {
        var dataset = Dataset(domain: "blind.example")
        dataset.addDaily(days: 0...27, organizations: ["Google Inc.", "Mail.ru"])
        dataset.addDaily(
            days: 0...27, organizations: ["Microsoft Corporation"], policyType: "no-policy-found", successful: 3000)
        let outcome = try run(dataset)
        #expect(outcome.status == 10, "\(outcome.text)")
        #expect(outcome.checks["policy-visible"]?["status"] as? String == "fail")
        let evidence = try #require(outcome.checks["policy-visible"]?["evidence"] as? [String: Any])
        #expect(evidence["organizations_finding_no_policy"] as? [String] == ["Microsoft Corporation"])
        #expect(evidence["sessions_without_policy"] as? Int == 7 * 3000)
        #expect(outcome.text.unwrapped.contains("Microsoft Corporation (21,000 sessions on 7 days) found no MTA-STS policy"))
    }

    @Test("a small reporter that found no policy once is a warning, and the domain stays ready")
    func oneOffBlindReporter() throws {
        var dataset = Dataset(domain: "glitch.example")
        dataset.addDaily(days: 0...27, organizations: ["Google Inc.", "Mail.ru", "Microsoft Corporation"])
        dataset.addDaily(days: 3...3, organizations: ["tiny.example"], policyType: "no-policy-found", successful: 1)
        let outcome = try run(dataset)
        #expect(outcome.status == 0, "\(outcome.text)")
        #expect(outcome.checks["policy-visible"]?["status"] as? String == "warn")
        #expect(outcome.text.contains("tiny.example (1 session on 1 day)"))
    }
}
