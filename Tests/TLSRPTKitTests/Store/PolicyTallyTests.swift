import Foundation
import GRDB
import TLSRPTTestSupport
import Testing

@testable import TLSRPTKit

/// The tallies the writer keeps beside the reports (schema v8), read back through the store:
/// what every summary, readiness verdict and dashboard page is computed from.
@Suite("Policy tallies: policy entries added up per domain, day, reporter and policy")
struct PolicyTallyTests {
    typealias Conformance = ReportStoreConformanceTests

    static func tallies(_ store: any ReportReading) throws -> [PolicyTally] {
        try store.policyTallies(PolicyQuery(domains: ["example.com"], fromDay: 0, untilDay: .max))
    }

    static func line(_ tally: PolicyTally) -> String {
        "\(Timestamp.formatDay(tally.day)) \(tally.organizationName) \(tally.policy.policyType) counted=\(tally.isCounted) "
            + "entries=\(tally.entries) reports=\(tally.reports) \(tally.policy.successfulSessionCount)/\(tally.policy.failedSessionCount)"
    }

    /// A report with the policy entries given as `(type, successful, failed, failure counts)`.
    static func report(_ id: String, entries: [(type: String, successful: Int, failed: Int, details: [Int])]) throws -> Data {
        let policies: [[String: Any]] = entries.map { entry in
            [
                "policy": [
                    "policy-type": entry.type, "policy-domain": "example.com",
                    "policy-string": entry.type == "sts" ? ["version: STSv1", "mode: testing", "mx: mx.example.com", "max_age: 86400"] : ["3 1 1 AB"],
                ],
                "summary": ["total-successful-session-count": entry.successful, "total-failure-session-count": entry.failed],
                "failure-details": entry.details.map { count in
                    ["result-type": "certificate-expired", "receiving-mx-hostname": "mx.example.com", "failed-session-count": count]
                },
            ]
        }
        return try JSONSerialization.data(withJSONObject: [
            "organization-name": "Microsoft Corporation", "report-id": id, "contact-info": "tlsrpt@example.net",
            "date-range": ["start-datetime": "2026-11-01T00:00:00Z", "end-datetime": "2026-11-01T23:59:59Z"],
            "policies": policies,
        ])
    }

