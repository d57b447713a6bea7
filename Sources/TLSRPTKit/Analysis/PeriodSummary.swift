/// What happened to TLS sessions towards each policy domain over a period of UTC days: the data
/// behind `tlsrpt summary` in every format.
public struct PeriodSummary: Sendable, Equatable {
    /// First day, inclusive (days since the epoch).
    public var fromDay: Int64
    /// Last day, inclusive.
    public var untilDay: Int64
    /// One entry per policy domain with reports in the period, and per domain that went silent
    /// (reports before the period, none in it), by name.
    public var domains: [DomainSummary]

    /// Whether any domain has something that needs attention (`summary --exit-code`).
    public var needsAttention: Bool { domains.contains { !$0.attention.isEmpty } }
}

/// The figures of one policy domain over the period.
public struct DomainSummary: Sendable, Equatable {
    public var domain: String
    /// Sessions from the summary counters of the counted entries (see ``SessionCounting``).
    public var successfulSessions: Int64
    public var failedSessions: Int64
    /// Reports with an entry for the domain.
    public var reports: Int
    /// Distinct `organization-name`s behind them.
    public var organizations: Int
    /// Modes seen in `sts` entries, plus `no-policy-found`: sorted.
    public var policyModes: [String]
    /// Failed sessions by result type, largest first (from failure details).
    public var byResultType: [Count]
    /// Failed sessions by receiving MX host, largest first, each with its result types.
    public var byMX: [MXBreakdown]
    /// Sessions by reporting organisation, most failures first.
    public var byOrganization: [OrganizationBreakdown]
    /// Failed sessions by sending MTA IP, largest first.
    public var bySendingIP: [Count]
    /// Sessions per day, in order; every day of the period with reports.
    public var days: [DayCount]
    /// Failed sessions according to the failure details (may differ from ``failedSessions``).
    public var detailedFailedSessions: Int64
    /// Changes against the previous period of the same length that need attention.
    public var attention: [Attention]

    /// failed / (successful + failed); 0 without sessions. Computed in floating point, so that
    /// counts near `Int64.max` give a rate rather than an overflow.
    public var failureRate: Double {
        FailureRate.of(successful: successfulSessions, failed: failedSessions)
    }

    /// Whether the summary counters and the failure details disagree.
    public var countersDisagree: Bool { detailedFailedSessions != failedSessions }

    public struct Count: Sendable, Equatable {
        public var key: String
        public var sessions: Int64
    }

    public struct MXBreakdown: Sendable, Equatable {
        public var mx: String
        public var failedSessions: Int64
        public var byResultType: [Count]
    }

    public struct OrganizationBreakdown: Sendable, Equatable {
        public var organization: String
        public var successfulSessions: Int64
        public var failedSessions: Int64
    }

    public struct DayCount: Sendable, Equatable {
        public var day: Int64
        public var successfulSessions: Int64
        public var failedSessions: Int64
    }

    /// A change that needs a look.
    public struct Attention: Sendable, Equatable {
        public enum Kind: String, Sendable {
            case newResultType = "new-result-type"
            case newMX = "new-mx"
            case failureRateJump = "failure-rate-jump"
            case silentReporter = "silent-reporter"
            case silentDomain = "silent-domain"
        }
        public var kind: Kind
        /// The result type, MX host, organisation or domain concerned ("" for a rate jump).
        public var subject: String
        /// A sentence for people.
        public var message: String
    }
}
