/// What the library reads from a store: reports, inputs and their originals, the file ledger,
/// published policies and totals. Summaries, readiness, exports and the dashboard need only this.
public protocol ReportReading: Sendable {
    /// Ledger entries of the files among `names` already ingested in `directory`.
    func seenFiles(inDirectory directory: String, named names: [String]) throws -> SeenFileIndex

    /// Stored inputs with one of `statuses`, oldest first.
    func inputs(withStatus statuses: [InputStatus]) throws -> [StoredInput]

    /// The stored input with row id `id`, or `nil` when there is none.
    func input(withID id: Int64) throws -> StoredInput?

    /// The original bytes of a stored input: exactly as received (every rejected input, and
    /// reports stored before schema v2 or accepted later by `reprocess`), or, for a report that
    /// decoded at ingest, the report JSON exactly as its gzip file or attachment held it.
    func original(ofInput id: Int64) throws -> [UInt8]

    /// Calls `body` with every stored report that matches `filter`, ordered by start time.
    func forEachReport(matching filter: ReportFilter, _ body: (StoredReport) throws -> Void) throws

    /// The tallies of the policy entries of the reports that start in the query's days, by day,
    /// then in storage order: what summaries, readiness and the dashboard are computed from.
    func policyTallies(_ query: PolicyQuery) throws -> [PolicyTally]

    /// Every policy domain with reports starting in the days `fromDay...untilDay`, with the first
    /// and last of those days it has reports for.
    func domains(fromDay: Int64, untilDay: Int64) throws -> [DomainSpan]

    /// The stored report of the input with row id `id`, or `nil` when that input is not a stored
    /// report (no such input, or a reject or conflict).
    func report(ofInput id: Int64) throws -> StoredReport?

    /// The reports with an entry for `domain` starting in the days `fromDay...untilDay`, newest
    /// first (by day, then the last stored first), at most `limit`: what the dashboard lists and
    /// links to. Fast however many reports the period holds.
    func reportHeadlines(domain: String, fromDay: Int64, untilDay: Int64, limit: Int) throws -> [ReportHeadline]

    /// The policies published for `domain`, newest first, at most `limit`.
    func publishedPolicies(domain: String, limit: Int) throws -> [PublishedPolicy]

    /// The totals of every stored report and reject, counted as ``ReportTotals`` counts them:
    /// what `tlsrpt serve` exports as metrics when it starts. Rejects are counted by the kind
    /// their stored reason names (``ReportRejection/Kind/init(classifyingReason:)``).
    func reportTotals() throws -> ReportTotals
}

/// What the library writes to a store: batches of decoded inputs with the ledger (through a
/// ``ReportWriteSession``), and published policies.
public protocol ReportWriting: Sendable {
    /// Opens a write session: a connection of its own and the transactions it runs, which no
    /// other call on the store joins. A store's reports go through one session at a time
    /// (``ReportIngestor`` or an ingest run holds it); several processes, or several sessions
    /// of one process, are serialised by the database's write lock.
    /// - Throws: ``StoreError`` when the connection cannot be opened.
    func makeWriteSession() throws -> any ReportWriteSession

    /// Keeps `policy` as the policy now published for its domain (earlier ones stay as history).
    func recordPublication(_ policy: PublishedPolicy) throws
}

/// One writer's transaction, owned by this object rather than left open on the store.
///
/// The first ``write(_:)`` begins a transaction, later writes join it, ``commit()`` ends it: a
/// long ingest groups several batches per transaction, because each commit rewrites the index
/// pages it touched. Readers see the last commit. Calls on a session are serialised (one writer).
/// What is uncommitted when it is released is rolled back.
///
/// The calls are `async` so a backend whose client is asynchronous (postgres-nio) implements them
/// without blocking a thread, and so does SQLite: its session suspends while GRDB's writer queue
/// runs the statements.
public protocol ReportWriteSession: AnyObject, Sendable {
    /// Stores one batch of decoded inputs and ledger entries in the session's transaction
    /// (beginning one if none is open). When the write fails, the whole open transaction is
    /// rolled back.
    func write(_ batch: IngestBatch) async throws -> BatchOutcome

