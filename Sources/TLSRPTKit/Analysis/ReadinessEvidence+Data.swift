/// The checks about the data itself: is there enough of it, is it recent, who sent it, and do
/// senders see the policy at all.
extension ReadinessEvidence {
    /// Whether the window has a report in its recent period: without one, reports stopped (or were
    /// not ingested) and nothing can be said about the present.
    var hasRecentReports: Bool {
        lastReportDay.map { $0 >= recentFromDay } ?? false
    }

    var hasEnoughData: Bool {
        hasRecentReports && daysWithReports >= options.minimumDays && sessions >= options.minimumSessions
    }

    /// The `--as-of` to suggest for judging the data there is, when the last report is older.
    var suggestedAsOfDay: Int64? {
        guard let last = lastReportDay ?? history.span.map(\.lastDay), last < options.asOfDay else { return nil }
        return last
    }

    func dataCheck() -> ReadinessCheck {
        var figures = [
            Evidence("days_with_reports", .count(Int64(daysWithReports))),
            Evidence("minimum_days", .count(Int64(options.minimumDays))),
            Evidence("sessions", .count(sessions)), Evidence("minimum_sessions", .count(options.minimumSessions)),
        ]
        if let lastReportDay { figures.append(Evidence("last_report", .day(lastReportDay))) }
        let mailbox =
            "check that _smtp._tls.\(domainName) publishes a rua= that receives mail and that tlsrpt ingest runs"
        if lastReportDay == nil {
            return emptyWindowCheck(figures: figures, mailbox: mailbox)
        }
        if !hasRecentReports, let lastReportDay {
            let sinceLast = options.asOfDay - lastReportDay
            return ReadinessCheck(
                id: .data, status: .warn,
                message:
                    "No reports since \(Timestamp.formatDay(lastReportDay)) (\(Wording.count(Int(sinceLast), "day")) before \(Timestamp.formatDay(options.asOfDay))): "
                    + "none in \(Wording.lastDays(options.recentDays)), so the present state is unknown.",
                remedy:
                    "Find out why reports stopped: \(mailbox). To judge the data there is, add --as-of \(Timestamp.formatDay(lastReportDay)).",
                evidence: figures)
        }
        if hasEnoughData {
            return ReadinessCheck(
                id: .data, status: .pass,
                message:
                    "\(Wording.count(daysWithReports, "day")) with reports and \(Wording.count(sessions, "session")) in the \(options.windowDays)-day window.",
                evidence: figures)
        }
        return ReadinessCheck(
            id: .data, status: .warn,
            message:
                "Only \(Wording.count(daysWithReports, "day")) with reports (at least \(Figures.grouped(options.minimumDays)) needed) and \(Wording.count(sessions, "session")) (at least \(Figures.grouped(options.minimumSessions)) needed) in the \(options.windowDays)-day window.",
            remedy: "Wait for more reports: \(mailbox).",
            evidence: figures)
    }

    /// The data check of a window without a single report: an unknown (misspelt) domain, one whose
    /// reports stopped before the window, or one whose reports start after it.
    private func emptyWindowCheck(figures: [Evidence], mailbox: String) -> ReadinessCheck {
        let window = "\(Timestamp.formatDay(fromDay)) .. \(Timestamp.formatDay(options.asOfDay))"
        guard let span = history.span else {
            let (names, more) = history.suggestions(for: domainName)
            let known =
                names.isEmpty
                ? "the database has no reports at all"
                : "known domains: " + names.joined(separator: ", ") + (more > 0 ? " and \(Figures.grouped(more)) more" : "")
            return ReadinessCheck(
                id: .data, status: .warn,
                message: "No reports for this domain; \(known).",
                remedy:
                    "Check the spelling of the domain (`tlsrpt readiness\(options.asOfIsExplicit ? " --as-of \(Timestamp.formatDay(options.asOfDay))" : "")` without a domain lists them all), or wait for reports: \(mailbox).",
                evidence: figures + [Evidence("known_domains", .list(names))])
        }
        let spanFigures =
            figures + [Evidence("first_report", .day(span.firstDay)), Evidence("last_report", .day(span.lastDay))]
        if span.firstDay > options.asOfDay {
            return ReadinessCheck(
                id: .data, status: .warn,
                message: "No reports until \(Timestamp.formatDay(span.firstDay)), after the window \(window).",
                remedy: "Choose a later --as-of, e.g. --as-of \(Timestamp.formatDay(span.lastDay)).",
                evidence: spanFigures)
        }
        if span.lastDay < fromDay {
            return ReadinessCheck(
                id: .data, status: .warn,
                message: "No reports since \(Timestamp.formatDay(span.lastDay)): none in the window \(window).",
                remedy:
                    "Find out why reports stopped: \(mailbox). To judge the data there is, add --as-of \(Timestamp.formatDay(span.lastDay)).",
                evidence: spanFigures)
        }
        return ReadinessCheck(
            id: .data, status: .warn,
            message: "No reports in the window \(window), though there are some before and after it.",
            remedy: "Choose another --as-of, e.g. --as-of \(Timestamp.formatDay(span.lastDay)).", evidence: spanFigures)
    }

