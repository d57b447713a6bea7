/// Renders a ``PeriodSummary`` as GitHub-flavoured Markdown: a `## domain` section per domain
/// with a list of totals and tables of the largest ``SummaryRenderOptions/top`` entries of each
/// breakdown, the days (when the period has more than one), and what needs attention.
///
/// Reporter strings cannot change the structure of the document: control characters are shown
/// as `\u{…}` (``TerminalText/sanitized(_:)``), then `\`, `` ` ``, `*`, `_`, `<`, `>`, `[`, `]`,
/// `|`, `&` and `~` are backslash-escaped, so no link, HTML tag, emphasis or table cell comes
/// from a report.
public enum SummaryMarkdownRenderer {
    /// The Markdown text for `summary`, ending in a newline; `No reports between FROM and UNTIL.`
    /// when it has no domains.
    public static func render(_ summary: PeriodSummary, options: SummaryRenderOptions = SummaryRenderOptions())
        -> String
    {
        guard !summary.domains.isEmpty else { return SummaryFormat.noReports(summary) + "\n" }
        let failed = summary.domains.reduce(Int64(0)) { $0 + $1.failedSessions }
        var lines = [
            "# TLS report summary " + SummaryFormat.period(summary), "",
            SummaryFormat.counted(Int64(summary.domains.count), "domain", "domains") + ", "
                + SummaryFormat.counted(failed, "failed session", "failed sessions") + ".",
        ]
        let top = options.limit
        let showDays = summary.untilDay > summary.fromDay
        for domain in summary.domains {
            lines += ["", "## " + escaped(domain.domain), ""]
            lines += [
                "- Successful sessions: " + Figures.grouped(domain.successfulSessions),
                "- Failed sessions: " + Figures.grouped(domain.failedSessions) + " ("
                    + Figures.percent(domain.failureRate) + ")",
                "- Reports: " + Figures.grouped(domain.reports) + " from "
                    + SummaryFormat.counted(Int64(domain.organizations), "organization", "organizations"),
                "- Policy modes seen: " + SummaryFormat.modes(domain.policyModes, escape: escaped),
            ]
            if domain.countersDisagree {
                lines.append("- **Note:** " + SummaryFormat.disagreementNote(domain) + ".")
            }
            lines += table(
                "Result types", domain.byResultType, top: top, header: ["Result type", "Failed sessions"],
                numeric: [1]
            ) { [escaped($0.key), Figures.grouped($0.sessions)] }
            lines += table(
                "MX hosts", domain.byMX, top: top, header: ["MX host", "Failed sessions", "Top result type"],
                numeric: [1]
            ) {
                [
                    escaped($0.mx), Figures.grouped($0.failedSessions),
                    $0.byResultType.first.map { escaped($0.key) } ?? "",
                ]
            }
            lines += table(
                "Organizations", domain.byOrganization, top: top,
                header: ["Organization", "Successful sessions", "Failed sessions"], numeric: [1, 2]
            ) {
                [
                    escaped($0.organization), Figures.grouped($0.successfulSessions),
                    Figures.grouped($0.failedSessions),
                ]
            }
            lines += table(
                "Sending IPs", domain.bySendingIP, top: top, header: ["Sending IP", "Failed sessions"], numeric: [1]
            ) { [escaped($0.key), Figures.grouped($0.sessions)] }
            if showDays {
                lines += table(
                    "Days", domain.days, top: Int.max, header: ["Day", "Successful sessions", "Failed sessions"],
                    numeric: [1, 2]
                ) {
                    [
                        Timestamp.formatDay($0.day), Figures.grouped($0.successfulSessions),
                        Figures.grouped($0.failedSessions),
                    ]
                }
            }
            if !domain.attention.isEmpty {
                lines += ["", "### Attention", ""]
                lines += domain.attention.map { "- " + escaped($0.message) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` sanitised and with Markdown's active characters escaped.
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in TerminalText.sanitized(text).unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "<", ">", "[", "]", "|", "&", "~": result += "\\"
            default: break
            }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// A `### title` heading and a table of the first `top` entries, with "… and K more" when cut;
    /// nothing without entries. Columns in `numeric` are right-aligned.
    private static func table<Entry>(
        _ title: String, _ entries: [Entry], top: Int, header: [String], numeric: Set<Int>,
        cells: (Entry) -> [String]
    ) -> [String] {
        guard !entries.isEmpty else { return [] }
        func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
        var lines = ["", "### " + title, "", row(header)]
        lines.append(row(header.indices.map { numeric.contains($0) ? "---:" : "---" }))
        lines += entries.prefix(top).map { row(cells($0)) }
        if entries.count > top {
            lines += ["", "_… and " + Figures.grouped(entries.count - top) + " more_"]
        }
        return lines
    }
}
