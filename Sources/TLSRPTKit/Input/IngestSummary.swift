/// What an ingest run did; also what progress reports carry while it runs.
public struct IngestSummary: Sendable, Equatable {
    /// Files, messages and standard-input payloads read.
    public var inputsRead = 0
    /// Reports stored for the first time.
    public var accepted = 0
    /// Reports already in the store with the same content: nothing stored.
    public var duplicates = 0
    /// Reports with a known organisation and report-id but different content: kept aside.
    public var conflicts = 0
    /// Inputs that claimed to hold a report and could not be decoded: kept with their reason.
    public var rejected = 0
    /// Messages and files with no TLS report in them (DMARC reports, bounces): skipped.
    public var withoutReport = 0
    /// Files skipped unread because the ledger says they were ingested unchanged.
    public var alreadySeen = 0
    /// Symbolic links met while walking a folder that lead to a directory, to something other
    /// than a file, or nowhere (a loop, a dangling link): skipped, not followed, not an error.
    public var skippedLinks = 0
    /// FIFOs, sockets and devices met while walking a folder: skipped unopened, not an error.
    public var skippedSpecialFiles = 0
    /// Paths that could not be read at all, with the reason.
    public var failures: [String] = []
    /// The rejected inputs of this run (at most ``maximumListedRejections``): source and reason.
    public var rejections: [Rejection] = []
    /// Wall-clock duration so far.
    public var elapsedSeconds = 0.0

    /// How many rejections ``rejections`` lists at most.
    public static let maximumListedRejections = 1000

    /// A rejected input: where it came from and why.
    public struct Rejection: Sendable, Equatable {
        public var source: String
        public var fileName: String?
        public var reason: String
    }

    public init() {}

    mutating func add(_ outcome: BatchOutcome) {
        accepted += outcome.accepted
        duplicates += outcome.duplicates
        conflicts += outcome.conflicts
        rejected += outcome.rejected
    }

    /// Lists the rejected ones among `inputs` in ``rejections``, up to its limit.
    mutating func noteRejections(in inputs: [DecodedInput]) {
        for input in inputs {
            guard case .failure(let rejection) = input.outcome, rejections.count < Self.maximumListedRejections else { continue }
            rejections.append(.init(source: input.provenance.source, fileName: input.provenance.fileName, reason: rejection.reason))
        }
    }
}