    func policyVisibleCheck() -> ReadinessCheck {
        let recent = tallies.filter { $0.day >= recentFromDay }
        let stsSessions = recent.lazy.filter { $0.policy.policyType == .sts }.saturatedSum(\.sessionTotal)
        let noPolicySessions = recent.lazy.filter { $0.policy.policyType == .noPolicyFound }.saturatedSum(\.sessionTotal)
        let figures = [
            Evidence("sts_sessions", .count(stsSessions)),
            Evidence("no_policy_found_sessions", .count(noPolicySessions)),
        ]
        if recent.isEmpty {
            return ReadinessCheck(
                id: .policyVisible, status: .warn,
                message:
                    "No reports in \(Wording.lastDays(options.recentDays)), so whether senders see the policy is unknown.",
                evidence: figures)
        }
        if recent.contains(where: { $0.policy.policyType == .sts }) {
            let blind = reportersFindingNoPolicy(recent)
            guard !blind.isEmpty else {
                return ReadinessCheck(
                    id: .policyVisible, status: .pass,
                    message: "Reporters saw an MTA-STS policy in \(Wording.lastDays(options.recentDays)).",
                    evidence: figures)
            }
            return blindReportersCheck(blind, figures: figures)
        }
        return ReadinessCheck(
            id: .policyVisible, status: .fail,
            message:
                "No report in \(Wording.lastDays(options.recentDays)) shows an sts policy: senders see no policy or cannot fetch it.",
            remedy:
                "Publish the _mta-sts TXT record and serve the policy at https://mta-sts.\(domainName)/.well-known/mta-sts.txt.",
            evidence: figures)
    }

    /// A reporting organisation that found no policy in every report of the recent period, while
    /// others saw it: its senders deliver without MTA-STS, and its reports say nothing about it.
    struct BlindReporter {
        var organization: String
        var sessions: Int64
        var days: Int
    }

    /// The organisations whose recent `sts`/`no-policy-found` entries are all `no-policy-found`.
    func reportersFindingNoPolicy(_ recent: [PolicyTally]) -> [BlindReporter] {
        var byOrganization: [String: (foundNoPolicyOnly: Bool, sessions: Int64, days: Set<Int64>)] = [:]
        for tally in recent where tally.policy.policyType != .tlsa {
            let foundNoPolicy = tally.policy.policyType == .noPolicyFound
            var entry = byOrganization.removeValue(forKey: tally.organizationName) ?? (true, 0, [])
            entry.foundNoPolicyOnly = entry.foundNoPolicyOnly && foundNoPolicy
            if entry.foundNoPolicyOnly {
                entry.sessions.addSaturated(tally.sessionTotal)
                entry.days.insert(tally.day)
            }
            byOrganization[tally.organizationName] = entry
        }
        return byOrganization.compactMap { organization, entry in
            guard entry.foundNoPolicyOnly, entry.sessions > 0 else { return nil }
            return BlindReporter(organization: organization, sessions: entry.sessions, days: entry.days.count)
        }.sorted { ($0.sessions, $1.organization) > ($1.sessions, $0.organization) }
    }

    /// Fails when an organisation found no policy on at least two recent days for more than the
    /// failure threshold of recent sessions: that is not a passing glitch. Warns otherwise.
    private func blindReportersCheck(_ blind: [BlindReporter], figures: [Evidence]) -> ReadinessCheck {
        let total = blind.saturatedSum(\.sessions)
        let rate = recentSessions == 0 ? 1 : Double(total) / Double(recentSessions)
        let consistent = blind.contains { $0.days >= 2 }
        let names = blind.map {
            "\($0.organization) (\(Wording.count($0.sessions, "session")) on \(Wording.count($0.days, "day")))"
        }
        let evidence =
            figures + [
                Evidence("organizations_finding_no_policy", .list(blind.map(\.organization))),
                Evidence("sessions_without_policy", .count(total)), Evidence("rate", .rate(rate)),
            ]
        let message =
            "In \(Wording.lastDays(options.recentDays)), \(names.joined(separator: ", ")) found no MTA-STS policy "
            + "in any of its reports (\(Figures.percent(rate)) of recent sessions), while other reporters saw it."
        let remedy =
            "Their mail is not protected by MTA-STS and their reports do not test the policy: check that _mta-sts.\(domainName) "
            + "resolves from public resolvers (no split-horizon DNS, valid DNSSEC) and that https://mta-sts.\(domainName)/.well-known/mta-sts.txt "
            + "answers from outside your network."
        let fails = consistent && rate > options.maximumFailureRate
        return ReadinessCheck(
            id: .policyVisible, status: fails ? .fail : .warn, message: message, remedy: remedy, evidence: evidence)
    }

    func reporterCheck() -> ReadinessCheck {
        let figures = [Evidence("organizations", .list(organizations))]
        switch organizations.count {
        case 0:
            return ReadinessCheck(
                id: .reporters, status: .warn,
                message: "No organisation sent reports in the window.", evidence: figures)
        case 1:
            return ReadinessCheck(
                id: .reporters, status: .warn,
                message: "Only one organisation (\(organizations[0])) sent reports: other senders' view is unknown.",
                evidence: figures)
        default:
            return ReadinessCheck(
                id: .reporters, status: .pass, message: "\(Wording.count(organizations.count, "organisation")) sent reports.",
                evidence: figures)
        }
    }
}
