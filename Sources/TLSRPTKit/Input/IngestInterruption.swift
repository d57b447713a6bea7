/// The error ``Ingester/run(paths:progress:)`` throws when the store fails part-way (a full disk,
/// a corrupt database): what the run had committed before, and the store's error.
///
/// Batches committed before the failure stay stored; ``summary`` counts exactly those (its
/// `accepted`, `duplicates`, `conflicts` and `rejected`), so a caller can say what was kept.
public struct IngestInterruption: Error, CustomStringConvertible {
    /// The run's totals up to the failure: what was committed, and the failures met on the way.
    public let summary: IngestSummary
    /// What the store threw.
    public let underlying: any Error

    public var description: String { "\(underlying)" }
}
