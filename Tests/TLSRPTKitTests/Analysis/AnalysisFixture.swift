import Foundation
import TLSRPTKit

/// A store in memory filled through the public ingest API with reports made to order, for the
/// analyses to be called directly (not through the binary).
struct AnalysisFixture {
    /// One policy entry of a report.
    struct Entry {
        var type = "sts"
        var domain = "example.com"
        var mode: String? = "testing"
        var patterns = ["mx1.example.com", "mx2.example.com"]
        var maximumAge = 604_800
        var successful = 100
        var failed = 0
        var resultType = "certificate-expired"
        var receivingMX = "mx1.example.com"
        var sendingIP = "192.0.2.1"
    }

    let store: SQLiteReportStore
    private let ingestor: ReportIngestor
    private var count = 0

    init() throws {
        store = try SQLiteReportStore.inMemory()
        ingestor = ReportIngestor(store: store)
    }

    /// The day `daysBefore` days before `2026-11-30` (days since the epoch).
    static func day(_ daysBefore: Int) -> Int64 { Timestamp.parseDay("2026-11-30")! - Int64(daysBefore) }

    /// Stores one report of `organization` starting at 00:00 UTC on `day` and ending `endSecond`
    /// seconds later, with `entries`; returns what the ingestor said.
    @discardableResult
    mutating func add(
        organization: String, day: Int64, endSecond: Int64 = 86_399, entries: [Entry]
    ) async throws -> [InputResult] {
        count += 1
        let start = day * 86_400
        let policies: [[String: Any]] = entries.map { entry in
            var policy: [String: Any] = ["policy-type": entry.type, "policy-domain": entry.domain]
            if entry.type == "sts" {
                policy["policy-string"] =
                    ["version: STSv1"] + (entry.mode.map { ["mode: \($0)"] } ?? []) + entry.patterns.map { "mx: \($0)" }
                    + ["max_age: \(entry.maximumAge)"]
                policy["mx-host"] = entry.patterns
            }
            var object: [String: Any] = [
                "policy": policy,
                "summary": ["total-successful-session-count": entry.successful, "total-failure-session-count": entry.failed],
            ]
            if entry.failed > 0 {
                object["failure-details"] = [[
                    "result-type": entry.resultType, "sending-mta-ip": entry.sendingIP,
                    "receiving-mx-hostname": entry.receivingMX, "failed-session-count": entry.failed,
                ]]
            }
            return object
        }
        let report: [String: Any] = [
            "organization-name": organization,
            "date-range": ["start-datetime": Timestamp.format(start), "end-datetime": Timestamp.format(start + endSecond)],
            "contact-info": "tlsrpt@\(organization.lowercased().filter(\.isLetter)).example",
            "report-id": "\(organization)-\(count)",
            "policies": policies,
        ]
        let bytes = [UInt8](try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys]))
        return try await ingestor.ingest(bytes, provenance: Provenance(source: "fixture-\(count)", receivedAt: start + 90_000), as: .report)
    }

    /// Daily reports from each organisation for the `days` days ending 2026-11-30, all with `entries`.
    mutating func addDaily(organizations: [String], days: Int, entries: [Entry]) async throws {
        for daysBefore in 0..<days {
            for organization in organizations {
                try await add(organization: organization, day: Self.day(daysBefore), entries: entries)
            }
        }
    }
}
