import Synchronization

/// Ingests inputs held in memory — an HTTP request body, an IMAP message, a stored original —
/// through the same decoder and the same single writer as files, and says what became of each
/// once it is committed.
///
/// Callers on any number of tasks may ingest at once: their inputs are decoded on the calling
/// task, then queued for the one writer, which commits everything queued while it wrote the
/// previous group in one transaction (a group commit). Each call returns only after its reports
/// are on disk, so a server can answer `201 Created` and a mail fetcher can flag a message
/// `\Seen` knowing a crash will not lose it. The queue is bounded: past
/// ``maximumQueuedInputs``, calls fail at once with ``IngestError/queueFull`` (a server answers
/// 503 and the reporter retries later) rather than piling up memory.
///
/// ```swift
/// let ingestor = ReportIngestor(store: try SQLiteReportStore(path: "tlsrpt.sqlite"))
/// let results = try await ingestor.ingest(body, provenance: Provenance(source: "https://…", receivedAt: now), as: .report)
/// if case .accepted(let inputID) = results.first { print("stored as input", inputID) }
/// ```
public final class ReportIngestor: Sendable {
    /// What the bytes handed to ``ingest(_:provenance:as:)`` are expected to be.
    public enum Content: Sendable {
        /// Sniffed like a file: a report, gzip'd report or e-mail; plain text not named like a
        /// report (a README) holds no report.
        case file
        /// A report, however it is encoded (an HTTP request body): anything that is not one is
        /// rejected and kept.
        case report
        /// An e-mail message: one without a TLS report (a DMARC report, a bounce) holds none.
        case message
    }

    /// How many inputs may wait for the writer (decoded, not yet committed) before calls fail.
    public let maximumQueuedInputs: Int

    let decoder: InputDecoder
    private let writer: BatchWriterQueue
    private let state = Mutex(State())

    private struct State {
        var waiting: [Waiting] = []
        /// Inputs waiting plus inputs being written.
        var queuedInputs = 0
        var draining = false
    }

    private struct Waiting {
        var inputs: [DecodedInput]
        var continuation: CheckedContinuation<[InputResult], any Error>
    }

    /// - Parameters:
    ///   - options: the size limits of ``IngestOptions`` apply; the ledger and move settings do not.
    ///   - maximumQueuedInputs: see ``maximumQueuedInputs``.
    public init(store: any ReportStore, options: IngestOptions = IngestOptions(), maximumQueuedInputs: Int = 4096) {
        decoder = InputDecoder(maximumReportSize: options.maximumReportSize)
        writer = BatchWriterQueue(store: store, moveProcessedTo: nil, stopsAfterFailure: false)
        self.maximumQueuedInputs = maximumQueuedInputs
    }

    /// Inputs decoded and not yet committed: the depth of the writer's queue.
    public var queuedInputs: Int { state.withLock { $0.queuedInputs } }

    /// Decodes `bytes` and stores what they hold, returning once it is committed.
    /// - Returns: one result per report (or claimed report) in the input, in order; empty when
    ///   the input holds no report (only possible for ``Content/file`` and ``Content/message``),
    ///   in which case nothing was stored.
    /// - Throws: ``IngestError/queueFull`` when the writer is too far behind; the store's error
    ///   when the write failed (nothing of this input was stored).
    public func ingest(_ bytes: [UInt8], provenance: Provenance, as content: Content) async throws -> [InputResult] {
        try await ingestWithReports(bytes, provenance: provenance, as: content).map(\.result)
    }

    /// ``ingest(_:provenance:as:)``, also handing back the report each result is about, so that
    /// a caller can count what was stored (the server's metrics) without reading it back.
    /// - Returns: one ``IngestedInput`` per report (or claimed report) in the input, in order.
    /// - Throws: as ``ingest(_:provenance:as:)``.
    public func ingestWithReports(_ bytes: [UInt8], provenance: Provenance, as content: Content) async throws
        -> [IngestedInput]
    {
        let inputs = decode(bytes, provenance: provenance, as: content)
        let results = try await write(inputs)
        return zip(inputs, results).map { input, result in
            IngestedInput(result: result, report: try? input.outcome.get())
        }
    }

    /// Queues decoded inputs for the writer and returns their results once they are committed.
    func write(_ inputs: [DecodedInput]) async throws -> [InputResult] {
        guard !inputs.isEmpty else { return [] }
        return try await withCheckedThrowingContinuation { continuation in
            let startsDraining = state.withLock { state -> Bool? in
                guard state.queuedInputs == 0 || state.queuedInputs + inputs.count <= maximumQueuedInputs else { return nil }
                state.waiting.append(Waiting(inputs: inputs, continuation: continuation))
                state.queuedInputs += inputs.count
                let wasDraining = state.draining
                state.draining = true
                return !wasDraining
            }
            switch startsDraining {
            case nil: continuation.resume(throwing: IngestError.queueFull(limit: maximumQueuedInputs))
            case true?: Task { await self.drain() }
            case false?: break
            }
        }
    }

    /// The decoded inputs `bytes` hold.
    func decode(_ bytes: [UInt8], provenance: Provenance, as content: Content) -> [DecodedInput] {
        let outcome: InputDecoder.Outcome
        switch content {
        case .file: outcome = decoder.decodeInput(bytes, provenance: provenance)
        case .report: outcome = decoder.decodeInput(bytes, provenance: provenance, claimsReport: true)
        case .message: outcome = decoder.decodeMessage(bytes, source: provenance.source, receivedAt: provenance.receivedAt)
        }
        guard case .inputs(let inputs) = outcome else { return [] }
        return inputs
    }

    /// Writes everything waiting, one transaction per round, until nothing waits.
    private func drain() async {
        while true {
            let group = state.withLock { state -> [Waiting] in
                let group = state.waiting
                state.waiting = []
                if group.isEmpty { state.draining = false }
                return group
            }
            if group.isEmpty { return }
            var batch = IngestBatch()
            batch.inputs = group.flatMap(\.inputs)
            let written: Result<BatchOutcome, any Error> = await writer.write(batch)
            state.withLock { $0.queuedInputs -= batch.inputs.count }
            switch written {
            case .success(let outcome):
                var results = outcome.results[...]
                for waiting in group {
                    waiting.continuation.resume(returning: Array(results.prefix(waiting.inputs.count)))
                    results = results.dropFirst(waiting.inputs.count)
                }
            case .failure(let error):
                for waiting in group { waiting.continuation.resume(throwing: error) }
            }
        }
    }
}

/// Why an in-memory ingest could not be queued.
public enum IngestError: Error, CustomStringConvertible, Sendable, Equatable {
    /// More inputs than the limit wait for the writer already; try again later.
    case queueFull(limit: Int)

    public var description: String {
        switch self {
        case .queueFull(let limit): "the write queue is full (\(limit) inputs wait for the database); try again later"
        }
    }
}
