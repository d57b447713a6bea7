/// The figures the readiness checks are computed from, and the checks themselves.
struct ReadinessEvidence {
    let domainName: String
    let options: ReadinessOptions
    let fromDay: Int64
    let recentFromDay: Int64
    /// The window's tallies, and those of them that count towards totals.
    let tallies: [PolicyTally]
    let counted: [PolicyTally]
    let sessions: Int64
    let recentSessions: Int64
    let daysWithReports: Int
    /// The last day in the window with a report, if any.
    let lastReportDay: Int64?
    /// The store's view of the domain beyond the window, when the window is empty.
    let history: DomainHistory
    /// The policy reporters agree on (or, without agreement, the latest one seen).
    let latestPolicy: ReadinessReport.PolicySeen?
    let unconfirmedPatterns: [ReadinessReport.UnconfirmedPattern]
    /// Failure details of the `sts` and `no-policy-found` entries (not `tlsa`: those are DANE's).
    let failures: [Failure]

    /// One failure detail with the day and organisation of its report.
    struct Failure {
        var detail: TLSReport.FailureDetail
        var day: Int64
        var organization: String
    }

    init(domain: String, tallies: [PolicyTally], history: DomainHistory = .notNeeded, options: ReadinessOptions) {
        domainName = domain
        self.history = history
        self.options = options
        self.tallies = tallies
        fromDay = options.asOfDay - Int64(options.windowDays) + 1
        recentFromDay = options.asOfDay - Int64(options.recentDays) + 1
        counted = tallies.filter(\.isCounted)
        sessions = counted.saturatedSum(\.sessionTotal)
        let recentFrom = recentFromDay
        recentSessions = counted.filter { $0.day >= recentFrom }.saturatedSum(\.sessionTotal)
        daysWithReports = Set(counted.map(\.day)).count
        lastReportDay = tallies.map(\.day).max()
        let versions = PolicyVersions(tallies: tallies)
        unconfirmedPatterns = versions.unconfirmedPatterns
        latestPolicy = (versions.agreed ?? versions.latest).map { version in
            let record = version.latest
            return ReadinessReport.PolicySeen(
                mode: record.policy.stsMode,
                maximumAge: record.policy.stsMaximumAge,
                mxPatterns: record.policy.mxHosts,
                policyStrings: record.policy.policyStrings,
                lastSeenDay: record.day,
                organization: record.organizationName,
                organizations: version.organizations.sorted(),
                isCorroborated: version.organizations.count >= PolicyVersions.minimumOrganizations
            )
        }
        failures = tallies.filter { $0.policy.policyType != .tlsa }.flatMap { tally in
            tally.policy.failureDetails.map { Failure(detail: $0, day: tally.day, organization: tally.organizationName) }
        }
    }

    // MARK: - Checks

    func policyModeCheck() -> ReadinessCheck {
        guard let policy = latestPolicy else {
            return ReadinessCheck(id: .policyMode, status: .warn, message: "No reporter copied the policy text, so its mode is unknown.")
        }
        var figures = [Evidence("last_seen", .day(policy.lastSeenDay)), Evidence("organization", .text(policy.organization))]
        if let mode = policy.mode { figures.insert(Evidence("mode", .text(mode)), at: 0) }
        switch policy.knownMode {
        case .testing:
            return ReadinessCheck(id: .policyMode, status: .pass, message: "The policy reporters see is in mode testing.", evidence: figures)
        case .enforce:
            let refused = failures.filter { $0.day >= recentFromDay }
            let refusedSessions = refused.saturatedSum(\.detail.failedSessionCount)
            figures.append(Evidence("refused_sessions_recent", .count(refusedSessions)))
            figures.append(Evidence("refused_result_types", .list(Self.names(refused.map(\.detail.resultType)))))
            figures.append(Evidence("refused_mx_hosts", .list(Self.names(refused.compactMap(\.detail.receivingMXHostname)))))
            return ReadinessCheck(id: .policyMode, status: refusedSessions > 0 ? .warn : .pass,
                message: "The policy is already enforced; \(Wording.count(refusedSessions, "session")) failed in \(Wording.lastDays(options.recentDays)) and \(refusedSessions == 1 ? "was" : "were") refused.",
                remedy: refusedSessions > 0 ? "Mail from these sessions bounced or waits in queues: fix the failures below." : "",
                evidence: figures)
        case .some(.none):  // mode: none, not a missing mode
            return ReadinessCheck(id: .policyMode, status: .fail,
                message: "The policy reporters see is in mode none: senders ignore it.",
                remedy: "Publish mode: testing first and collect reports before enforcing.", evidence: figures)
        case nil:
            return ReadinessCheck(id: .policyMode, status: .warn,
                message: "The policy reporters copied has no valid mode line (\(policy.mode ?? "none given")).", evidence: figures)
        }
    }