    /// Commits the open transaction, if there is one.
    func commit() async throws

    /// Rolls back what was written since the last commit, if anything.
    func rollback() async
}

/// The store the rest of the library talks to: reading and writing. SQL lives behind these
/// protocols, so a second backend (PostgreSQL for large operators) is an addition, not a
/// rewrite; `Tests/TLSRPTKitTests/Store/ReportStoreConformanceTests.swift` is what it must pass.
/// When the database itself fails, every method throws a ``StoreError`` (full, locked, not
/// writable, damaged…), never an engine's own error type.
public protocol ReportStore: ReportReading, ReportWriting {
    /// The files the store keeps its data in (a database and its journals), which an ingest
    /// must never read as inputs, even when they lie in a folder being ingested.
    var storageFiles: [String] { get }

    /// How far `tlsrpt fetch` got in `mailbox` (`user@host/MAILBOX`), or `nil` before its first run.
    func mailboxProgress(mailbox: String) throws -> MailboxProgress?

    /// Adds `uids` to the messages done in `mailbox`; when `uidValidity` differs from the one
    /// recorded, the UIDs recorded before are forgotten first (they named other messages).
    func recordFinished(uids: [UInt32], mailbox: String, uidValidity: UInt32) throws

    /// Forgets the finished UIDs of `mailbox` below `uid`: UIDs only grow and are never reused
    /// under one `UIDVALIDITY`, so those below the lowest still in the mailbox name messages
    /// gone for good (moved, deleted), and the record stays as small as the mailbox.
    func forgetFinished(below uid: UInt32, mailbox: String) throws
}

extension ReportReading {
    /// The policy now published for `domain`, if any.
    public func publishedPolicy(domain: String) throws -> PublishedPolicy? {
        try publishedPolicies(domain: domain, limit: 1).first
    }

    /// Every policy domain in the store with the first and last day it has reports for.
    public func domains() throws -> [DomainSpan] {
        try domains(fromDay: .min, untilDay: .max)
    }
}

extension ReportWriting {
    /// Stores one batch in a transaction of its own, through a session of its own.
    public func write(_ batch: IngestBatch) async throws -> BatchOutcome {
        let session = try makeWriteSession()
        let outcome = try await session.write(batch)
        try await session.commit()
        return outcome
    }
}

extension ReportStore {
    /// None: a store that keeps nothing in the file system.
    public var storageFiles: [String] { [] }
}

/// A policy domain and the days the store has reports for it.
public struct DomainSpan: Sendable, Equatable {
    public var domain: String
    public var firstDay: Int64
    public var lastDay: Int64

    public init(domain: String, firstDay: Int64, lastDay: Int64) {
        self.domain = domain
        self.firstDay = firstDay
        self.lastDay = lastDay
    }
}

/// Which stored reports a query covers.
public struct ReportFilter: Sendable, Equatable {
    /// Only reports with a policy for one of these domains (all when empty).
    public var domains: [String]
    /// First UTC day (days since the epoch) of the reports' start, inclusive.
    public var sinceDay: Int64?
    /// Last UTC day of the reports' start, inclusive.
    public var untilDay: Int64?

    public init(domains: [String] = [], sinceDay: Int64? = nil, untilDay: Int64? = nil) {
        self.domains = domains
        self.sinceDay = sinceDay
        self.untilDay = untilDay
    }
}

/// A report read back from the store with where it came from.
public struct StoredReport: Sendable, Equatable {
    public var report: TLSReport
    public var provenance: Provenance
    /// The id of the input row holding the original bytes.
    public var inputID: Int64
}

/// A decoded input ready to be stored: a report, or the reason it is not one.
///
/// Everything the writer needs that takes CPU (hashes, the compressed original, the JSON of policy
/// texts, the tallies) is computed here, on the decoding threads, so the single writer only binds and inserts.
public struct DecodedInput: Sendable {
    public var provenance: Provenance
    /// The size of the input as received, in bytes.
    public var originalSize: Int
    public var outcome: Result<TLSReport, ReportRejection>
    /// Set when this input is already in the store and is being decoded again (`reprocess`).
    public var storedInputID: Int64?

