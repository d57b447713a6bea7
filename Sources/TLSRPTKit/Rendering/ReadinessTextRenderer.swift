/// `tlsrpt readiness` for people: the verdict, then each check with its evidence and remedy.
///
/// Every line fits `columns` (80 when the output is not a terminal): sentences and evidence wrap,
/// continuation lines indented under their check, and names too long for a line are split, not cut.
public enum ReadinessTextRenderer {
    /// The indent of a check's evidence, remedy and continuation lines.
    static let detailIndent = "       "

    public static func render(_ report: ReadinessReport, columns: Int = TextWrapping.defaultColumns) -> String {
        let columns = max(TextWrapping.minimumColumns, columns)
        let safe = TerminalText.sanitized
        var lines: [String] = []
        lines.append("\(safe(report.domain)): \(report.verdict.rawValue.uppercased())")
        lines.append(
            "window \(Timestamp.formatDay(report.window.fromDay)) .. \(Timestamp.formatDay(report.window.untilDay)) "
                + "(recent from \(Timestamp.formatDay(report.window.recentFromDay))): "
                + "\(Wording.count(report.window.daysWithReports, "day")) with reports, \(Wording.count(report.window.sessions, "session"))")
        if let policy = report.policySeen {
            lines.append(
                "policy seen: mode \(safe(policy.mode ?? "?")), max_age \(policy.maximumAge.map(String.init) ?? "?"), "
                    + "mx \(safe(policy.mxPatterns.joined(separator: " "))) (last \(Timestamp.formatDay(policy.lastSeenDay)); "
                    + (policy.isCorroborated
                        ? "reported by \(Wording.count(policy.organizations.count, "organisation")))"
                        : "reported by \(safe(policy.organizations.joined(separator: ", "))) only: unconfirmed)"))
        } else {
            lines.append("policy seen: none")
        }
        lines.append("")
        for check in report.checks {
            lines += TextWrapping.wrapped("[\(check.status.rawValue.uppercased())] \(check.id.rawValue): \(safe(check.message))",
                columns: columns, indent: detailIndent)
            let figures = check.evidence.map { "\($0.displayName): \($0.displayValue())" }
            if !figures.isEmpty {
                lines += TextWrapping.wrapped(figures.joined(separator: "; "), columns: columns, firstIndent: detailIndent, indent: detailIndent + "  ")
            }
            if !check.remedy.isEmpty, check.status != .pass {
                lines += TextWrapping.wrapped("→ " + safe(check.remedy), columns: columns, firstIndent: detailIndent, indent: detailIndent + "  ")
            }
        }
        return lines.flatMap { line in
            SummaryTextLayout.width(line) <= columns ? [line] : TextWrapping.wrapped(line, columns: columns, indent: "    ")
        }.joined(separator: "\n") + "\n"
    }

    /// One line per domain: name, verdict, days and sessions, and since when reports are missing.
    /// A name wider than its column gets a line (or lines) of its own; the figures wrap.
    public static func renderList(_ reports: [ReadinessReport], columns: Int = TextWrapping.defaultColumns) -> String {
        let columns = max(TextWrapping.minimumColumns, columns)
        guard !reports.isEmpty else { return "no domains in the database\n" }
        let nameColumn = min(max(10, columns - 42), 40, reports.map { SummaryTextLayout.width(TerminalText.sanitized($0.domain)) }.max() ?? 0)
        var text = ""
        for report in reports {
            let name = TerminalText.sanitized(report.domain)
            var padded = SummaryTextLayout.padded(name, to: nameColumn, alignRight: false)
            if SummaryTextLayout.width(name) > nameColumn {
                text += TextWrapping.wrapped(name, columns: columns).joined(separator: "\n") + "\n"
                padded = String(repeating: " ", count: nameColumn)
            }
            let figures = "\(Wording.count(report.window.daysWithReports, "day")), \(Wording.count(report.window.sessions, "session"))"
            var note = ""
            if let last = report.window.lastReportDay, last < report.window.recentFromDay {
                note = "; no reports since \(Timestamp.formatDay(last))"
            } else if report.window.lastReportDay == nil {
                note = "; no reports in the window"
            }
            let prefix = "\(padded)  \(report.verdict.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0))  "
            let indent = String(repeating: " ", count: nameColumn + 21)
            text += TextWrapping.wrapped(figures + note, columns: columns, firstIndent: prefix, indent: indent).joined(separator: "\n") + "\n"
        }
        return text
    }
}
