/// Why an input was not accepted as a report.
public struct ReportRejection: Error, Equatable, Sendable {
    /// A sentence saying what is wrong and where.
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}
