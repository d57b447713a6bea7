import Foundation

/// Builds a ``PeriodSummary`` from the store.
public struct SummaryBuilder: Sendable {
    let store: any ReportReading

    public init(store: any ReportReading) {
        self.store = store
    }

    /// Summarises `domains` (all when empty) over the days `fromDay...untilDay`, comparing with
    /// the period of the same length just before it.
    public func summary(domains: [String], fromDay: Int64, untilDay: Int64) throws -> PeriodSummary {
        let length = untilDay - fromDay + 1
        let current = try store.policyTallies(PolicyQuery(domains: domains, fromDay: fromDay, untilDay: untilDay))
        let previous = try store.policyTallies(
            PolicyQuery(domains: domains, fromDay: fromDay - length, untilDay: fromDay - 1))
        let currentByDomain = Dictionary(grouping: current, by: \.policy.policyDomain)
        let previousByDomain = Dictionary(grouping: previous, by: \.policy.policyDomain)
        let names = currentByDomain.keys.filter { !$0.isEmpty }.sorted()
        let lookback = max(length, Self.silenceLookbackDays)
        let silent = try store.domains(fromDay: fromDay - lookback, untilDay: fromDay - 1)
            .filter { currentByDomain[$0.domain] == nil && (domains.isEmpty || domains.contains($0.domain)) }
        var summaries = names.map { name in
            Self.summarize(domain: name, tallies: currentByDomain[name]?[...] ?? [], previous: previousByDomain[name]?[...] ?? [])
        }
        summaries += silent.map { Self.silentDomain($0, fromDay: fromDay) }
        return PeriodSummary(fromDay: fromDay, untilDay: untilDay, domains: summaries.sorted { $0.domain < $1.domain })
    }

    /// How far before the period a domain's last report may be for its silence to be flagged: 28
    /// days, or the period's length when longer. A domain quiet for longer is taken as retired.
    static let silenceLookbackDays: Int64 = 28

    /// A domain with reports before the period and none in it: reports stopped, or are not ingested.
    static func silentDomain(_ span: DomainSpan, fromDay: Int64) -> DomainSummary {
        let days = fromDay - span.lastDay
        let message = "no reports in this period; the last one is from " + Timestamp.formatDay(span.lastDay)
            + " (" + Wording.count(days, "day") + " before the period): reports stopped or are not ingested"
        return DomainSummary(
            domain: span.domain, successfulSessions: 0, failedSessions: 0, reports: 0, organizations: 0, policyModes: [],
            byResultType: [], byMX: [], byOrganization: [], bySendingIP: [], days: [], detailedFailedSessions: 0,
            attention: [.init(kind: .silentDomain, subject: span.domain, message: message)])
    }

