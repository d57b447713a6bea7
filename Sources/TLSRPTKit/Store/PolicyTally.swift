/// Policy entries added up: those of one policy domain, UTC day, reporting organisation, policy
/// type and policy text that the counting rules (``SessionCounting``) treat alike.
///
/// The store keeps these totals beside the reports, written in the transaction that stores the
/// reports, so summaries, readiness and the dashboard read one row per day, reporter and policy
/// rather than one per report: a reporter that sends a report per sending host or per hour adds
/// to one tally. Reports are never deleted, so tallies only grow.
public struct PolicyTally: Sendable, Equatable {
    /// UTC day (days since the epoch) of the reports' `start-datetime`.
    public var day: Int64
    /// `organization-name` of the reports.
    public var organizationName: String
    /// The entries' type, domain, `policy-string` and `mx-host`; their session counts summed;
    /// their failure details merged by result type, sending IP and receiving MX host, with
    /// `failed-session-count` summed (the other fields of a detail are not kept here).
    public var policy: TLSReport.Policy
    /// Whether these entries count towards domain totals: per report and policy domain, only one
    /// entry does (``SessionCounting/countedEntries(_:)``).
    public var isCounted: Bool
    /// Whether these are `tlsa` entries of reports that also list an `sts` entry for the domain:
    /// Microsoft repeats its sts sessions under tlsa, and readiness judges those as MTA-STS.
    public var accompaniesSTS: Bool
    /// Policy entries added up.
    public var entries: Int64
    /// Reports showing this policy text for the domain, each counted in the tally of its first
    /// entry that shows it (so a report listing one policy twice counts once).
    public var reports: Int64
    /// Counted entries with failure details that do not add up to their failure counter.
    public var disagreeingEntries: Int64
    /// The latest `end-datetime` (seconds since the epoch) of the reports.
    public var latestEndTime: Int64
    /// Where the latest of the reports (by end time, then storage order) stands in storage order
    /// (its row id): breaks ties between tallies of one day and end time as between reports, so
    /// the "latest policy" is the same on every read.
    public var order: Int64

    public init(
        day: Int64, organizationName: String, policy: TLSReport.Policy, isCounted: Bool, accompaniesSTS: Bool = false,
        entries: Int64 = 1, reports: Int64 = 1, disagreeingEntries: Int64 = 0, latestEndTime: Int64 = 0, order: Int64 = 0
    ) {
        self.day = day
        self.organizationName = organizationName
        self.policy = policy
        self.isCounted = isCounted
        self.accompaniesSTS = accompaniesSTS
        self.entries = entries
        self.reports = reports
        self.disagreeingEntries = disagreeingEntries
        self.latestEndTime = latestEndTime
        self.order = order
    }

    /// Successful plus failed sessions (saturating at `Int64.max`, see `SaturatingSum.swift`).
    public var sessionTotal: Int64 { policy.successfulSessionCount.addingSaturated(policy.failedSessionCount) }

    /// What a failure detail is merged by.
    struct FailureKey: Hashable {
        var resultType: String
        var sendingMTAIP: String?
        var receivingMXHostname: String?

        init(_ detail: TLSReport.FailureDetail) {
            resultType = detail.resultType
            sendingMTAIP = detail.sendingMTAIP
            receivingMXHostname = detail.receivingMXHostname
        }
    }

    /// Adds `other`, a tally of the same key (later in storage order), to this one.
    mutating func add(_ other: PolicyTally) {
        entries.addSaturated(other.entries)
        reports.addSaturated(other.reports)
        disagreeingEntries.addSaturated(other.disagreeingEntries)
        if (other.latestEndTime, other.order) > (latestEndTime, order) {
            latestEndTime = other.latestEndTime
            order = other.order
        }
        policy.successfulSessionCount.addSaturated(other.policy.successfulSessionCount)
        policy.failedSessionCount.addSaturated(other.policy.failedSessionCount)
        policy.failureDetails = Self.merged(policy.failureDetails + other.policy.failureDetails)
    }

    /// `details` with those of one ``FailureKey`` merged into the first of them, in first-seen order.
    static func merged(_ details: [TLSReport.FailureDetail]) -> [TLSReport.FailureDetail] {
        var indexByKey: [FailureKey: Int] = [:]
        var merged: [TLSReport.FailureDetail] = []
        for detail in details {
            let key = FailureKey(detail)
            if let index = indexByKey[key] {
                merged[index].failedSessionCount.addSaturated(detail.failedSessionCount)
            } else {
                indexByKey[key] = merged.count
                merged.append(
                    TLSReport.FailureDetail(
                        resultType: key.resultType, sendingMTAIP: key.sendingMTAIP,
                        receivingMXHostname: key.receivingMXHostname, receivingMXHelo: nil, receivingIP: nil,
                        failedSessionCount: detail.failedSessionCount, additionalInformation: nil, failureReasonCode: nil))
            }
        }
        return merged
    }

    /// The tallies one report adds, with the position of the policy entry each took its policy
    /// text from (the writer stores texts by id, and sets ``order`` to the report's row). Entries
    /// of the report that share a tally key are added up here.
    static func tallies(of report: TLSReport) -> [(tally: PolicyTally, position: Int)] {
        let day = Timestamp.day(of: report.startTime)
        let records = report.policies.enumerated().map { position, policy in
            PolicyRecord(
                reportRow: 0, position: position, organizationName: report.organizationName, day: day, policy: policy,
                endTime: report.endTime)
        }
        let counted = Set(SessionCounting.countedEntries(records).map(\.position))
        let domainsWithSTS = Set(report.policies.filter { $0.policyType == .sts }.map(\.policyDomain))
        var shownTexts: Set<TextKey> = []
        var indexByKey: [Key: Int] = [:]
        var tallies: [(tally: PolicyTally, position: Int)] = []
        for (position, policy) in report.policies.enumerated() {
            let isCounted = counted.contains(position)
            let details = policy.failureDetails
            let disagrees = isCounted && !details.isEmpty && details.saturatedSum(\.failedSessionCount) != policy.failedSessionCount
            var entry = policy
            entry.failureDetails = Self.merged(details)
            let text = TextKey(domain: policy.policyDomain, strings: policy.policyStrings, hosts: policy.mxHosts)
            let tally = PolicyTally(
                day: day, organizationName: report.organizationName, policy: entry, isCounted: isCounted,
                accompaniesSTS: policy.policyType == .tlsa && domainsWithSTS.contains(policy.policyDomain),
                entries: 1, reports: shownTexts.insert(text).inserted ? 1 : 0, disagreeingEntries: disagrees ? 1 : 0,
                latestEndTime: report.endTime, order: 0)
            let key = Key(text: text, type: policy.policyType, isCounted: isCounted, accompaniesSTS: tally.accompaniesSTS)
            if let index = indexByKey[key] {
                tallies[index].tally.add(tally)
            } else {
                indexByKey[key] = tallies.count
                tallies.append((tally, position))
            }
        }
        return tallies
    }

    private struct TextKey: Hashable {
        var domain: String
        var strings: [String]
        var hosts: [String]
    }

    private struct Key: Hashable {
        var text: TextKey
        var type: TLSReport.PolicyType
        var isCounted: Bool
        var accompaniesSTS: Bool
    }
}
