import Foundation
import Testing

/// `tlsrpt policy --mode enforce` on a domain that is already enforced (an update, such as a new
/// MX), what `--force` says it overrides, and a `max_age` that makes enforce pointless.
@Suite("tlsrpt policy for enforced domains and --force")
struct PolicyEnforcedUpdateTests {
    @Test("an update of an enforced policy whose checks pass is emitted without --force")
    func enforcedUpdate() throws {
        let directory = try TemporaryDirectory()
        var dataset = Dataset(domain: "live.example")
        dataset.addDaily(days: 0...27, mode: "enforce")
        try dataset.ingest(into: directory)
        let result = try CommandRunner.run([
            "policy", "--database", directory.database, "live.example", "--as-of", "2026-11-28",
            "--mx", "mx1.live.example", "--mx", "mx2.live.example", "--mx", "mx3.live.example",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            result.standardOutput.contains(
                "mode: enforce\nmx: mx1.live.example\nmx: mx2.live.example\nmx: mx3.live.example\n"))
        #expect(!result.standardError.contains("refusing"))
    }

    @Test(
        "an enforced domain with failing checks is refused with them; --force emits and names every check it overrides")
    func enforcedWithFailures() throws {
        let directory = try TemporaryDirectory()
        var dataset = Dataset(domain: "hurting.example")
        dataset.addDaily(days: 0...27, mode: "enforce") { daysAgo, _ in
            daysAgo < 2 ? [.init(resultType: "certificate-expired", mx: "mx2.hurting.example", sessions: 3)] : []
        }
        try dataset.ingest(into: directory)
        let arguments = ["policy", "--database", directory.database, "hurting.example", "--as-of", "2026-11-28"]
        let refused = try CommandRunner.run(arguments)
        #expect(refused.status == 12)
        #expect(refused.standardOutput.isEmpty)
        #expect(refused.standardError.contains("  certificates: "))
        #expect(refused.standardError.contains("tlsrpt readiness hurting.example --as-of 2026-11-28"))
        let forced = try CommandRunner.run(arguments + ["--force"])
        #expect(forced.status == 0)
        #expect(forced.standardOutput.contains("mode: enforce"))
        #expect(forced.standardError.contains("--force overrides the readiness verdict: hurting.example is enforced"))
        #expect(forced.standardError.contains("  certificates: 18 sessions with certificate failures"))
    }

    @Test("--force on a not-ready domain prints the checks it overrides")
    func forceNotReady() throws {
        let directory = try TemporaryDirectory()
        var dataset = Dataset(domain: "broken.example")
        dataset.addDaily(days: 0...27) { daysAgo, _ in
            daysAgo < 3 ? [.init(resultType: "certificate-expired", mx: "mx2.broken.example", sessions: 1)] : []
        }
        dataset.addDaily(days: 0...0, organizations: ["Yahoo"]) { _, _ in
            [.init(resultType: "validation-failure", mx: "legacy.broken-old.example", sessions: 1)]
        }
        try dataset.ingest(into: directory)
        let forced = try CommandRunner.run([
            "policy", "--database", directory.database, "broken.example", "--as-of", "2026-11-28", "--force",
        ])
        #expect(forced.status == 0)
        #expect(forced.standardError.contains("broken.example is not-ready"))
        #expect(forced.standardError.contains("  certificates: "))
        #expect(forced.standardError.contains("  mx-coverage: "))
        // A ready domain needs no --force, and --force then overrides nothing.
        var clean = Dataset(domain: "clean.example")
        clean.addDaily(days: 0...27)
        try clean.ingest(into: directory)
        let ready = try CommandRunner.run([
            "policy", "--database", directory.database, "clean.example", "--as-of", "2026-11-28", "--force",
        ])
        #expect(ready.status == 0)
        #expect(!ready.standardError.contains("overrides"))
    }

    @Test("--max-age 0 with enforce is emitted with a warning; a week or more is not warned about")
    func zeroMaximumAge() throws {
        let directory = try TemporaryDirectory()
        var dataset = Dataset(domain: "clean.example")
        dataset.addDaily(days: 0...27)
        try dataset.ingest(into: directory)
        let arguments = ["policy", "--database", directory.database, "clean.example", "--as-of", "2026-11-28"]
        let zero = try CommandRunner.run(arguments + ["--max-age", "0"])
        #expect(zero.status == 0)
        #expect(zero.standardOutput.contains("max_age: 0\n"))
        #expect(zero.standardError.contains("warning: max_age 0 with mode enforce"))
        let week = try CommandRunner.run(arguments + ["--max-age", "604800"])
        #expect(week.status == 0)
        #expect(week.standardError.isEmpty, "\(week.standardError.debugDescription)")
        let testing = try CommandRunner.run(arguments + ["--max-age", "0", "--mode", "testing"])
        #expect(!testing.standardError.contains("warning"))
    }
}