    func certificateCheck() -> ReadinessCheck {
        let relevant = failures.filter { ResultTypes.certificate.contains($0.detail.resultType) }
        return recentOrResolved(id: .certificates, title: "certificate failures", relevant: relevant, blocksAtAnyRate: true,
            remedy: "Renew or fix the certificates of these MX hosts (valid, unexpired, trusted, with the MX name in the SAN): under enforce, this mail bounces.")
    }

    func mxCoverageCheck() -> ReadinessCheck {
        let patterns = latestPolicy?.mxPatterns ?? []
        guard !patterns.isEmpty else {
            return ReadinessCheck(id: .mxCoverage, status: .warn, message: "No MX patterns are known from the policy, so coverage cannot be checked.")
        }
        let uncovered = failures.filter { failure in
            guard let host = failure.detail.receivingMXHostname else { return false }
            return !MXPattern.matchesAny(patterns, host: host)
        }
        let uncoveredGiven = options.mxHosts.filter { !MXPattern.matchesAny(patterns, host: $0) }
        let recent = uncovered.filter { $0.day >= recentFromDay }
        var figures = [Evidence("patterns", .list(patterns))]
        if !recent.isEmpty || !uncoveredGiven.isEmpty {
            let hosts = Self.names(recent.compactMap(\.detail.receivingMXHostname) + uncoveredGiven)
            figures += Self.describe(recent)
            figures.append(Evidence("uncovered_mx_hosts", .list(hosts)))
            return ReadinessCheck(id: .mxCoverage, status: .fail,
                message: "MX hosts not matched by the policy's patterns: \(hosts.joined(separator: ", ")).",
                remedy: "Add an mx: line for each of them to the policy, or remove them from the MX records: under enforce, senders refuse them.",
                evidence: figures)
        }
        if !uncovered.isEmpty {
            figures += Self.describe(uncovered)
            return ReadinessCheck(id: .mxCoverage, status: .warn,
                message: "Sessions to MX hosts outside the patterns were seen before the recent period, last on \(Timestamp.formatDay(uncovered.map(\.day).max()!)); \(resolvedSince).",
                evidence: figures)
        }
        if !unconfirmedPatterns.isEmpty {
            let claims = unconfirmedPatterns.map { "\($0.pattern) (only \($0.organization), last \(Timestamp.formatDay($0.lastSeenDay)))" }
            figures.append(Evidence("unconfirmed_patterns", .list(unconfirmedPatterns.map(\.pattern))))
            return ReadinessCheck(id: .mxCoverage, status: .warn,
                message: "A single reporting organisation lists MX patterns the policy other reporters saw does not have: \(claims.joined(separator: ", ")).",
                remedy: "Anyone can mail a report: ignore these unless they are your MX hosts, and then add them with --mx.",
                evidence: figures)
        }
        return ReadinessCheck(id: .mxCoverage, status: .pass,
            message: "Every MX host seen in failure details\(options.mxHosts.isEmpty ? "" : " and every --mx host") matches the policy's patterns.",
            evidence: figures)
    }

    func failureCheck(id: ReadinessCheck.Identifier, title: String, types: (String) -> Bool, remedy: String) -> ReadinessCheck {
        recentOrResolved(id: id, title: title, relevant: failures.filter { types($0.detail.resultType) }, blocksAtAnyRate: false, remedy: remedy)
    }

    func daneCheck() -> ReadinessCheck {
        // TLSA entries of reports that list no sts entry: Microsoft repeats its sts failures under
        // tlsa, and those are judged by the other checks.
        let dane = tallies.filter { $0.policy.policyType == .tlsa && !$0.accompaniesSTS }
            .flatMap(\.policy.failureDetails)
            + failures.map(\.detail).filter { ResultTypes.dane.contains($0.resultType) }
        let total = dane.saturatedSum(\.failedSessionCount)
        guard total > 0 else { return ReadinessCheck(id: .dane, status: .pass, message: "No DANE failures reported.") }
        return ReadinessCheck(id: .dane, status: .warn,
            message: "\(Wording.count(total, "failed session")) \(total == 1 ? "was" : "were") reported against DANE (TLSA) policies; \(total == 1 ? "it does" : "they do") not affect MTA-STS.",
            evidence: [Evidence("sessions", .count(total)), Evidence("result_types", .list(Self.names(dane.map(\.resultType))))])
    }

