import Foundation

/// Settings of one ingest run.
public struct IngestOptions: Sendable {
    /// Read files again even when the ledger says they were ingested unchanged.
    public var ignoresLedger = false
    /// Move each file whose reports were stored (accepted, duplicate or rejected) into this folder.
    public var moveProcessedTo: String?
    /// The largest decompressed report accepted: 16 MiB.
    public var maximumReportSize = 16 << 20
    /// The largest single file or message read: 64 MiB (an mbox may be larger; it is streamed).
    public var maximumInputSize = 64 << 20
    /// Inputs decoded at a time and handed to the writer as one batch (eight batches make a transaction).
    public var batchSize = 512
    /// How many inputs decode at once; defaults to the number of cores.
    public var decodeConcurrency = max(1, ProcessInfo.processInfo.activeProcessorCount)

    public init() {}
}
