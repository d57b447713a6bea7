import Foundation
import Mustache
import TLSRPTKit

/// One domain: daily sessions, failures broken down, the policies reporters saw, every readiness
/// check, the `tlsrpt policy` output for the next step, and the latest reports.
struct DomainPage {
    let store: any ReportReading
    let query: DashboardQuery
    let today: Int64
    let links: PageLinks
    /// Seconds since the epoch: the time the policy id of the next step is made from.
    let now: Int64

    /// Rows of a breakdown shown before "show all".
    static let topCount = 10
    /// Names a list on the page shows before "and N more" (evidence, a policy's reporters); the
    /// JSON of `tlsrpt readiness` lists them all.
    static let listedNames = 20
    /// Latest reports listed.
    static let latestReportCount = 20

    /// The period links every page offers.
    static let periodChoices: [(label: String, last: String)] = [
        ("7 days", "7d"), ("28 days", "28d"), ("90 days", "90d"), ("1 year", "365d"),
    ]

    struct CountRow {
        var key: String
        var note: String?
        var values: [String]
    }

    struct Breakdown {
        var id: String
        var title: String
        var keyTitle: String
        var columns: [String]
        var top: [CountRow]
        var rest: [CountRow]
        var hasRows: Bool
        var hasMore: Bool
        var total: Int
        /// On the server, the page with this breakdown in full, which "show all" links to
        /// instead of carrying the rest in the page; `nil` in the single file.
        var showAllHref: String?

        /// `expanded`: all rows shown; otherwise the top ones, and the rest behind "show all"
        /// (a link to `showAllHref`, or the rest in a `<details>` without one).
        init(_ id: DashboardQuery.Breakdown, title: String, keyTitle: String, columns: [String], rows: [CountRow], expanded: Bool, showAllHref: String?) {
            self.id = id.rawValue
            self.title = title
            self.keyTitle = keyTitle
            self.columns = columns
            let shown = expanded ? rows.count : DomainPage.topCount
            top = Array(rows.prefix(shown))
            rest = showAllHref == nil ? Array(rows.dropFirst(shown)) : []
            hasRows = !rows.isEmpty
            hasMore = rows.count > shown
            total = rows.count
            self.showAllHref = showAllHref
        }
    }

    struct EvidenceItem {
        var name: String
        var value: String
    }

    struct Check {
        var id: String
        var status: String
        var message: String
        var remedy: String?
        var evidence: [EvidenceItem]
        var hasEvidence: Bool
    }

    struct Policy {
        var mode: String
        var maxAge: String
        var patterns: String
        var firstSeen: String
        var lastSeen: String
        var reports: String
        var organizations: String
    }

    struct ReportLine {
        var organization: String
        var reportID: String
        var href: String?
        var start: String
        var successful: String
        var failed: String
    }

    struct PeriodLink {
        var label: String
        var href: String
    }

    struct Model {
        var isServer: Bool
        var anchor: String
        var domain: String
        var verdict: String
        var verdictText: String
        var periodText: String
        var periodLinks: [PeriodLink]
        var selfPath: String
        var since: String
        var until: String
        var hasSummary: Bool
        var noReportsText: String
        var successful: String
        var failed: String
        var rate: String
        var reports: String
        var organizations: String
        var modes: String
        var countersNote: String?
        var hasAttention: Bool
        var attention: [String]
        var sessionsChart: String
        var failuresChart: String
        var breakdowns: [Breakdown]
        var hasPolicies: Bool
        var policies: [Policy]
        var readinessWindow: String
        var checks: [Check]
        var nextStepText: String
        var nextStepCommand: String
        var hasNextStepMessages: Bool
        var nextStepMessages: [String]
        var nextStepOutput: String?
        var hasReports: Bool
        var latestReports: [ReportLine]
    }

