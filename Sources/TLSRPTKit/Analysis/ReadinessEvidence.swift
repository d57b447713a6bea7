/// The figures the readiness checks are computed from, and the checks themselves.
struct ReadinessEvidence {
    let domainName: String
    let options: ReadinessOptions
    let fromDay: Int64
    let recentFromDay: Int64
    /// The window's tallies, by day.
    let tallies: ArraySlice<PolicyTally>
    let sessions: Int64
    let recentSessions: Int64
    let daysWithReports: Int
    /// The last day in the window with a report, if any.
    let lastReportDay: Int64?
    /// The organisations of the counted entries, sorted.
    let organizations: [String]
    /// Counted entries whose failure details do not add up to their counter, and their organisations.
    let disagreeingEntries: Int64
    let disagreeingOrganizations: [String]
    /// The store's view of the domain beyond the window, when the window is empty.
    let history: DomainHistory
    /// The policy reporters agree on (or, without agreement, the latest one seen).
    let latestPolicy: ReadinessReport.PolicySeen?
    let unconfirmedPatterns: [ReadinessReport.UnconfirmedPattern]
    /// Failure details of the `sts` and `no-policy-found` entries (not `tlsa`: those are DANE's).
    let failures: [Failure]
    /// The result types, MX hosts and organisations ``Failure`` values number.
    let resultTypes: NameTable
    /// The check each of ``resultTypes`` belongs to, by its number.
    let categories: [Category]
    let mxHosts: NameTable
    let failureOrganizations: NameTable

    /// One failure detail (the fields the checks read) with the day and organisation of its
    /// report, its names as numbers in the evidence's name tables. A domain page can hold a
    /// hundred thousand of them: they copy without reference counting.
    struct Failure {
        var resultType: Int32
        /// -1 when the reporter named no MX host.
        var mxHost: Int32
        var organization: Int32
        var failedSessions: Int64
        var day: Int64
    }

    /// Which check a failure's result type belongs to (``ResultTypes``).
    enum Category {
        case certificate, policyFetch, dane, other

        init(resultType: String) {
            self =
                if ResultTypes.certificate.contains(resultType) { .certificate }
                else if ResultTypes.policyFetch.contains(resultType) { .policyFetch }
                else if ResultTypes.dane.contains(resultType) { .dane }
                else { .other }
        }
    }

