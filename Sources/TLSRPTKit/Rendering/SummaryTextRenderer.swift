/// Renders a ``PeriodSummary`` for people at an 80-column terminal.
///
/// A header line with the period, then one block per domain: the totals, aligned tables of the
/// largest result types, MX hosts, organisations and sending IPs (numbers right-aligned with
/// thousands separators, "… and K more" under a cut table), a day-by-day table when the period has
/// more than one day, what needs attention, and a note when the failure details and the summary
/// counters disagree.
///
/// No line is wider than ``SummaryRenderOptions/columns`` (80 by default): sentences wrap, and long
/// cells (MX host and organisation names) wrap inside their table column instead of being cut. Every
/// string that came from a report passes through ``TerminalText/sanitized(_:)`` first, so escape
/// sequences and bidi overrides in it reach the terminal only as visible `\u{…}` text.
public enum SummaryTextRenderer {
    /// Terminal width the text fits by default.
    static let defaultColumns = 80

    /// The text for `summary`, lines separated and ended by `\n`; `No reports between FROM and UNTIL.`
    /// when it has no domains.
    public static func render(_ summary: PeriodSummary, options: SummaryRenderOptions = SummaryRenderOptions())
        -> String
    {
        guard !summary.domains.isEmpty else { return SummaryFormat.noReports(summary) + "\n" }
        let columns = max(TextWrapping.minimumColumns, options.columns)
        let dayCount = summary.untilDay - summary.fromDay + 1
        let failed = summary.domains.reduce(Int64(0)) { $0 + $1.failedSessions }
        let silentCount = summary.domains.count { $0.reports == 0 }
        var lines = [
            "TLS report summary, " + SummaryFormat.period(summary)
                + (dayCount > 1 ? " (" + Figures.grouped(dayCount) + " days)" : ""),
            SummaryFormat.counted(Int64(summary.domains.count(where: { $0.reports > 0 })), "domain", "domains") + " with reports, "
                + SummaryFormat.counted(failed, "failed session", "failed sessions") + " in all"
                + (silentCount > 0 ? "; " + SummaryFormat.counted(Int64(silentCount), "domain", "domains") + " without." : "."),
        ]
        for domain in summary.domains {
            lines.append("")
            lines += block(for: domain, showDays: dayCount > 1, top: options.limit, columns: columns)
        }
        return lines.flatMap { line in
            SummaryTextLayout.width(line) <= columns ? [line] : SummaryTextLayout.wrapped(line, columns: columns, firstIndent: "", indent: "    ")
        }.map { $0 + "\n" }.joined()
    }

