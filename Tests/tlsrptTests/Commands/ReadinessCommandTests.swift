import Foundation
import Testing

/// Each verdict and each check on a dataset built for it, through the built binary.
@Suite("tlsrpt readiness")
struct ReadinessCommandTests {
    struct Outcome {
        var status: Int32
        var verdict: String
        var checks: [String: String]
        var json: [String: Any]
        var text: String
    }

    func readiness(_ dataset: Dataset, extra: [String] = []) throws -> Outcome {
        let directory = try TemporaryDirectory()
        try dataset.ingest(into: directory)
        let arguments = ["readiness", "--database", directory.database, dataset.domain, "--as-of", dataset.lastDay] + extra
        let json = try CommandRunner.run(arguments + ["--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any], "\(json.standardError)")
        var checks: [String: String] = [:]
        for check in object["checks"] as? [[String: Any]] ?? [] {
            checks[check["id"] as? String ?? ""] = check["status"] as? String
        }
        let text = try CommandRunner.run(arguments)
        #expect(text.status == json.status)
        // The text wraps to 80 columns: phrases are searched for with the wrapping undone.
        return Outcome(status: json.status, verdict: object["verdict"] as? String ?? "", checks: checks, json: object, text: text.standardOutput.unwrapped)
    }

    static func clean() -> Dataset {
        var dataset = Dataset(domain: "clean.example")
        dataset.addDaily(days: 0...27)
        return dataset
    }

    @Test("a clean domain in testing is ready (exit 0)")
    func ready() throws {
        let outcome = try readiness(Self.clean())
        #expect(outcome.verdict == "ready")
        #expect(outcome.status == 0)
        #expect(!outcome.checks.values.contains("fail"))
        let window = try #require(outcome.json["window"] as? [String: Any])
        #expect(window["days_with_reports"] as? Int == 28)
        #expect(window["sessions"] as? Int == 28 * 3 * 300)
        #expect(window["from"] as? String == "2026-11-01")
        #expect(window["until"] as? String == "2026-11-28")
        let policy = try #require(outcome.json["policy_seen"] as? [String: Any])
        #expect(policy["mode"] as? String == "testing")
        #expect(policy["mx"] as? [String] == ["mx1.clean.example", "mx2.clean.example"])
        #expect(outcome.text.hasPrefix("clean.example: READY"))
    }

    @Test("an expired certificate on a backup MX in the last days is not ready (exit 10)")
    func expiredCertificate() throws {
        var dataset = Dataset(domain: "expired.example")
        dataset.addDaily(days: 0...27, patterns: ["mx1.expired.example", "backup.expired.example"]) { daysAgo, _ in
            daysAgo <= 2 ? [.init(resultType: "certificate-expired", mx: "backup.expired.example", sessions: 4)] : []
        }
        let outcome = try readiness(dataset)
        #expect(outcome.verdict == "not-ready")
        #expect(outcome.status == 10)
        #expect(outcome.checks["certificates"] == "fail")
        let check = try #require((outcome.json["checks"] as? [[String: Any]])?.first { $0["id"] as? String == "certificates" })
        let evidence = try #require(check["evidence"] as? [String: Any])
        #expect(evidence["failed_sessions"] as? Int == 3 * 3 * 4)
        #expect(evidence["mx_hosts"] as? [String] == ["backup.expired.example"])
        #expect(evidence["first_seen"] as? String == "2026-11-26")
        #expect(evidence["last_seen"] as? String == "2026-11-28")
        #expect(outcome.text.contains("[FAIL] certificates"))
    }

    @Test("a mismatch fixed two weeks ago is reported as resolved, and the domain is ready")
    func resolvedMismatch() throws {
        var dataset = Dataset(domain: "fixed.example")
        dataset.addDaily(days: 0...27) { daysAgo, _ in
            daysAgo >= 14 ? [.init(resultType: "certificate-host-mismatch", mx: "mx2.fixed.example", sessions: 2)] : []
        }
        let outcome = try readiness(dataset)
        #expect(outcome.verdict == "ready")
        #expect(outcome.checks["certificates"] == "warn")
        #expect(outcome.text.contains("resolved since"))
        #expect(outcome.text.contains("2026-11-14"))
    }

    @Test("five days of data are insufficient (exit 11)")
    func insufficientData() throws {
        var dataset = Dataset(domain: "young.example")
        dataset.addDaily(days: 0...4)
        let outcome = try readiness(dataset)
        #expect(outcome.verdict == "insufficient-data")
        #expect(outcome.status == 11)
        #expect(outcome.checks["data"] == "warn")
    }

    @Test("a blocking problem is reported even when data is thin")
    func blockingBeatsThinData() throws {
        var dataset = Dataset(domain: "thin.example")
        dataset.addDaily(days: 0...3) { _, _ in [.init(resultType: "certificate-not-trusted", mx: "mx1.thin.example", sessions: 1)] }
        let outcome = try readiness(dataset)
        #expect(outcome.verdict == "not-ready")
        #expect(outcome.checks["certificates"] == "fail")
    }

    @Test("senders who cannot fetch the policy make the domain not ready")
    func policyNotFetched() throws {
        var dataset = Dataset(domain: "nofetch.example")
        dataset.addDaily(days: 7...27)
        dataset.addDaily(days: 0...6, policyType: "no-policy-found")
        var fetchErrors = Dataset(domain: "fetcherr.example")
        fetchErrors.addDaily(days: 0...27) { daysAgo, _ in
            daysAgo < 7 ? [.init(resultType: "sts-policy-fetch-error", mx: "mx1.fetcherr.example", sessions: 5)] : []
        }
        let noPolicy = try readiness(dataset)
        #expect(noPolicy.verdict == "not-ready")
        #expect(noPolicy.checks["policy-visible"] == "fail")
        let fetch = try readiness(fetchErrors)
        #expect(fetch.verdict == "not-ready")
        #expect(fetch.checks["policy-fetch"] == "fail")
    }

    @Test("failures on an MX the policy does not cover, and a --mx host outside the patterns, fail mx-coverage")
    func uncoveredMX() throws {
        var dataset = Dataset(domain: "cover.example")
        dataset.addDaily(days: 0...27, patterns: ["*.mail.cover.example"]) { daysAgo, organization in
            daysAgo == 1 && organization == "Google Inc."
                ? [.init(resultType: "validation-failure", mx: "legacy.cover-old.example", sessions: 1)]
                : []
        }
        let outcome = try readiness(dataset)
        #expect(outcome.verdict == "not-ready")
        #expect(outcome.checks["mx-coverage"] == "fail")
        #expect(outcome.text.contains("legacy.cover-old.example"))

        var wildcard = Dataset(domain: "wild.example")
        wildcard.addDaily(days: 0...27, patterns: ["*.mail.wild.example"])
        #expect(try readiness(wildcard, extra: ["--mx", "MX1.mail.wild.example."]).verdict == "ready")
        let deep = try readiness(wildcard, extra: ["--mx", "a.b.mail.wild.example"])
        #expect(deep.verdict == "not-ready")
        #expect(deep.checks["mx-coverage"] == "fail")
    }

    @Test("a sprinkle of starttls-not-supported under 0.1 % warns; above it, or with a lower --max-failure-rate, it fails")
    func thresholds() throws {
        var dataset = Dataset(domain: "sprinkle.example")
        dataset.addDaily(days: 0...27) { daysAgo, organization in
            daysAgo == 2 && organization == "Mail.ru" ? [.init(resultType: "starttls-not-supported", mx: "mx1.sprinkle.example", sessions: 1)] : []
        }
        let under = try readiness(dataset)
        #expect(under.verdict == "ready")
        #expect(under.checks["tls-failures"] == "warn")
        let strict = try readiness(dataset, extra: ["--max-failure-rate", "0.01%"])
        #expect(strict.verdict == "not-ready")
        #expect(strict.checks["tls-failures"] == "fail")
    }

    @Test("a domain already enforced says so (exit 12) and reports refused sessions")
    func enforced() throws {
        var dataset = Dataset(domain: "enforced.example")
        dataset.addDaily(days: 0...27, mode: "enforce") { daysAgo, _ in
            daysAgo == 0 ? [.init(resultType: "validation-failure", mx: "mx1.enforced.example", sessions: 2)] : []
        }
        let outcome = try readiness(dataset)
        #expect(outcome.verdict == "enforced")
        #expect(outcome.status == 12)
        #expect(outcome.text.contains("6 sessions failed in the last 7 days and were refused"))
    }

    @Test("Microsoft's doubled tlsa and sts entries are counted once")
    func microsoftDoubles() throws {
        var dataset = Dataset(domain: "doubled.example")
        dataset.addDaily(days: 0...27, microsoftDoublesTLSA: true) { daysAgo, organization in
            daysAgo == 20 ? [.init(resultType: "starttls-not-supported", mx: "mx1.doubled.example", sessions: 1)] : []
        }
        let outcome = try readiness(dataset)
        let window = try #require(outcome.json["window"] as? [String: Any])
        #expect(window["sessions"] as? Int == 28 * 3 * 300 + 3)
        #expect(outcome.verdict == "ready")
        #expect(outcome.checks["dane"] == "pass")
    }

    @Test("without a domain, every domain is listed with its verdict")
    func listing() throws {
        let directory = try TemporaryDirectory()
        try Self.clean().ingest(into: directory)
        var young = Dataset(domain: "young.example")
        young.addDaily(days: 0...2)
        try young.ingest(into: directory)
        let result = try CommandRunner.run(["readiness", "--database", directory.database, "--as-of", "2026-11-28"])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 2)
        // The verdict is the second column: "ready" must not match "not-ready".
        let columns = lines.map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(columns[0].prefix(2) == ["clean.example", "ready"], "\(lines[0])")
        #expect(columns[1].prefix(2) == ["young.example", "insufficient-data"], "\(lines[1])")
    }
}
