/// One stored report in a list: who sent it, for when, and its sessions for one policy domain.
public struct ReportHeadline: Sendable, Equatable {
    /// The id of the input holding it (`tlsrpt show ID`, `/reports/ID`).
    public var inputID: Int64
    public var organizationName: String
    public var reportID: String
    /// The report's `start-datetime` and `end-datetime`, seconds since the epoch.
    public var startTime: Int64
    public var endTime: Int64
    /// The sessions of the domain's counted entry (``SessionCounting``: the entry with the most
    /// sessions when a report has several for the domain).
    public var successfulSessions: Int64
    public var failedSessions: Int64

    public init(
        inputID: Int64, organizationName: String, reportID: String, startTime: Int64, endTime: Int64,
        successfulSessions: Int64, failedSessions: Int64
    ) {
        self.inputID = inputID
        self.organizationName = organizationName
        self.reportID = reportID
        self.startTime = startTime
        self.endTime = endTime
        self.successfulSessions = successfulSessions
        self.failedSessions = failedSessions
    }
}
