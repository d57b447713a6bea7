import Foundation
import TLSRPTTestSupport
import Testing

@testable import TLSRPTKit

/// What every `ReportStore` must do, run against each engine: the same bodies for every backend
/// (as GRDB's own tests run one body against several writers). A PostgreSQL store joins the
/// `engines` list when it exists. Engine-specific behaviour (transactions left open across
/// batches, WAL readers) is tested in `BatchTransactionTests`.
@Suite("ReportStore conformance")
struct ReportStoreConformanceTests {
    enum Engine: String, CaseIterable, CustomTestStringConvertible {
        case sqliteOnDisk = "SQLite on disk"
        case sqliteInMemory = "SQLite in memory"

        var testDescription: String { rawValue }

        /// A new, empty store; `folder` holds its files, if any.
        func makeStore(in folder: URL) throws -> any ReportStore {
            switch self {
            case .sqliteOnDisk: try SQLiteReportStore(path: folder.appendingPathComponent("tlsrpt.sqlite").path)
            case .sqliteInMemory: try SQLiteReportStore.inMemory()
            }
        }
    }

    /// A new store of `engine` in a folder removed afterwards.
    static func withStore(_ engine: Engine, _ body: (any ReportStore) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tlsrpt-conformance-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(try engine.makeStore(in: folder))
    }

    static let decoder = InputDecoder(maximumReportSize: 1 << 20)

    /// The decoded input of a generated report (or of any bytes), with `source` as provenance.
    static func input(_ bytes: Data, source: String = "in/report.json") -> DecodedInput {
        let provenance = Provenance(source: source, fileName: "report.json", receivedAt: 1_764_000_000)
        guard case .inputs(let inputs) = decoder.decodeInput([UInt8](bytes), provenance: provenance, claimsReport: true) else {
            preconditionFailure("the test input holds no report")
        }
        return inputs[0]
    }

    static func report(_ id: String, domain: String = "example.com", day: String = "2026-11-01", failed: Int = 0, organization: String = "Reporter")
        -> Data
    {
        ReportFactory.json(organization: organization, reportID: id, domain: domain, day: day, successful: 10, failed: failed)
    }

    @Test("a write says what became of each input, with ids the store gives back", arguments: Engine.allCases)
    func writeResults(_ engine: Engine) async throws {
        try await Self.withStore(engine) { store in
            let first = Self.report("r1")
            var changed = try JSONSerialization.jsonObject(with: first) as! [String: Any]
            changed["contact-info"] = "someone-else@reporter.example"
            let outcome = try await store.write(
                IngestBatch(inputs: [
                    Self.input(first), Self.input(first, source: "in/copy.json"),
                    Self.input(try JSONSerialization.data(withJSONObject: changed), source: "in/changed.json"),
                    Self.input(Data("not a report".utf8), source: "in/junk.json"),
                ]))
            #expect(outcome.results.map(\.status) == [.accepted, .duplicate, .conflict, .rejected])
            guard case .accepted(let acceptedID) = outcome.results[0], case .duplicate(let duplicateOf) = outcome.results[1],
                case .conflict(let conflictID, let conflictOf) = outcome.results[2], case .rejected(let rejectedID, let rejection) = outcome.results[3]
            else { return }
            #expect(duplicateOf == acceptedID && conflictOf == acceptedID)
            #expect(rejection.kind == .notAReport)

            #expect(try store.inputs(withStatus: [.rejected]).map(\.id) == [rejectedID])
            #expect(try store.inputs(withStatus: [.conflict, .rejected]).map(\.id) == [conflictID, rejectedID])
            #expect(try store.inputs(withStatus: InputStatus.allCases).count == 3, "a duplicate stores nothing")
            let rejected = try #require(try store.input(withID: rejectedID))
            #expect(rejected.status == .rejected && rejected.keptAs == .asReceived && rejected.provenance.source == "in/junk.json")
            #expect(try store.original(ofInput: rejectedID) == Array("not a report".utf8))
            #expect(try store.original(ofInput: acceptedID) == [UInt8](first))
            #expect(try store.input(withID: acceptedID)?.keptAs == .reportJSON)
            #expect(try store.input(withID: 999_999) == nil)
        }
    }