    static func summarize(domain: String, tallies: ArraySlice<PolicyTally>, previous: ArraySlice<PolicyTally>) -> DomainSummary {
        var successful: Int64 = 0
        var failed: Int64 = 0
        var detailed: Int64 = 0
        var byType: [String: Int64] = [:]
        var byMX: [String: [String: Int64]] = [:]
        var byIP: [String: Int64] = [:]
        var byOrganization: [String: (Int64, Int64)] = [:]
        var byDay: [Int64: (Int64, Int64)] = [:]
        var reports: Int64 = 0
        for tally in tallies where tally.isCounted {
            let policy = tally.policy
            // Saturating sums: see SaturatingSum.swift.
            successful.addSaturated(policy.successfulSessionCount)
            failed.addSaturated(policy.failedSessionCount)
            // One counted entry per report and domain: counted entries are the domain's reports.
            reports.addSaturated(tally.entries)
            byOrganization[tally.organizationName, default: (0, 0)].0.addSaturated(policy.successfulSessionCount)
            byOrganization[tally.organizationName, default: (0, 0)].1.addSaturated(policy.failedSessionCount)
            byDay[tally.day, default: (0, 0)].0.addSaturated(policy.successfulSessionCount)
            byDay[tally.day, default: (0, 0)].1.addSaturated(policy.failedSessionCount)
            for detail in policy.failureDetails {
                detailed.addSaturated(detail.failedSessionCount)
                byType[detail.resultType, default: 0].addSaturated(detail.failedSessionCount)
                byMX[detail.receivingMXHostname ?? "(not reported)", default: [:]][detail.resultType, default: 0]
                    .addSaturated(detail.failedSessionCount)
                byIP[detail.sendingMTAIP ?? "(not reported)", default: 0].addSaturated(detail.failedSessionCount)
            }
        }
        var modeMemo = PolicyTextMemo<String?>()
        let modes = Set(tallies.compactMap { tally in
            tally.policy.policyType == .sts ? modeMemo.value(for: tally.policy, SessionCounting.mode) : SessionCounting.mode(of: tally.policy)
        }).sorted()
        var summary = DomainSummary(
            domain: domain,
            successfulSessions: successful,
            failedSessions: failed,
            reports: Int(reports),
            // Every report has a counted entry: its organisation is among the counted ones.
            organizations: byOrganization.count,
            policyModes: modes,
            byResultType: Self.ranked(byType),
            byMX: byMX.map { mx, types in
                DomainSummary.MXBreakdown(mx: mx, failedSessions: types.values.saturatedSum { $0 }, byResultType: Self.ranked(types))
            }.sorted { ($0.failedSessions, $1.mx) > ($1.failedSessions, $0.mx) },
            byOrganization: byOrganization.map {
                DomainSummary.OrganizationBreakdown(organization: $0.key, successfulSessions: $0.value.0, failedSessions: $0.value.1)
            }.sorted {
                ($0.failedSessions, $0.successfulSessions, $1.organization) > ($1.failedSessions, $1.successfulSessions, $0.organization)
            },
            bySendingIP: Self.ranked(byIP),
            days: byDay.keys.sorted().map { day in
                DomainSummary.DayCount(day: day, successfulSessions: byDay[day]!.0, failedSessions: byDay[day]!.1)
            },
            detailedFailedSessions: detailed,
            attention: []
        )
        summary.attention = Self.attention(current: summary, previous: previous)
        return summary
    }

    /// Compares with the previous period: what is new, what jumped, who went quiet.
    static func attention(current: DomainSummary, previous: ArraySlice<PolicyTally>) -> [DomainSummary.Attention] {
        guard !previous.isEmpty else { return [] }
        let previousCounted = previous.filter(\.isCounted)
        let previousDetails = previousCounted.flatMap(\.policy.failureDetails)
        let previousTypes = Set(previousDetails.map(\.resultType))
        let previousMX = Set(previousDetails.compactMap(\.receivingMXHostname))
        var notes: [DomainSummary.Attention] = []
        for count in current.byResultType where !previousTypes.contains(count.key) {
            notes.append(.init(kind: .newResultType, subject: count.key,
                message: "result type \(count.key) appeared: " + SummaryFormat.counted(count.sessions, "failed session", "failed sessions")
                    + ", none in the previous period"))
        }
        for mx in current.byMX where mx.mx != "(not reported)" && !previousMX.contains(mx.mx) {
            notes.append(.init(kind: .newMX, subject: mx.mx,
                message: "failures on \(mx.mx) for the first time: " + SummaryFormat.counted(mx.failedSessions, "failed session", "failed sessions")))
        }
        let previousSuccessful = previousCounted.saturatedSum(\.policy.successfulSessionCount)
        let previousFailed = previousCounted.saturatedSum(\.policy.failedSessionCount)
        let previousRate = FailureRate.of(successful: previousSuccessful, failed: previousFailed)
        if current.failureRate >= 2 * previousRate, current.failureRate - previousRate >= 0.005 {
            notes.append(.init(kind: .failureRateJump, subject: "",
                message: "failure rate rose from \(Figures.percent(previousRate)) to \(Figures.percent(current.failureRate))"))
        }
        let currentOrganizations = Set(current.byOrganization.map(\.organization))
        for organization in Set(previous.map(\.organizationName)).subtracting(currentOrganizations).sorted() {
            notes.append(.init(kind: .silentReporter, subject: organization,
                message: "\(organization) sent reports in the previous period and none in this one"))
        }
        return notes
    }

    static func ranked(_ counts: [String: Int64]) -> [DomainSummary.Count] {
        counts.map { DomainSummary.Count(key: $0.key, sessions: $0.value) }
            .sorted { ($0.sessions, $1.key) > ($1.sessions, $0.key) }
    }
}
