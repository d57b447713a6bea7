/// Decodes stored originals again, so that an upgrade recovers what an older version rejected.
public struct Reprocessor: Sendable {
    let store: any ReportStore
    let decoder: InputDecoder

    public init(store: any ReportStore, options: IngestOptions = IngestOptions()) {
        self.store = store
        self.decoder = InputDecoder(maximumReportSize: options.maximumReportSize)
    }

    /// Decodes every stored input with one of `statuses` (by default the rejected ones) again.
    /// Inputs that now decode are stored as reports (or recognised as duplicates); the others
    /// stay rejected with their new reason.
    public func run(statuses: [String] = ["rejected"]) throws -> IngestSummary {
        let clock = ContinuousClock()
        let start = clock.now
        var summary = IngestSummary()
        var batch = IngestBatch()
        for stored in try store.inputs(withStatus: statuses) {
            summary.inputsRead += 1
            let original = try store.original(ofInput: stored.id)
            guard case .inputs(var inputs) = decoder.decodeInput(original, provenance: stored.provenance) else {
                summary.withoutReport += 1
                continue
            }
            inputs[0].storedInputID = stored.id
            for input in inputs {
                if case .failure(let rejection) = input.outcome,
                    summary.rejections.count < IngestSummary.maximumListedRejections
                {
                    summary.rejections.append(
                        .init(source: input.provenance.source, fileName: input.provenance.fileName, reason: rejection.reason)
                    )
                }
            }
            batch.inputs.append(contentsOf: inputs)
            if batch.inputs.count >= 512 {
                summary.add(try store.write(batch))
                batch = IngestBatch()
            }
        }
        summary.add(try store.write(batch))
        summary.elapsedSeconds = (clock.now - start).seconds
        return summary
    }
}