    @Test("reports of one day, reporter and policy add up across batches; a duplicate or a conflict adds nothing", arguments: Conformance.Engine.allCases)
    func addUpAcrossBatches(_ engine: Conformance.Engine) async throws {
        try await Conformance.withStore(engine) { store in
            _ = try await store.write(IngestBatch(inputs: [Conformance.input(Conformance.report("r1", failed: 2))]))
            let outcome = try await store.write(
                IngestBatch(inputs: [
                    Conformance.input(Conformance.report("r2", failed: 3), source: "in/r2.json"),
                    Conformance.input(Conformance.report("r1", failed: 2), source: "in/again.json"),
                    Conformance.input(Conformance.report("r1", failed: 5), source: "in/changed.json"),
                    Conformance.input(Conformance.report("r3", day: "2026-11-02"), source: "in/r3.json"),
                    Conformance.input(Conformance.report("r4", organization: "Other"), source: "in/r4.json"),
                ]))
            #expect(outcome.results.map(\.status) == [.accepted, .duplicate, .conflict, .accepted, .accepted])
            let tallies = try Self.tallies(store)
            #expect(tallies.map(Self.line) == [
                "2026-11-01 Reporter sts counted=true entries=2 reports=2 20/5",
                "2026-11-01 Other sts counted=true entries=1 reports=1 10/0",
                "2026-11-02 Reporter sts counted=true entries=1 reports=1 10/0",
            ])
            let details = tallies[0].policy.failureDetails.map {
                "\($0.resultType) \($0.sendingMTAIP ?? "-") \($0.receivingMXHostname ?? "-") \($0.failedSessionCount)"
            }
            #expect(details == ["certificate-expired 192.0.2.1 mx.example.com 5"], "the two reports' details merge")
            #expect(tallies[0].latestEndTime == Timestamp.parseDay("2026-11-01")! * 86_400 + 86_399)
            #expect(tallies[0].policy.mxHosts == ["mx.example.com"] && tallies[0].policy.stsMode == "testing")
            #expect(try store.policyTallies(PolicyQuery(domains: ["other.example"], fromDay: 0, untilDay: .max)).isEmpty)
            #expect(try store.policyTallies(PolicyQuery(fromDay: Timestamp.parseDay("2026-11-02")!, untilDay: .max)).count == 1)
        }
    }

    @Test("Microsoft's tlsa copy, a policy listed twice, details that do not add up", arguments: Conformance.Engine.allCases)
    func countingRules(_ engine: Conformance.Engine) async throws {
        try await Conformance.withStore(engine) { store in
            _ = try await store.write(
                IngestBatch(inputs: [
                    // The sts entry has the larger total, so it counts; its details add up to 7 of 10.
                    Conformance.input(try Self.report("doubled", entries: [("tlsa", 95, 10, [10]), ("sts", 96, 10, [4, 3])]), source: "in/a.json"),
                    // One policy listed twice: the first counts, and the report shows the policy once.
                    Conformance.input(try Self.report("twice", entries: [("sts", 5, 0, []), ("sts", 5, 0, [])]), source: "in/b.json"),
                    // A tlsa entry alone is DANE's.
                    Conformance.input(try Self.report("dane", entries: [("tlsa", 1, 1, [1])]), source: "in/c.json"),
                ]))
            let tallies = try Self.tallies(store)
            #expect(tallies.map(Self.line) == [
                "2026-11-01 Microsoft Corporation tlsa counted=false entries=1 reports=1 95/10",
                "2026-11-01 Microsoft Corporation sts counted=true entries=2 reports=2 101/10",
                "2026-11-01 Microsoft Corporation sts counted=false entries=1 reports=0 5/0",
                "2026-11-01 Microsoft Corporation tlsa counted=true entries=1 reports=1 1/1",
            ])
            #expect(tallies.map(\.accompaniesSTS) == [true, false, false, false])
            #expect(tallies.map(\.disagreeingEntries) == [0, 1, 0, 0])
            #expect(tallies[1].policy.failureDetails.map(\.failedSessionCount) == [7], "one result type and MX host: merged")
        }
    }

    @Test("a database of schema v7 gets the tallies of the reports it holds when it opens: the same as writing them")
    func migrationFillsTallies() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tlsrpt-tally-migration-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("tlsrpt.sqlite").path
        let written: [PolicyTally]
        do {
            let store = try SQLiteReportStore(path: path)
            for batch in 0..<3 {
                _ = try await store.write(
                    IngestBatch(inputs: (0..<4).map { index in
                        let id = "b\(batch)-\(index)"
                        return Conformance.input(
                            Conformance.report(id, day: "2026-11-0\(1 + index % 2)", failed: index, organization: index == 3 ? "Other" : "Reporter"),
                            source: "in/\(id).json")
                    } + [Conformance.input(try Self.report("ms\(batch)", entries: [("tlsa", 9, 1, [1]), ("sts", 9, 1, [1])]), source: "in/ms\(batch).json")]))
            }
            _ = try await store.write(
                IngestBatch(inputs: [
                    Conformance.input(try Self.report("doubled", entries: [("tlsa", 95, 10, [10]), ("sts", 96, 10, [4, 3])]), source: "in/a.json"),
                    Conformance.input(try Self.report("twice", entries: [("sts", 5, 0, []), ("sts", 5, 0, [])]), source: "in/b.json"),
                ]))
            // Every real report: their quirks, several domains and policies per report, IPv6 details.
            let summary = try await Ingester(store: store).run(paths: [RealReports.directory.path])
            #expect(summary.accepted > 10)
            written = try store.policyTallies(PolicyQuery(fromDay: 0, untilDay: .max))
            #expect(Set(written.map(\.policy.policyDomain)).count > 5, "the real reports' domains are in it")
            #expect(written.contains { !$0.isCounted } && written.contains { $0.disagreeingEntries > 0 })
        }
        // What v7 had: no tally tables, seven migrations recorded.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: OlderSchemas.beforePolicyTallies)
        }
        try queue.close()

        let reopened = try SQLiteReportStore(path: path, access: .readOnly)
        #expect(try reopened.policyTallies(PolicyQuery(fromDay: 0, untilDay: .max)) == written)
    }
}
