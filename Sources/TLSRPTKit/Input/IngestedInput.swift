/// What became of one report an in-memory ingest stored (``ReportIngestor/ingestWithReports(_:provenance:as:)``),
/// with the report itself.
public struct IngestedInput: Sendable, Equatable {
    /// What the store did with it.
    public var result: InputResult
    /// The decoded report: set whenever the input decoded as one (``InputResult/accepted(inputID:)``,
    /// ``InputResult/duplicate(ofInput:)``, ``InputResult/conflict(inputID:ofInput:)``), `nil` for a
    /// rejected input.
    public var report: TLSReport?

    public init(result: InputResult, report: TLSReport?) {
        self.result = result
        self.report = report
    }
}
