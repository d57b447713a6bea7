/// Why an input was not accepted as a report.
public struct ReportRejection: Error, Equatable, Sendable {
    /// What kind of problem it is: a small fixed set, for metrics and filters.
    public var kind: Kind
    /// A sentence saying what is wrong and where.
    public var reason: String

    public init(_ kind: Kind = .invalidReport, reason: String) {
        self.kind = kind
        self.reason = reason
    }

    /// The kinds of rejection; their raw values are stable labels (`tlsrpt_rejected_inputs_total{kind=…}`).
    public enum Kind: String, Sendable, CaseIterable {
        /// Nothing in it.
        case empty
        /// Larger than a limit: the input, the decompressed report, a MIME limit.
        case tooLarge = "too_large"
        /// gzip data that is truncated or corrupt.
        case badCompression = "bad_compression"
        /// Something other than a report: an HTML page, plain text, a PDF, a zip archive.
        case notAReport = "not_a_report"
        /// Text that claims to be JSON and is not.
        case badJSON = "bad_json"
        /// JSON that is not a valid RFC 8460 report (a required field missing, a negative count).
        case invalidReport = "invalid_report"
    }
}
