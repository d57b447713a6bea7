import Foundation
import Testing

/// Anyone can mail a report to the rua address: what `tlsrpt policy` tells the user to publish must
/// not follow one report from an unknown organisation.
@Suite("tlsrpt policy and a forged report")
struct PolicyForgedReportTests {
    static func forgedDataset() -> Dataset {
        var dataset = Dataset(domain: "victim.example")
        dataset.addDaily(days: 0...27)
        dataset.addDaily(days: 1...1, organizations: ["Totally Legit Reporter"], patterns: ["mx.attacker.example"])
        return dataset
    }

    @Test("an MX only one unknown organisation reports is never an mx line; it is a warning on stderr with its source")
    func forgedMX() throws {
        let directory = try TemporaryDirectory()
        try Self.forgedDataset().ingest(into: directory)
        let result = try CommandRunner.run([
            "policy", "--database", directory.database, "victim.example", "--as-of", "2026-11-28",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(!result.standardOutput.unwrapped.contains("attacker"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("mx: mx1.victim.example\nmx: mx2.victim.example\n"))
        #expect(
            result.standardError.unwrapped.contains(
                "warning: mx mx.attacker.example is listed only in reports from Totally Legit Reporter (last 2026-11-27)"
            ))

        let json = try CommandRunner.run([
            "policy", "--database", directory.database, "victim.example", "--as-of", "2026-11-28", "--format", "json",
        ])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["mx"] as? [String] == ["mx1.victim.example", "mx2.victim.example"])

        // --mx is the user's word: an MX they give is published, and no longer warned about.
        let given = try CommandRunner.run([
            "policy", "--database", directory.database, "victim.example", "--as-of", "2026-11-28", "--mx",
            "mx1.victim.example", "--mx", "mx.attacker.example",
        ])
        #expect(given.status == 0)
        #expect(given.standardOutput.contains("mx: mx.attacker.example"))
        #expect(!given.standardError.unwrapped.contains("warning: mx"))
    }

    @Test("readiness shows the policy the other reporters agree on, and warns about the single-source MX")
    func readinessIgnoresForgedPolicy() throws {
        let directory = try TemporaryDirectory()
        try Self.forgedDataset().ingest(into: directory)
        let result = try CommandRunner.run([
            "readiness", "--database", directory.database, "victim.example", "--as-of", "2026-11-28", "--format",
            "json",
        ])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let policy = try #require(object["policy_seen"] as? [String: Any])
        #expect(policy["mx"] as? [String] == ["mx1.victim.example", "mx2.victim.example"])
        #expect(policy["corroborated"] as? Bool == true)
        #expect(policy["organizations"] as? [String] == ["Google Inc.", "Mail.ru", "Microsoft Corporation"])
        let unconfirmed = try #require(object["unconfirmed_mx"] as? [[String: Any]])
        #expect(unconfirmed.count == 1)
        #expect(unconfirmed.first?["pattern"] as? String == "mx.attacker.example")
        #expect(unconfirmed.first?["organization"] as? String == "Totally Legit Reporter")
        let coverage = (object["checks"] as? [[String: Any]])?.first { $0["id"] as? String == "mx-coverage" }
        #expect(coverage?["status"] as? String == "warn")
    }

    @Test("a policy only one organisation reported is not published from: --mx is required")
    func singleReporter() throws {
        let directory = try TemporaryDirectory()
        var dataset = Dataset(domain: "lonely.example")
        dataset.addDaily(days: 0...27, organizations: ["Google Inc."])
        try dataset.ingest(into: directory)
        let arguments = [
            "policy", "--database", directory.database, "lonely.example", "--as-of", "2026-11-28", "--mode", "testing",
        ]
        let refused = try CommandRunner.run(arguments)
        #expect(refused.status == 2)
        #expect(refused.standardOutput.isEmpty)
        #expect(refused.standardError.contains("Only Google Inc. reported a policy for lonely.example"))
        let given = try CommandRunner.run(arguments + ["--mx", "mx1.lonely.example"])
        #expect(given.status == 0, "\(given.standardError)")
        #expect(given.standardOutput.contains("mx: mx1.lonely.example\nmax_age"))
    }
}
