import TLSRPTKit

/// The list of every domain: verdict, sessions and failure rates, sparkline, reporters, modes.
struct IndexPage {
    let store: any ReportReading
    let query: DashboardQuery
    let today: Int64
    let links: PageLinks

    struct Row {
        var domain: String
        var href: String
        var verdict: String
        var failing: String?
        var recentSessions: String
        var recentRate: String
        var sessions: String
        var rate: String
        var sparkline: String
        var reporters: String
        var modes: String
        // For sorting, not shown.
        var rateValue: Double
        var sessionValue: Double
    }

    struct Parameter {
        var name: String
        var value: String
    }

    struct PeriodLink {
        var label: String
        var href: String
    }

    struct Model {
        var isServer: Bool
        var periodText: String
        var lengthText: String
        var readinessAsOf: String?
        var rows: [Row]
        var hasRows: Bool
        var emptyText: String
        var search: String
        var hasSearch: Bool
        var clearSearch: String
        var hiddenParameters: [Parameter]
        var periodLinks: [PeriodLink]
        var sortByDomain: String
        var sortBySessions: String
        var sortByFailureRate: String
        var sortText: String
    }

    /// The rows, for the domains `only` names (all when empty).
    func rows(only: [String] = []) throws -> [Row] {
        let period = query.period
        let summary = try SummaryBuilder(store: store).summary(domains: only, fromDay: period.fromDay, untilDay: period.untilDay)
        // The last 7 days from the period's days: each report counts on the day it starts, so these
        // are the figures of `summary` over those 7 days, without reading them again.
        let recentFrom = max(period.fromDay, period.untilDay - 6)
        let analyzer = ReadinessAnalyzer(store: store)
        let options = query.readinessOptions(today: today)
        var rows: [Row] = []
        for domain in summary.domains where query.search.isEmpty || domain.domain.contains(query.search) {
            let readiness = try analyzer.analyze(domain: domain.domain, options: options)
            let week = Self.sessions(domain.days.filter { $0.day >= recentFrom })
            rows.append(
                Row(
                    domain: TerminalText.sanitized(domain.domain),
                    href: links.domain(domain.domain),
                    verdict: readiness.verdict.rawValue,
                    failing: Self.failingText(readiness),
                    recentSessions: Figures.grouped(week.map { PageWording.total($0.successful, $0.failed) } ?? 0),
                    recentRate: week.map { Figures.percent(Self.rate(successful: $0.successful, failed: $0.failed)) } ?? "–",
                    sessions: Figures.grouped(PageWording.total(domain.successfulSessions, domain.failedSessions)),
                    rate: domain.reports == 0 ? "–" : Figures.percent(domain.failureRate),
                    sparkline: SessionChart.sparkline(SessionChart.days(domain.days, fromDay: period.fromDay, untilDay: period.untilDay)),
                    reporters: Figures.grouped(domain.organizations),
                    modes: domain.policyModes.isEmpty ? "–" : domain.policyModes.map(TerminalText.sanitized).joined(separator: ", "),
                    rateValue: domain.failureRate,
                    sessionValue: Double(domain.successfulSessions) + Double(domain.failedSessions)
                ))
        }
        switch query.sort {
        case .domain: break
        case .failureRate: rows.sort { ($0.rateValue, $1.domain) > ($1.rateValue, $0.domain) }
        case .sessions: rows.sort { ($0.sessionValue, $1.domain) > ($1.sessionValue, $0.domain) }
        }
        return rows
    }

    /// The successful and failed sessions of `days` (saturating, as the summary adds them); `nil`
    /// without a day with reports.
    static func sessions(_ days: [DomainSummary.DayCount]) -> (successful: Int64, failed: Int64)? {
        guard !days.isEmpty else { return nil }
        var successful: Int64 = 0
        var failed: Int64 = 0
        for day in days {
            successful = PageWording.total(successful, day.successfulSessions)
            failed = PageWording.total(failed, day.failedSessions)
        }
        return (successful, failed)
    }

    /// failed / (successful + failed), as ``TLSRPTKit/DomainSummary/failureRate`` computes it.
    static func rate(successful: Int64, failed: Int64) -> Double {
        let total = Double(successful) + Double(failed)
        return total == 0 ? 0 : Double(failed) / total
    }

    /// The check that blocks, named: the first failing one, or for too little data the data check.
    static func failingText(_ readiness: ReadinessReport) -> String? {
        if let failing = readiness.checks.first(where: { $0.status == .fail }) {
            return "failing: \(failing.id.rawValue)"
        }
        if readiness.verdict == .insufficientData, let data = readiness.checks.first(where: { $0.id == .data }) {
            return "\(data.id.rawValue): \(data.status.rawValue)"
        }
        return nil
    }

    func content(only: [String] = []) throws -> String {
        let rows = try rows(only: only)
        let period = query.period
        let length = period.untilDay - period.fromDay + 1
        let sortText: String
        switch query.sort {
        case .domain: sortText = "domain name"
        case .failureRate: sortText = "failure rate over \(PageWording.count(length, "day")), highest first"
        case .sessions: sortText = "sessions over \(PageWording.count(length, "day")), most first"
        }
        let model = Model(
            isServer: links.isServer,
            periodText: DomainPage.periodText(period),
            lengthText: PageWording.count(length, "day"),
            readinessAsOf: query.periodIsExplicit ? Timestamp.formatDay(period.untilDay) : nil,
            rows: rows,
            hasRows: !rows.isEmpty,
            emptyText: query.search.isEmpty
                ? "No reports in this period. Ingest some with `tlsrpt ingest`, or choose a longer period."
                : "No domain with reports in this period contains “\(TerminalText.sanitized(query.search))”.",
            search: TerminalText.sanitized(query.search),
            hasSearch: !query.search.isEmpty,
            clearSearch: links.index(sort: query.sort),
            hiddenParameters: query.periodParameters.map { Parameter(name: $0.0, value: $0.1) }
                + (query.sort == .domain ? [] : [Parameter(name: "sort", value: query.sort.rawValue)]),
            periodLinks: DomainPage.periodChoices.map { PeriodLink(label: $0.label, href: links.period(last: $0.last, onDomain: nil)) },
            sortByDomain: links.index(sort: .domain, search: query.search),
            sortBySessions: links.index(sort: .sessions, search: query.search),
            sortByFailureRate: links.index(sort: .failureRate, search: query.search),
            sortText: sortText
        )
        return Templates.render(model, "index")
    }
}
