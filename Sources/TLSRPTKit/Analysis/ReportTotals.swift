/// The running totals `tlsrpt serve` exports as metrics: sessions by policy domain, failed
/// sessions by domain, result type and MX host, stored reports by organisation and rejected
/// inputs by kind.
///
/// The server builds them from the whole store when it starts (``ReportStore/reportTotals()``,
/// from the policy tallies), so a restart does not reset them, and adds each report it stores
/// (``add(_:)``). Both follow
/// the counting rules of summaries (``SessionCounting``): per report and policy domain only the
/// entry with the largest session total counts, and failure breakdowns come from that entry's
/// failure details. Sums saturate at `Int64.max` (see `SaturatingSum.swift`).
///
/// ```swift
/// var totals = try store.reportTotals()
/// totals.add(report)   // a report just stored
/// let failed = totals.sessionsByDomain["example.com"]?.failed ?? 0
/// ```
public struct ReportTotals: Sendable, Equatable {
    /// Successful and failed sessions of one policy domain.
    public struct Sessions: Sendable, Equatable {
        public var successful: Int64 = 0
        public var failed: Int64 = 0

        public init(successful: Int64 = 0, failed: Int64 = 0) {
            self.successful = successful
            self.failed = failed
        }
    }

    /// What failed sessions are broken down by: the values of one failure detail.
    public struct FailureKey: Sendable, Hashable {
        /// `policy-domain` of the entry the detail belongs to.
        public var domain: String
        /// `result-type` of the detail.
        public var resultType: String
        /// `receiving-mx-hostname` of the detail, `nil` when the reporter gave none.
        public var mxHost: String?

        public init(domain: String, resultType: String, mxHost: String?) {
            self.domain = domain
            self.resultType = resultType
            self.mxHost = mxHost
        }
    }

    /// Sessions of the counted entries, by policy domain.
    public var sessionsByDomain: [String: Sessions] = [:]
    /// `failed-session-count` of the counted entries' failure details, by domain, result type and MX host.
    public var failedSessions: [FailureKey: Int64] = [:]
    /// Stored reports, by `organization-name`.
    public var reportsByOrganization: [String: Int64] = [:]
    /// Rejected inputs, by kind.
    public var rejectedInputs: [ReportRejection.Kind: Int64] = [:]

    public init() {}

    /// Adds a report that was just stored.
    public mutating func add(_ report: TLSReport) {
        let day = Timestamp.day(of: report.startTime)
        let entries = report.policies.enumerated().map { position, policy in
            PolicyRecord(
                reportRow: 0, position: position, organizationName: report.organizationName, day: day, policy: policy,
                endTime: report.endTime)
        }
        addReport(organization: report.organizationName, entries: entries)
    }

    /// Adds `count` rejected inputs of one kind.
    public mutating func addRejections(_ kind: ReportRejection.Kind, count: Int64 = 1) {
        rejectedInputs[kind, default: 0].addSaturated(count)
    }

    /// Adds one stored report given as its policy entries (with their failure details), all
    /// sharing one ``PolicyRecord/reportRow``.
    mutating func addReport(organization: String, entries: [PolicyRecord]) {
        reportsByOrganization[organization, default: 0].addSaturated(1)
        for entry in SessionCounting.countedEntries(entries) {
            let policy = entry.policy
            addSessions(domain: policy.policyDomain, successful: policy.successfulSessionCount, failed: policy.failedSessionCount)
            for detail in policy.failureDetails {
                addFailedSessions(
                    FailureKey(domain: policy.policyDomain, resultType: detail.resultType, mxHost: detail.receivingMXHostname),
                    count: detail.failedSessionCount)
            }
        }
    }

    /// Adds the sessions of counted entries of `domain`.
    mutating func addSessions(domain: String, successful: Int64, failed: Int64) {
        sessionsByDomain[domain, default: Sessions()].successful.addSaturated(successful)
        sessionsByDomain[domain, default: Sessions()].failed.addSaturated(failed)
    }

    /// Adds failed sessions of counted entries' failure details.
    mutating func addFailedSessions(_ key: FailureKey, count: Int64) {
        failedSessions[key, default: 0].addSaturated(count)
    }
}
