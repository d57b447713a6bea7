/// What the store did with one decoded input: the one place that decides stored, duplicate,
/// conflict or rejected is the store's write.
public enum InputResult: Sendable, Equatable {
    /// A report stored for the first time, in the input row `inputID`.
    case accepted(inputID: Int64)
    /// The same report (organisation, report-id and content) is already stored, from input
    /// `ofInput`: nothing new is stored.
    case duplicate(ofInput: Int64)
    /// A report with a stored organisation and report-id but different content: kept aside in
    /// input `inputID`, the first one stays (`tlsrpt rejects --conflicts`).
    case conflict(inputID: Int64, ofInput: Int64)
    /// Not a report: kept with its reason in input `inputID` (`tlsrpt rejects`).
    case rejected(inputID: Int64, ReportRejection)

    /// The status the input row has (or, for a duplicate, would have).
    public var status: InputStatus {
        switch self {
        case .accepted: .accepted
        case .duplicate: .duplicate
        case .conflict: .conflict
        case .rejected: .rejected
        }
    }
}

/// The status of a stored input (the `input.status` column).
public enum InputStatus: String, Sendable, CaseIterable {
    /// Its report is stored.
    case accepted
    /// Its report was already stored (recorded when `reprocess` finds a stored reject to be one).
    case duplicate
    /// Its organisation and report-id were already stored with other content.
    case conflict
    /// It could not be decoded as a report.
    case rejected
}