    @Test("reports come back whole, ordered by start, filtered by domain and day", arguments: Engine.allCases)
    func readReports(_ engine: Engine) async throws {
        try await Self.withStore(engine) { store in
            let inputs = [
                Self.input(Self.report("late", day: "2026-11-03", failed: 2)),
                Self.input(Self.report("early", day: "2026-11-01")),
                Self.input(Self.report("other", domain: "other.example", day: "2026-11-02")),
            ]
            _ = try await store.write(IngestBatch(inputs: inputs))
            var all: [StoredReport] = []
            try store.forEachReport(matching: ReportFilter()) { all.append($0) }
            #expect(all.map(\.report.reportID) == ["early", "other", "late"])
            #expect(all.last?.report == (try? inputs[0].outcome.get()))
            #expect(all.first?.provenance.source == "in/report.json")

            var filtered: [String] = []
            try store.forEachReport(matching: ReportFilter(domains: ["example.com"], sinceDay: Timestamp.parseDay("2026-11-02"))) {
                filtered.append($0.report.reportID)
            }
            #expect(filtered == ["late"])

            let tallies = try store.policyTallies(PolicyQuery(domains: ["example.com"], fromDay: 0, untilDay: .max))
            #expect(tallies.map(\.policy.failedSessionCount).sorted() == [0, 2])
            #expect(tallies.first { $0.policy.failedSessionCount == 2 }?.policy.failureDetails.first?.resultType == "certificate-expired")
            #expect(try store.domains().map(\.domain) == ["example.com", "other.example"])
            let spans = try store.domains(fromDay: Timestamp.parseDay("2026-11-02")!, untilDay: Timestamp.parseDay("2026-11-03")!)
            #expect(spans.map { "\($0.domain) \(Timestamp.formatDay($0.firstDay))" } == ["example.com 2026-11-03", "other.example 2026-11-02"])
        }
    }

    @Test("one report by its input id; the latest reports of a domain, each counted once (tlsa + sts copies)", arguments: Engine.allCases)
    func reportsForTheDashboard(_ engine: Engine) async throws {
        try await Self.withStore(engine) { store in
            // A Microsoft-style report: the same sessions under a tlsa and an sts entry.
            var doubled = try JSONSerialization.jsonObject(with: Self.report("doubled", day: "2026-11-02", failed: 1)) as! [String: Any]
            var policies = doubled["policies"] as! [[String: Any]]
            var tlsa = policies[0]
            tlsa["policy"] = ["policy-type": "tlsa", "policy-domain": "example.com", "policy-string": ["3 1 1 AB"]]
            tlsa["summary"] = ["total-successful-session-count": 4, "total-failure-session-count": 0]
            policies.insert(tlsa, at: 0)
            doubled["policies"] = policies
            let outcome = try await store.write(IngestBatch(inputs: [
                Self.input(Self.report("first", day: "2026-11-01")),
                Self.input(try JSONSerialization.data(withJSONObject: doubled), source: "in/doubled.json"),
                Self.input(Self.report("elsewhere", domain: "other.example", day: "2026-11-03"), source: "in/other.json"),
                Self.input(Data("junk".utf8), source: "in/junk"),
            ]))
            guard case .accepted(let firstID) = outcome.results[0], case .rejected(let junkID, _) = outcome.results[3] else {
                Issue.record("unexpected results \(outcome.results)")
                return
            }
            let stored = try #require(try store.report(ofInput: firstID))
            #expect(stored.report.reportID == "first" && stored.inputID == firstID && stored.provenance.source == "in/report.json")
            #expect(try store.report(ofInput: junkID) == nil, "a reject is no report")
            #expect(try store.report(ofInput: 999_999) == nil)

            let from = Timestamp.parseDay("2026-11-01")!
            let headlines = try store.reportHeadlines(domain: "example.com", fromDay: from, untilDay: from + 30, limit: 10)
            #expect(headlines.map(\.reportID) == ["doubled", "first"], "newest first, one line per report")
            #expect(headlines.first?.successfulSessions == 10 && headlines.first?.failedSessions == 1, "the entry with the most sessions")
            #expect(try store.reportHeadlines(domain: "example.com", fromDay: from, untilDay: from + 30, limit: 1).count == 1)
            #expect(try store.reportHeadlines(domain: "example.com", fromDay: from + 1, untilDay: from + 1, limit: 10).map(\.reportID) == ["doubled"])
            #expect(try store.reportHeadlines(domain: "nowhere.example", fromDay: from, untilDay: from + 30, limit: 10).isEmpty)
        }
    }

