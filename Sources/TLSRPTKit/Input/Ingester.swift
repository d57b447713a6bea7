import Foundation

/// Ingests files, directories, mboxes, Maildirs and standard input into a store.
///
/// Inputs are decoded in batches on every core while earlier batches are written by a single
/// writer, several batches per transaction (``BatchWriterQueue``). One bad input never stops the batch: it is stored
/// as a rejected input with its reason. Memory stays bounded: an mbox is streamed, and at most
/// four batches are held at once (one being decoded, one decoded and waiting to be queued, and
/// ``maximumQueuedWrites`` waiting for the writer).
///
/// ```swift
/// let store = try SQLiteReportStore(path: "tlsrpt.sqlite")
/// let summary = try await Ingester(store: store).run(paths: ["SampleReports"])
/// print(summary.accepted)
/// ```
public struct Ingester: Sendable {
    let store: any ReportStore
    let options: IngestOptions
    let decoder: InputDecoder

    public init(store: any ReportStore, options: IngestOptions = IngestOptions()) {
        self.store = store
        self.options = options
        self.decoder = InputDecoder(maximumReportSize: options.maximumReportSize)
    }

    /// Ingests every input under `paths` (`-` is standard input).
    /// - Parameter progress: called after each commit (every few batches), with the totals so far.
    /// - Throws: ``IngestInterruption``, with what was committed before, only when the store
    ///   itself fails; unreadable paths and files `--move-to` could not move are listed in the
    ///   summary's failures.
    public func run(
        paths: [String],
        progress: (@Sendable (IngestSummary) -> Void)? = nil
    ) async throws -> IngestSummary {
        let clock = ContinuousClock()
        let start = clock.now
        var run = Run(ingester: self, progress: progress, elapsed: { (clock.now - start).seconds })
        var walker = InputWalker(
            store: store,
            ignoresLedger: options.ignoresLedger || options.moveProcessedTo != nil
        )
        func summary() -> IngestSummary {
            var summary = run.summary
            summary.alreadySeen = walker.alreadySeen
            summary.skippedLinks = walker.skippedLinks
            summary.skippedSpecialFiles = walker.skippedSpecialFiles
            summary.failures = walker.failures + summary.failures
            summary.elapsedSeconds = (clock.now - start).seconds
            return summary
        }
        do {
            try await walker.walk(paths) { item in
                try await run.add(item)
            }
            try await run.finish()
        } catch {
            // Nothing of an aborted run stays half-written for a later run on the same store.
            await run.writer.abandon()
            throw IngestInterruption(summary: summary(), underlying: error)
        }
        return summary()
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
