/// One stored policy entry of one report, with what the analyses need of its report: the unit
/// summaries and readiness checks count from.
public struct PolicyRecord: Sendable, Equatable {
    /// The stored report's row id; entries of one report share it.
    public var reportRow: Int64
    /// Position of the entry in the report's `policies`.
    public var position: Int
    /// `organization-name` of the report.
    public var organizationName: String
    /// UTC day (days since the epoch) of the report's `start-datetime`.
    public var day: Int64
    /// The entry itself: type, domain, strings, patterns, counts and failure details.
    public var policy: TLSReport.Policy
    /// The report's `end-datetime` (seconds since the epoch): which of two reports of one day is
    /// the later, whatever order they were stored in.
    public var endTime: Int64

    public init(
        reportRow: Int64, position: Int, organizationName: String, day: Int64, policy: TLSReport.Policy, endTime: Int64 = 0
    ) {
        self.reportRow = reportRow
        self.position = position
        self.organizationName = organizationName
        self.day = day
        self.policy = policy
        self.endTime = endTime
    }

    /// Successful plus failed sessions of the entry (saturating at `Int64.max`, see
    /// `SaturatingSum.swift`).
    public var sessionTotal: Int64 { policy.successfulSessionCount.addingSaturated(policy.failedSessionCount) }
}

/// Which policy entries an analysis reads.
public struct PolicyQuery: Sendable, Equatable {
    /// Only entries for these policy domains (all when empty).
    public var domains: [String]
    /// First UTC day, inclusive.
    public var fromDay: Int64
    /// Last UTC day, inclusive.
    public var untilDay: Int64

    public init(domains: [String] = [], fromDay: Int64, untilDay: Int64) {
        self.domains = domains
        self.fromDay = fromDay
        self.untilDay = untilDay
    }
}