    private static func block(for domain: DomainSummary, showDays: Bool, top: Int, columns: Int) -> [String] {
        func wrap(_ text: String, indent: String) -> [String] {
            SummaryTextLayout.wrapped(text, columns: columns, firstIndent: indent, indent: indent + "  ")
        }
        func section<Entry>(
            _ entries: [Entry], top: Int, noun: (singular: String, plural: String), columns tableColumns: [SummaryTextTable.Column],
            cells: (Entry) -> [String]
        ) -> [String] {
            Self.section(entries, top: top, noun: noun, columns: tableColumns, width: columns, cells: cells)
        }
        let nameLines = SummaryTextLayout.wrapped(clean(domain.domain), columns: columns, firstIndent: "", indent: "")
        var lines = nameLines + [String(repeating: "=", count: nameLines.map { SummaryTextLayout.width($0) }.max() ?? 0)]
        if domain.reports == 0 {
            // A silent domain: nothing to tabulate, only why it is listed.
            return lines + domain.attention.flatMap {
                SummaryTextLayout.wrapped(clean("Attention: " + $0.message), columns: columns, firstIndent: "  ", indent: "    ")
            }
        }
        lines += wrap(
            "Sessions: " + Figures.grouped(domain.successfulSessions) + " successful, "
                + Figures.grouped(domain.failedSessions) + " failed (" + Figures.percent(domain.failureRate)
                + " failed)",
            indent: "  ")
        lines += wrap(
            "Reports: " + Figures.grouped(domain.reports) + " from "
                + SummaryFormat.counted(Int64(domain.organizations), "organisation", "organisations")
                + "; policy modes seen: " + SummaryFormat.modes(domain.policyModes, escape: clean),
            indent: "  ")
        if domain.countersDisagree {
            lines += wrap("Note: " + SummaryFormat.disagreementNote(domain) + ".", indent: "  ")
        }

        if domain.byResultType.isEmpty, domain.byMX.isEmpty, domain.bySendingIP.isEmpty {
            lines += ["", "  No failure details reported."]
        }
        lines += section(
            domain.byResultType, top: top, noun: ("result type", "result types"),
            columns: [
                .init(title: "Result type", alignRight: false), .init(title: "Failed sessions", alignRight: true),
            ]
        ) { [clean($0.key), Figures.grouped($0.sessions)] }
        lines += section(
            domain.byMX, top: top, noun: ("MX host", "MX hosts"),
            columns: [
                .init(title: "MX host", alignRight: false), .init(title: "Failed", alignRight: true),
                .init(title: "Top result type", alignRight: false),
            ]
        ) {
            [clean($0.mx), Figures.grouped($0.failedSessions), $0.byResultType.first.map { clean($0.key) } ?? ""]
        }
        lines += section(
            domain.byOrganization, top: top, noun: ("organisation", "organisations"),
            columns: [
                .init(title: "Organisation", alignRight: false), .init(title: "Successful", alignRight: true),
                .init(title: "Failed", alignRight: true), .init(title: "Failure rate", alignRight: true),
            ]
        ) {
            [
                clean($0.organization), Figures.grouped($0.successfulSessions),
                Figures.grouped($0.failedSessions),
                Figures.percent(FailureRate.of(successful: $0.successfulSessions, failed: $0.failedSessions)),
            ]
        }
        lines += section(
            domain.bySendingIP, top: top, noun: ("sending IP", "sending IPs"),
            columns: [.init(title: "Sending IP", alignRight: false), .init(title: "Failed sessions", alignRight: true)]
        ) { [clean($0.key), Figures.grouped($0.sessions)] }
        if showDays {
            lines += section(
                domain.days, top: Int.max, noun: ("day", "days"),
                columns: [
                    .init(title: "Day", alignRight: false), .init(title: "Successful", alignRight: true),
                    .init(title: "Failed", alignRight: true), .init(title: "Failure rate", alignRight: true),
                ]
            ) {
                [
                    Timestamp.formatDay($0.day), Figures.grouped($0.successfulSessions),
                    Figures.grouped($0.failedSessions),
                    Figures.percent(
                        FailureRate.of(successful: $0.successfulSessions, failed: $0.failedSessions)),
                ]
            }
        }
        if !domain.attention.isEmpty {
            lines += ["", "  Attention:"]
            for item in domain.attention {
                lines += SummaryTextLayout.wrapped(
                    clean(item.message), columns: columns, firstIndent: "  - ", indent: "    ")
            }
        }
        return lines
    }

    /// A blank line, the table of the first `top` of `entries`, and "… and K more" when cut;
    /// nothing when there are no entries.
    private static func section<Entry>(
        _ entries: [Entry], top: Int, noun: (singular: String, plural: String),
        columns tableColumns: [SummaryTextTable.Column], width columns: Int,
        cells: (Entry) -> [String]
    ) -> [String] {
        guard !entries.isEmpty else { return [] }
        var table = SummaryTextTable(tableColumns)
        for entry in entries.prefix(top) {
            table.append(cells(entry))
        }
        var lines = [""] + table.lines(indent: "  ", columns: columns)
        if entries.count > top {
            let rest = Int64(entries.count - top)
            lines.append("  … and " + SummaryFormat.counted(rest, "more " + noun.singular, "more " + noun.plural))
        }
        return lines
    }

    /// A reporter-supplied string made safe for the terminal.
    private static func clean(_ text: String) -> String {
        TerminalText.sanitized(text)
    }
}