    /// The page's content, or `nil` when the store has never had a report for `domain` (404).
    func content(domain: String) throws -> String? {
        let period = query.period
        let options = query.readinessOptions(today: today)
        let overview = try DomainOverviewBuilder(store: store).overview(
            domain: domain, fromDay: period.fromDay, untilDay: period.untilDay, readinessOptions: options)
        if overview.summary == nil, overview.readiness.window.lastReportDay == nil,
            try !store.domains().contains(where: { $0.domain == domain })
        {
            return nil
        }
        let safe = TerminalText.sanitized
        let summary = overview.summary.flatMap { $0.reports > 0 ? $0 : nil }
        let days = SessionChart.days(summary?.days ?? [], fromDay: period.fromDay, untilDay: period.untilDay)
        let readiness = overview.readiness
        let step = NextStep(domain: domain, readiness: readiness, store: store, now: now)
        let headlines = try store.reportHeadlines(
            domain: domain, fromDay: period.fromDay, untilDay: period.untilDay, limit: Self.latestReportCount)
        let model = Model(
            isServer: links.isServer,
            anchor: "domain-" + PageLinks.anchor(domain),
            domain: safe(domain),
            verdict: readiness.verdict.rawValue,
            verdictText: Self.verdictText(readiness),
            periodText: Self.periodText(period),
            periodLinks: Self.periodChoices.map { PeriodLink(label: $0.label, href: links.period(last: $0.last, onDomain: domain)) },
            selfPath: "/domains/" + PageLinks.pathComponent(domain),
            since: Timestamp.formatDay(period.fromDay),
            until: Timestamp.formatDay(period.untilDay),
            hasSummary: summary != nil,
            noReportsText: overview.summary?.attention.first.map { safe($0.message) }.map { "No reports in this period: " + $0 }
                ?? "No reports for this domain in this period.",
            successful: Figures.grouped(summary?.successfulSessions ?? 0),
            failed: Figures.grouped(summary?.failedSessions ?? 0),
            rate: Figures.percent(summary?.failureRate ?? 0),
            reports: Figures.grouped(summary?.reports ?? 0),
            organizations: Figures.grouped(summary?.organizations ?? 0),
            modes: summary.map { $0.policyModes.isEmpty ? "–" : $0.policyModes.map(safe).joined(separator: ", ") } ?? "–",
            countersNote: summary.flatMap { summary in
                summary.countersDisagree
                    ? "The failure details add up to \(Figures.grouped(summary.detailedFailedSessions)) failed sessions, the summary counters to \(Figures.grouped(summary.failedSessions)) (RFC 8460 allows details to overlap or fall short): totals use the counters, breakdowns the details."
                    : nil
            },
            hasAttention: !(summary?.attention.isEmpty ?? true),
            attention: summary?.attention.map { safe($0.message) } ?? [],
            sessionsChart: SessionChart.bars(days, failedOnly: false, title: "Sessions per day, successful and failed"),
            failuresChart: SessionChart.bars(days, failedOnly: true, title: "Failed sessions per day"),
            breakdowns: summary.map { summary in
                Self.breakdowns(summary) { breakdown in
                    (query.expandedBreakdown == breakdown, links.domain(domain, showingAll: breakdown))
                }
            } ?? [],
            hasPolicies: !overview.policies.isEmpty,
            policies: overview.policies.map { policy in
                Policy(
                    mode: policy.mode.map(safe) ?? "(no mode line)",
                    maxAge: policy.maximumAge.map(String.init) ?? "–",
                    patterns: policy.mxPatterns.isEmpty ? "–" : policy.mxPatterns.map(safe).joined(separator: " "),
                    firstSeen: Timestamp.formatDay(policy.firstSeenDay),
                    lastSeen: Timestamp.formatDay(policy.lastSeenDay),
                    reports: Figures.grouped(policy.reports),
                    organizations: Evidence.displayList(policy.organizations, maximumItems: Self.listedNames))
            },
            readinessWindow: "Window \(Timestamp.formatDay(readiness.window.fromDay)) to \(Timestamp.formatDay(readiness.window.untilDay)), recent from \(Timestamp.formatDay(readiness.window.recentFromDay)): \(PageWording.count(readiness.window.daysWithReports, "day")) with reports, \(PageWording.count(readiness.window.sessions, "session")). As `tlsrpt readiness \(safe(domain))\(readiness.asOfIsExplicit ? " --as-of " + Timestamp.formatDay(readiness.asOfDay) : "")` prints it.",
            checks: readiness.checks.map(Self.check),
            nextStepText: step.text,
            nextStepCommand: step.command,
            hasNextStepMessages: !step.messages.isEmpty,
            nextStepMessages: step.messages.map(safe),
            nextStepOutput: step.output,
            hasReports: !headlines.isEmpty,
            latestReports: headlines.map { headline in
                ReportLine(
                    organization: safe(headline.organizationName), reportID: safe(headline.reportID),
                    href: links.report(headline.inputID), start: Timestamp.format(headline.startTime),
                    successful: Figures.grouped(headline.successfulSessions), failed: Figures.grouped(headline.failedSessions))
            }
        )
        return Templates.render(model, "domain")
    }

