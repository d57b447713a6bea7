/// Everything the dashboard shows of one policy domain: its summary over a period, its readiness
/// and the policy versions reporters saw, computed by the same functions as `tlsrpt summary`,
/// `tlsrpt readiness` and `tlsrpt policy` from one read of the store.
public struct DomainOverview: Sendable, Equatable {
    public var domain: String
    /// The period's figures (as `summary --domain DOMAIN` computes them); `nil` when the domain
    /// has no report in the period.
    public var summary: DomainSummary?
    /// The readiness analysis (as `readiness DOMAIN` computes it with the same options).
    public var readiness: ReadinessReport
    /// The distinct `sts` policies reporters copied into reports of the period, latest first.
    public var policies: [SeenPolicy]

    /// One version of the domain's MTA-STS policy as reporters saw it.
    public struct SeenPolicy: Sendable, Equatable {
        /// The `mode:` line, lowercased, when there is one.
        public var mode: String?
        public var maximumAge: Int64?
        /// The `mx:` patterns, lowercased, sorted.
        public var mxPatterns: [String]
        public var firstSeenDay: Int64
        public var lastSeenDay: Int64
        /// The organisations that reported it, sorted.
        public var organizations: [String]
        /// Reports that showed it.
        public var reports: Int
    }
}

/// Builds ``DomainOverview``s from a store.
public struct DomainOverviewBuilder: Sendable {
    let store: any ReportReading

    public init(store: any ReportReading) {
        self.store = store
    }

    /// The overview of `domain` over the days `fromDay...untilDay`, with readiness computed with
    /// `readinessOptions`; one read of the store covers the period, the period before it (for
    /// what needs attention) and the readiness window.
    public func overview(domain: String, fromDay: Int64, untilDay: Int64, readinessOptions: ReadinessOptions) throws
        -> DomainOverview
    {
        let length = untilDay - fromDay + 1
        let readinessFrom = readinessOptions.asOfDay - Int64(readinessOptions.windowDays) + 1
        let first = min(fromDay - length, readinessFrom)
        let last = max(untilDay, readinessOptions.asOfDay)
        let tallies = try store.policyTallies(PolicyQuery(domains: [domain], fromDay: first, untilDay: last))
        // Tallies come by day: each period is a slice of them, not a copy.
        func days(_ from: Int64, _ until: Int64) -> ArraySlice<PolicyTally> {
            let start = tallies.firstIndex { $0.day >= from } ?? tallies.endIndex
            let end = tallies[start...].firstIndex { $0.day > until } ?? tallies.endIndex
            return tallies[start..<end]
        }
        let current = days(fromDay, untilDay)
        let previous = days(fromDay - length, fromDay - 1)
        let window = days(readinessFrom, readinessOptions.asOfDay)
        var history = DomainHistory.notNeeded
        if window.isEmpty {
            let spans = try store.domains()
            history = DomainHistory(span: spans.first { $0.domain == domain }, knownDomains: spans.map(\.domain))
        }
        let summary: DomainSummary?
        if current.isEmpty {
            // A domain that went silent is listed by the summary with the day of its last report.
            summary = try SummaryBuilder(store: store).summary(domains: [domain], fromDay: fromDay, untilDay: untilDay)
                .domains.first { $0.domain == domain }
        } else {
            summary = SummaryBuilder.summarize(domain: domain, tallies: current, previous: previous)
        }
        return DomainOverview(
            domain: domain,
            summary: summary,
            readiness: ReadinessAnalyzer.analyze(domain: domain, tallies: window, history: history, options: readinessOptions),
            policies: Self.policies(in: current)
        )
    }

    /// The distinct `sts` policies of `tallies` (those with a `policy-string`), latest first.
    static func policies(in tallies: ArraySlice<PolicyTally>) -> [DomainOverview.SeenPolicy] {
        // Entries are changed in place in an array (a copy out of a dictionary would copy its sets).
        var indexByKey: [PolicyVersions.Key: Int] = [:]
        var entries: [(policy: DomainOverview.SeenPolicy, organizations: Set<String>, reports: Int64)] = []
        var keys = PolicyTextMemo<PolicyVersions.Key>()
        for tally in tallies where tally.policy.policyType == .sts && !tally.policy.policyStrings.isEmpty {
            let key = keys.value(for: tally.policy, PolicyVersions.key)
            let index: Int
            if let known = indexByKey[key] {
                index = known
            } else {
                index = entries.count
                indexByKey[key] = index
                entries.append((
                    DomainOverview.SeenPolicy(
                        mode: key.mode, maximumAge: key.maximumAge, mxPatterns: key.patterns, firstSeenDay: tally.day,
                        lastSeenDay: tally.day, organizations: [], reports: 0),
                    [], 0
                ))
            }
            entries[index].policy.firstSeenDay = min(entries[index].policy.firstSeenDay, tally.day)
            entries[index].policy.lastSeenDay = max(entries[index].policy.lastSeenDay, tally.day)
            entries[index].organizations.insert(tally.organizationName)
            entries[index].reports.addSaturated(tally.reports)
        }
        return entries.map { entry in
            var policy = entry.policy
            policy.organizations = entry.organizations.sorted()
            policy.reports = Int(entry.reports)
            return policy
        }.sorted {
            ($0.lastSeenDay, $0.firstSeenDay, $0.mxPatterns.joined(separator: " "))
                > ($1.lastSeenDay, $1.firstSeenDay, $1.mxPatterns.joined(separator: " "))
        }
    }
}