    init(domain: String, tallies: ArraySlice<PolicyTally>, history: DomainHistory = .notNeeded, options: ReadinessOptions) {
        domainName = domain
        self.history = history
        self.options = options
        self.tallies = tallies
        fromDay = options.asOfDay - Int64(options.windowDays) + 1
        recentFromDay = options.asOfDay - Int64(options.recentDays) + 1
        // One pass: a window can hold a hundred thousand tallies.
        var sessions: Int64 = 0
        var recentSessions: Int64 = 0
        var days: Set<Int64> = []
        var organizations: Set<String> = []
        var disagreeing: Int64 = 0
        var disagreeingOrganizations: Set<String> = []
        var failures: [Failure] = []
        var resultTypes = NameTable()
        var mxHosts = NameTable()
        var failureOrganizations = NameTable()
        for tally in tallies {
            if tally.isCounted {
                sessions.addSaturated(tally.sessionTotal)
                if tally.day >= recentFromDay { recentSessions.addSaturated(tally.sessionTotal) }
                days.insert(tally.day)
                organizations.insert(tally.organizationName)
                if tally.disagreeingEntries > 0 {
                    disagreeing.addSaturated(tally.disagreeingEntries)
                    disagreeingOrganizations.insert(tally.organizationName)
                }
            }
            guard tally.policy.policyType != .tlsa, !tally.policy.failureDetails.isEmpty else { continue }
            let organization = failureOrganizations.index(of: tally.organizationName)
            for detail in tally.policy.failureDetails {
                failures.append(
                    Failure(
                        resultType: resultTypes.index(of: detail.resultType),
                        mxHost: detail.receivingMXHostname.map { mxHosts.index(of: $0) } ?? -1,
                        organization: organization, failedSessions: detail.failedSessionCount, day: tally.day))
            }
        }
        self.sessions = sessions
        self.recentSessions = recentSessions
        daysWithReports = days.count
        lastReportDay = tallies.lazy.map(\.day).max()
        self.organizations = organizations.sorted()
        disagreeingEntries = disagreeing
        self.disagreeingOrganizations = disagreeingOrganizations.sorted()
        self.failures = failures
        self.resultTypes = resultTypes
        categories = resultTypes.names.map(Category.init(resultType:))
        self.mxHosts = mxHosts
        self.failureOrganizations = failureOrganizations
        let versions = PolicyVersions(tallies: tallies)
        unconfirmedPatterns = versions.unconfirmedPatterns
        latestPolicy = (versions.agreed ?? versions.latest).map { version in
            let tally = version.latest
            return ReadinessReport.PolicySeen(
                mode: tally.policy.stsMode,
                maximumAge: tally.policy.stsMaximumAge,
                mxPatterns: tally.policy.mxHosts,
                policyStrings: tally.policy.policyStrings,
                lastSeenDay: tally.day,
                organization: tally.organizationName,
                organizations: version.organizations.sorted(),
                isCorroborated: version.organizations.count >= PolicyVersions.minimumOrganizations
            )
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
            let refusedSessions = refused.saturatedSum(\.failedSessions)
            figures.append(Evidence("refused_sessions_recent", .count(refusedSessions)))
            figures.append(Evidence("refused_result_types", .list(resultTypes.sortedNames(refused.map(\.resultType)))))
            figures.append(Evidence("refused_mx_hosts", .list(mxHosts.sortedNames(refused.lazy.map(\.mxHost).filter { $0 >= 0 }))))
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
        let relevant = failures(in: .certificate)
        return recentOrResolved(id: .certificates, title: "certificate failures", relevant: relevant, blocksAtAnyRate: true,
            remedy: "Renew or fix the certificates of these MX hosts (valid, unexpired, trusted, with the MX name in the SAN): under enforce, this mail bounces.")
    }

    func mxCoverageCheck() -> ReadinessCheck {
        let patterns = latestPolicy?.mxPatterns ?? []
        guard !patterns.isEmpty else {
            return ReadinessCheck(id: .mxCoverage, status: .warn, message: "No MX patterns are known from the policy, so coverage cannot be checked.")
        }
        // Each MX host failure details name is matched once.
        let covered = mxHosts.names.map { MXPattern.matchesAny(patterns, host: $0) }
        let uncovered = failures.filter { $0.mxHost >= 0 && !covered[Int($0.mxHost)] }
        let uncoveredGiven = options.mxHosts.filter { !MXPattern.matchesAny(patterns, host: $0) }
        let recent = uncovered.filter { $0.day >= recentFromDay }
        var figures = [Evidence("patterns", .list(patterns))]
        if !recent.isEmpty || !uncoveredGiven.isEmpty {
            let hosts = Self.names(recent.map { mxHosts[$0.mxHost] } + uncoveredGiven)
            figures += describe(recent)
            figures.append(Evidence("uncovered_mx_hosts", .list(hosts)))
            return ReadinessCheck(id: .mxCoverage, status: .fail,
                message: "MX hosts not matched by the policy's patterns: \(hosts.joined(separator: ", ")).",
                remedy: "Add an mx: line for each of them to the policy, or remove them from the MX records: under enforce, senders refuse them.",
                evidence: figures)
        }
        if !uncovered.isEmpty {
            figures += describe(uncovered)
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

    func failureCheck(id: ReadinessCheck.Identifier, title: String, category: Category, remedy: String) -> ReadinessCheck {
        recentOrResolved(id: id, title: title, relevant: failures(in: category), blocksAtAnyRate: false, remedy: remedy)
    }

    func daneCheck() -> ReadinessCheck {
        // TLSA entries of reports that list no sts entry: Microsoft repeats its sts failures under
        // tlsa, and those are judged by the other checks.
        let alone = tallies.filter { $0.policy.policyType == .tlsa && !$0.accompaniesSTS }.flatMap(\.policy.failureDetails)
        let dane = alone.map { ($0.resultType, $0.failedSessionCount) }
            + failures(in: .dane).map { (resultTypes[$0.resultType], $0.failedSessions) }
        let total = dane.saturatedSum(\.1)
        guard total > 0 else { return ReadinessCheck(id: .dane, status: .pass, message: "No DANE failures reported.") }
        return ReadinessCheck(id: .dane, status: .warn,
            message: "\(Wording.count(total, "failed session")) \(total == 1 ? "was" : "were") reported against DANE (TLSA) policies; \(total == 1 ? "it does" : "they do") not affect MTA-STS.",
            evidence: [Evidence("sessions", .count(total)), Evidence("result_types", .list(Self.names(dane.map(\.0))))])
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
        let reports = disagreeingEntries
        guard reports > 0 else {
            return ReadinessCheck(id: .counters, status: .pass, message: "Summary counters agree with the failure details.")
        }
        return ReadinessCheck(id: .counters, status: .warn,
            message: (reports == 1 ? "1 report has failure details that do not add up to its failure counter" : "\(Wording.count(reports, "report")) have failure details that do not add up to their failure counter") + " (allowed by RFC 8460 §4); totals use the counters.",
            evidence: [Evidence("reports", .count(reports)), Evidence("organizations", .list(disagreeingOrganizations))])
    }

    // MARK: - Helpers

    /// The failures whose result type belongs to `category`.
    func failures(in category: Category) -> [Failure] {
        failures.filter { categories[Int($0.resultType)] == category }
    }

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
        let recentFailed = recent.saturatedSum(\.failedSessions)
        if recentFailed > 0 {
            let rate = recentSessions == 0 ? 1 : Double(recentFailed) / Double(recentSessions)
            var figures = describe(recent)
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
                evidence: describe(relevant))
        }
        return ReadinessCheck(id: id, status: .pass, message: "No \(title) in the window.")
    }

    /// Counts, first and last day, MX hosts, result types and organisations of some failures.
    func describe(_ failures: [Failure]) -> [Evidence] {
        guard let first = failures.first else { return [] }
        // One pass: these can be a hundred thousand failures.
        var sessions: Int64 = 0
        var firstDay = first.day
        var lastDay = first.day
        var types: Set<Int32> = []
        var hosts: Set<Int32> = []
        var organizations: Set<Int32> = []
        for failure in failures {
            sessions.addSaturated(failure.failedSessions)
            firstDay = min(firstDay, failure.day)
            lastDay = max(lastDay, failure.day)
            types.insert(failure.resultType)
            if failure.mxHost >= 0 { hosts.insert(failure.mxHost) }
            organizations.insert(failure.organization)
        }
        return [
            Evidence("failed_sessions", .count(sessions)),
            Evidence("first_seen", .day(firstDay)),
            Evidence("last_seen", .day(lastDay)),
            Evidence("result_types", .list(resultTypes.sortedNames(types))),
            Evidence("mx_hosts", .list(mxHosts.sortedNames(hosts))),
            Evidence("organizations", .list(failureOrganizations.sortedNames(organizations))),
        ]
    }

    static func names(_ values: [String]) -> [String] {
        Array(Set(values)).sorted()
    }
}
