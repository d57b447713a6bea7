/// Decodes stored originals again, so that an upgrade recovers what an older version rejected.
public struct Reprocessor: Sendable {
    let store: any ReportStore
    let options: IngestOptions
    let ingestor: ReportIngestor

    public init(store: any ReportStore, options: IngestOptions = IngestOptions()) {
        self.store = store
        self.options = options
        self.ingestor = ReportIngestor(store: store, options: options, maximumQueuedInputs: .max)
    }

    /// Decodes every stored input with one of `statuses` (by default the rejected ones) again.
    /// Inputs that now decode are stored as reports (or recognised as duplicates); the others
    /// stay rejected with their new reason. Batches of ``IngestOptions/batchSize`` inputs go
    /// through the same writer as every other ingest.
    public func run(statuses: [InputStatus] = [.rejected]) async throws -> IngestSummary {
        let clock = ContinuousClock()
        let start = clock.now
        var summary = IngestSummary()
        var batch: [DecodedInput] = []
        for stored in try store.inputs(withStatus: statuses) {
            summary.inputsRead += 1
            var inputs = ingestor.decode(try store.original(ofInput: stored.id), provenance: stored.provenance, as: .file)
            guard !inputs.isEmpty else {
                summary.withoutReport += 1
                continue
            }
            inputs[0].storedInputID = stored.id
            summary.noteRejections(in: inputs)
            batch += inputs
            if batch.count >= options.batchSize {
                summary.add(BatchOutcome(results: try await ingestor.write(batch)))
                batch = []
            }
        }
        summary.add(BatchOutcome(results: try await ingestor.write(batch)))
        summary.elapsedSeconds = (clock.now - start).seconds
        return summary
    }
}