    static func verdictText(_ readiness: ReadinessReport) -> String {
        let failing = readiness.checks.filter { $0.status == .fail }.map(\.id.rawValue)
        switch readiness.verdict {
        case .ready: return "Every check passes: the policy can move from testing to enforce."
        case .enforced:
            return failing.isEmpty
                ? "Reporters see an enforced policy, and no check fails."
                : "Reporters see an enforced policy, and these checks fail: " + failing.joined(separator: ", ") + "."
        case .notReady: return "Not ready to enforce; failing: " + failing.joined(separator: ", ") + "."
        case .insufficientData:
            let data = readiness.checks.first { $0.id == .data }
            return "Too little data to decide" + (data.map { ": " + TerminalText.sanitized($0.message) } ?? ".")
        }
    }

    static func periodText(_ period: ReportingPeriod) -> String {
        let length = period.untilDay - period.fromDay + 1
        if length == 1 { return Timestamp.formatDay(period.fromDay) + " (UTC)" }
        return "\(Timestamp.formatDay(period.fromDay)) to \(Timestamp.formatDay(period.untilDay)) (UTC, \(PageWording.count(length, "day")))"
    }

    /// The four breakdowns; `display` says of each whether it is shown whole, and where its
    /// "show all" links to.
    static func breakdowns(_ summary: DomainSummary, display: (DashboardQuery.Breakdown) -> (expanded: Bool, showAllHref: String?))
        -> [Breakdown]
    {
        let safe = TerminalText.sanitized
        func breakdown(_ id: DashboardQuery.Breakdown, title: String, keyTitle: String, columns: [String], rows: [CountRow]) -> Breakdown {
            let (expanded, href) = display(id)
            return Breakdown(id, title: title, keyTitle: keyTitle, columns: columns, rows: rows, expanded: expanded, showAllHref: href)
        }
        return [
            breakdown(
                .resultTypes, title: "By result type", keyTitle: "Result type", columns: ["Failed sessions"],
                rows: summary.byResultType.map { CountRow(key: safe($0.key), note: nil, values: [Figures.grouped($0.sessions)]) }),
            breakdown(
                .mxHosts, title: "By MX host", keyTitle: "Receiving MX host", columns: ["Failed sessions"],
                rows: summary.byMX.map { mx in
                    CountRow(
                        key: safe(mx.mx),
                        note: mx.byResultType.map { "\(safe($0.key)) \(Figures.grouped($0.sessions))" }.joined(separator: ", "),
                        values: [Figures.grouped(mx.failedSessions)])
                }),
            breakdown(
                .organizations, title: "By reporting organisation", keyTitle: "Organisation", columns: ["Successful", "Failed", "Failure rate"],
                rows: summary.byOrganization.map { organization in
                    let total = Double(organization.successfulSessions) + Double(organization.failedSessions)
                    return CountRow(
                        key: safe(organization.organization), note: nil,
                        values: [
                            Figures.grouped(organization.successfulSessions), Figures.grouped(organization.failedSessions),
                            Figures.percent(total == 0 ? 0 : Double(organization.failedSessions) / total),
                        ])
                }),
            breakdown(
                .sendingIPs, title: "By sending IP", keyTitle: "Sending MTA IP", columns: ["Failed sessions"],
                rows: summary.bySendingIP.map { CountRow(key: safe($0.key), note: nil, values: [Figures.grouped($0.sessions)]) }),
        ]
    }

    static func check(_ check: ReadinessCheck) -> Check {
        let safe = TerminalText.sanitized
        let evidence = check.evidence.map {
            EvidenceItem(name: $0.displayName, value: $0.displayValue(emptyList: "–", maximumItems: listedNames))
        }
        return Check(
            id: check.id.rawValue, status: check.status.rawValue, message: safe(check.message),
            remedy: check.remedy.isEmpty || check.status == .pass ? nil : safe(check.remedy),
            evidence: evidence, hasEvidence: !evidence.isEmpty)
    }
}

/// A breakdown row names its fields for the template: a domain page of thousands of reporters
/// renders thousands of rows, and Mustache's default lookup (`Mirror`) was a fifth of its time.
/// A row without a note answers `false`, not `nil`: on `nil`, Mustache would look the name up
/// in every enclosing value, the whole page's model included.
extension DomainPage.CountRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "key": key
        case "note": note ?? false
        case "values": values
        default: nil
        }
    }
}
