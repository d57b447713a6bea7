/// Decides whether a domain can move its MTA-STS policy from `testing` to `enforce`.
///
/// Precedence: `enforced` when reporters already see `mode: enforce`; otherwise any failing check
/// gives `not-ready` (a blocking problem is reported even when data is thin); otherwise too little
/// data gives `insufficient-data`; otherwise `ready`. The checks and thresholds are documented in
/// the README; session totals follow ``SessionCounting``.
public struct ReadinessAnalyzer: Sendable {
    let store: any ReportReading

    public init(store: any ReportReading) {
        self.store = store
    }

    /// Analyses `domain` over the window the options describe.
    public func analyze(domain: String, options: ReadinessOptions) throws -> ReadinessReport {
        let fromDay = options.asOfDay - Int64(options.windowDays) + 1
        let tallies = try store.policyTallies(PolicyQuery(domains: [domain], fromDay: fromDay, untilDay: options.asOfDay))
        var history = DomainHistory.notNeeded
        if tallies.isEmpty {
            // Only an empty window needs to know more: is the domain known at all, and when did it report?
            let spans = try store.domains()
            history = DomainHistory(span: spans.first { $0.domain == domain }, knownDomains: spans.map(\.domain))
        }
        return Self.analyze(domain: domain, tallies: tallies[...], history: history, options: options)
    }

    /// `tallies`: the window's, by day.
    static func analyze(domain: String, tallies: ArraySlice<PolicyTally>, history: DomainHistory = .notNeeded, options: ReadinessOptions) -> ReadinessReport {
        let evidence = ReadinessEvidence(domain: domain, tallies: tallies, history: history, options: options)
        let checks = [
            evidence.dataCheck(),
            evidence.policyVisibleCheck(),
            evidence.policyModeCheck(),
            evidence.certificateCheck(),
            evidence.mxCoverageCheck(),
            evidence.failureCheck(
                id: .tlsFailures,
                title: "other TLS failures",
                category: .other,
                remedy: "Find out why these sessions fail (STARTTLS offered on every MX, a complete certificate chain, TLS 1.2 or later) "
                    + (evidence.isEnforced ? "now: under the enforced policy, this mail is refused." : "before enforcing.")
            ),
            evidence.failureCheck(
                id: .policyFetch,
                title: "policy fetch failures",
                category: .policyFetch,
                remedy: "Serve https://mta-sts.\(domain)/.well-known/mta-sts.txt with a valid certificate, as text/plain, and keep the _mta-sts TXT record valid."
            ),
            evidence.reporterCheck(),
            evidence.daneCheck(),
            evidence.maximumAgeCheck(),
            evidence.countersCheck(),
        ]
        let verdict: ReadinessVerdict
        if evidence.isEnforced {
            verdict = .enforced
        } else if checks.contains(where: { $0.status == .fail }) {
            verdict = .notReady
        } else if !evidence.hasEnoughData {
            verdict = .insufficientData
        } else {
            verdict = .ready
        }
        return ReadinessReport(
            domain: domain,
            verdict: verdict,
            asOfDay: options.asOfDay,
            asOfIsExplicit: options.asOfIsExplicit,
            window: .init(
                fromDay: evidence.fromDay,
                untilDay: options.asOfDay,
                recentFromDay: evidence.recentFromDay,
                daysWithReports: evidence.daysWithReports,
                sessions: evidence.sessions,
                recentSessions: evidence.recentSessions,
                lastReportDay: evidence.lastReportDay
            ),
            checks: checks,
            policySeen: evidence.latestPolicy,
            unconfirmedPatterns: evidence.unconfirmedPatterns
        )
    }
}