    @Test("text comes back whole: NUL, escapes and non-ASCII in reporter strings", arguments: Engine.allCases)
    func hostileText(_ engine: Engine) async throws {
        try await Self.withStore(engine) { store in
            let names = ["Same\u{0}A", "Same\u{0}B", "'); DROP TABLE report;--", "Größe \u{1B}[31m"]
            _ = try await store.write(IngestBatch(inputs: names.enumerated().map { Self.input(Self.report("n\($0.offset)", organization: $0.element)) }))
            var read: [String] = []
            try store.forEachReport(matching: ReportFilter()) { read.append($0.report.organizationName) }
            #expect(read.sorted() == names.sorted())
        }
    }

    @Test("the file ledger, published policies and totals round-trip", arguments: Engine.allCases)
    func ledgerPublicationsTotals(_ engine: Engine) async throws {
        try await Self.withStore(engine) { store in
            let identity = FileIdentity(device: 7, inode: 42, size: 100, modified: 1_764_000_000, resumeOffset: 10)
            _ = try await store.write(IngestBatch(
                inputs: [Self.input(Self.report("t1", failed: 3)), Self.input(Data("{\"organization-name\":".utf8))],
                seenFiles: [SeenFile(directory: "/mail/new", name: "1.eml", identity: identity)]))
            let index = try store.seenFiles(inDirectory: "/mail/new", named: ["1.eml", "2.eml"])
            #expect(index.entries.count == 1)
            #expect(index.entries[SeenFileIndex.nameHash("1.eml")] == identity)
            #expect(try store.seenFiles(inDirectory: "/elsewhere", named: ["1.eml"]).entries.isEmpty)

            for (time, mode) in [(1_000, STSPolicy.Mode.testing), (2_000, .enforce), (3_000, .none)] {
                try store.recordPublication(PublishedPolicy(
                    domain: "example.com", mode: mode, id: "id\(time)", fileText: "version: STSv1\r\nmode: \(mode.rawValue)\r\n",
                    maximumAge: 86_400, publishedAt: Int64(time), publishedBy: "tester"))
            }
            #expect(try store.publishedPolicies(domain: "example.com", limit: 2).map(\.mode) == [.none, .enforce])
            #expect(try store.publishedPolicy(domain: "example.com")?.id == "id3000")
            #expect(try store.publishedPolicy(domain: "other.example") == nil)

            let totals = try store.reportTotals()
            #expect(totals.sessionsByDomain["example.com"] == ReportTotals.Sessions(successful: 10, failed: 3))
            #expect(totals.reportsByOrganization["Reporter"] == 1)
            #expect(totals.rejectedInputs[.badJSON] == 1)
        }
    }

    @Test("mailbox progress: finished UIDs per UIDVALIDITY, renumbering forgets them, pruning below the oldest message", arguments: Engine.allCases)
    func mailboxProgress(_ engine: Engine) async throws {
        try await Self.withStore(engine) { store in
            let mailbox = "tester@imap.example/INBOX"
            #expect(try store.mailboxProgress(mailbox: mailbox) == nil)
            try store.recordFinished(uids: [3, 5, 9], mailbox: mailbox, uidValidity: 77)
            try store.recordFinished(uids: [9, 12], mailbox: mailbox, uidValidity: 77)
            #expect(try store.mailboxProgress(mailbox: mailbox) == MailboxProgress(uidValidity: 77, finishedUIDs: [3, 5, 9, 12]))
            #expect(try store.mailboxProgress(mailbox: "tester@imap.example/Other") == nil)

            try store.forgetFinished(below: 9, mailbox: mailbox)
            #expect(try store.mailboxProgress(mailbox: mailbox)?.finishedUIDs == [9, 12])
            try store.forgetFinished(below: .max, mailbox: "tester@imap.example/Other")  // no such mailbox: nothing happens
            #expect(try store.mailboxProgress(mailbox: mailbox)?.finishedUIDs == [9, 12])

            try store.recordFinished(uids: [1], mailbox: mailbox, uidValidity: 78)
            #expect(try store.mailboxProgress(mailbox: mailbox) == MailboxProgress(uidValidity: 78, finishedUIDs: [1]))
        }
    }
}