    func maximumAgeCheck() -> ReadinessCheck {
        guard let maximumAge = latestPolicy?.maximumAge else {
            return ReadinessCheck(id: .maximumAge, status: .pass, message: "No max_age seen.")
        }
        if maximumAge < 604_800 {
            return ReadinessCheck(id: .maximumAge, status: .warn,
                message: "The policy's max_age is \(maximumAge) s, under one week: senders refetch often and a fetch failure exposes mail to downgrade.",
                remedy: isEnforced ? "Use a max_age of weeks (e.g. 2592000): the policy is enforced." : "Use a max_age of weeks (e.g. 2592000) once enforced.",
                evidence: [Evidence("max_age", .seconds(maximumAge))])
        }
        return ReadinessCheck(id: .maximumAge, status: .pass, message: "max_age is \(maximumAge) s.", evidence: [Evidence("max_age", .seconds(maximumAge))])
    }

    func countersCheck() -> ReadinessCheck {
        let disagreeing = counted.filter { $0.disagreeingEntries > 0 }
        let reports = disagreeing.saturatedSum(\.disagreeingEntries)
        guard reports > 0 else {
            return ReadinessCheck(id: .counters, status: .pass, message: "Summary counters agree with the failure details.")
        }
        return ReadinessCheck(id: .counters, status: .warn,
            message: (reports == 1 ? "1 report has failure details that do not add up to its failure counter" : "\(Wording.count(reports, "report")) have failure details that do not add up to their failure counter") + " (allowed by RFC 8460 §4); totals use the counters.",
            evidence: [Evidence("reports", .count(reports)), Evidence("organizations", .list(Self.names(disagreeing.map(\.organizationName))))])
    }

    // MARK: - Helpers

    /// Whether the policy reporters see is already in mode enforce: remedies then speak of the
    /// mail refused now, not of "before enforcing".
    var isEnforced: Bool { latestPolicy?.knownMode == .enforce }

    /// How a problem last seen before the recent period ends its sentence: resolved, when newer
    /// reports show no such failures; unknown, when there are no newer reports.
    var resolvedSince: String {
        hasRecentReports ? "resolved since" : "no reports since, so whether it is resolved is unknown"
    }

    /// Fails on recent failures (at any rate, or above the threshold), warns on failures under the
    /// threshold or seen only before the recent period.
    private func recentOrResolved(id: ReadinessCheck.Identifier, title: String, relevant: [Failure], blocksAtAnyRate: Bool, remedy: String) -> ReadinessCheck {
        let recent = relevant.filter { $0.day >= recentFromDay }
        let recentFailed = recent.saturatedSum(\.detail.failedSessionCount)
        if recentFailed > 0 {
            let rate = recentSessions == 0 ? 1 : Double(recentFailed) / Double(recentSessions)
            var figures = Self.describe(recent)
            figures.append(Evidence("rate", .rate(rate)))
            let share = Figures.percent(rate)
            if blocksAtAnyRate || rate > options.maximumFailureRate {
                let limit = blocksAtAnyRate ? "" : " (more than \(Figures.percent(options.maximumFailureRate)))"
                return ReadinessCheck(id: id, status: .fail,
                    message: "\(Wording.count(recentFailed, "session")) with \(title) in \(Wording.lastDays(options.recentDays)), \(share) of sessions\(limit).",
                    remedy: remedy, evidence: figures)
            }
            return ReadinessCheck(id: id, status: .warn,
                message: "\(Wording.count(recentFailed, "session")) with \(title) in \(Wording.lastDays(options.recentDays)), \(share) of sessions: under the \(Figures.percent(options.maximumFailureRate)) threshold.",
                remedy: remedy, evidence: figures)
        }
        if !relevant.isEmpty {
            let lastDay = relevant.map(\.day).max()!
            return ReadinessCheck(id: id, status: .warn,
                message: "\(title.prefix(1).uppercased() + title.dropFirst()) were seen before the recent period, last on \(Timestamp.formatDay(lastDay)); \(resolvedSince).",
                evidence: Self.describe(relevant))
        }
        return ReadinessCheck(id: id, status: .pass, message: "No \(title) in the window.")
    }

    /// Counts, first and last day, MX hosts, result types and organisations of some failures.
    static func describe(_ failures: [Failure]) -> [Evidence] {
        guard !failures.isEmpty else { return [] }
        return [
            Evidence("failed_sessions", .count(failures.saturatedSum(\.detail.failedSessionCount))),
            Evidence("first_seen", .day(failures.map(\.day).min()!)),
            Evidence("last_seen", .day(failures.map(\.day).max()!)),
            Evidence("result_types", .list(names(failures.map(\.detail.resultType)))),
            Evidence("mx_hosts", .list(names(failures.compactMap(\.detail.receivingMXHostname)))),
            Evidence("organizations", .list(names(failures.map(\.organization)))),
        ]
    }

    static func names(_ values: [String]) -> [String] {
        Array(Set(values)).sorted()
    }
}