    /// What is kept in the store of the original.
    let storedOriginal: StoredOriginal
    /// ``TLSReport/fingerprint``, ``TLSReport/keyHash`` and the JSON of each policy's strings and
    /// MX hosts, when the outcome is a report.
    let prepared: PreparedReport?

    /// - Parameters:
    ///   - original: the bytes as received (gzip or JSON).
    ///   - reportJSON: the JSON `original` decompressed to, when the outcome is a report.
    public init(
        provenance: Provenance,
        original: [UInt8],
        reportJSON: [UInt8]? = nil,
        outcome: Result<TLSReport, ReportRejection>,
        storedInputID: Int64? = nil
    ) {
        self.provenance = provenance
        self.originalSize = original.count
        self.outcome = outcome
        self.storedInputID = storedInputID
        if case .success(let report) = outcome {
            storedOriginal = StoredOriginal(original: original, report: reportJSON ?? original)
            prepared = PreparedReport(report)
        } else {
            storedOriginal = StoredOriginal(original: original, report: nil)
            prepared = nil
        }
    }
}

/// The derived values of a report the store writes.
struct PreparedReport: Sendable {
    var fingerprint: Int64
    var keyHash: Int64
    var day: Int64
    /// Per policy: its `policy-string` and `mx-host` texts.
    var policyTexts: [PolicyText]
    /// What the report adds to the store's tallies, with the position of the policy whose text
    /// each one has.
    var tallies: [(tally: PolicyTally, position: Int)]

    init(_ report: TLSReport) {
        fingerprint = Int64(bitPattern: report.fingerprint)
        keyHash = Int64(bitPattern: report.keyHash)
        day = Timestamp.day(of: report.startTime)
        policyTexts = report.policies.map(PolicyText.init)
        tallies = PolicyTally.tallies(of: report)
    }

    /// A policy's `policy-string` and `mx-host` as JSON arrays, with the hash the store keys them
    /// by, computed here on the decoding threads rather than by the writer.
    struct PolicyText: Sendable, Hashable {
        var strings: String
        var hosts: String
        /// FNV-1a of `strings`, NUL, `hosts` (the `policy_text.hash` column).
        var hash: Int64

        init(_ policy: TLSReport.Policy) {
            strings = Self.jsonArray(policy.policyStrings)
            hosts = Self.jsonArray(policy.mxHosts)
            hash = Int64(bitPattern: FNV1a.hash(hosts, continuing: FNV1a.hash(CollectionOfOne(0), continuing: FNV1a.hash(strings))))
        }

        static func jsonArray(_ values: [String]) -> String {
            var writer = JSONWriter(capacity: 128)
            writer.strings(nil, values)
            return writer.text
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(hash)
        }
    }
}

/// One transaction's worth of work.
public struct IngestBatch: Sendable {
    public var inputs: [DecodedInput]
    public var seenFiles: [SeenFile]

    public init(inputs: [DecodedInput] = [], seenFiles: [SeenFile] = []) {
        self.inputs = inputs
        self.seenFiles = seenFiles
    }
}

/// What a batch did to the store.
public struct BatchOutcome: Sendable, Equatable {
    /// One result per input of the batch, in the batch's order.
    public var results: [InputResult]

    public init(results: [InputResult] = []) {
        self.results = results
    }

    public var accepted: Int { count(.accepted) }
    public var duplicates: Int { count(.duplicate) }
    public var conflicts: Int { count(.conflict) }
    public var rejected: Int { count(.rejected) }

    private func count(_ status: InputStatus) -> Int {
        results.reduce(0) { $1.status == status ? $0 + 1 : $0 }
    }

    /// Appends the results of `other`.
    public mutating func add(_ other: BatchOutcome) {
        results += other.results
    }
}
