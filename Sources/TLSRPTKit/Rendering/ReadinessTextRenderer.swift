/// `tlsrpt readiness` for people: the verdict, then each check with its evidence and remedy.
public enum ReadinessTextRenderer {
    public static func render(_ report: ReadinessReport) -> String {
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
            lines.append("[\(check.status.rawValue.uppercased())] \(check.id): \(safe(check.message))")
            let figures = check.evidence.map { item -> String in
                let value: String
                switch item.value {
                case .count(let count): value = String(count)
                case .rate(let rate): value = Figures.percent(rate)
                case .day(let day): value = Timestamp.formatDay(day)
                case .text(let text): value = safe(text)
                case .list(let list): value = list.isEmpty ? "-" : list.map(safe).joined(separator: ", ")
                }
                return "\(item.name.replacingOccurrences(of: "_", with: " ")): \(value)"
            }
            if !figures.isEmpty { lines.append("       " + figures.joined(separator: "; ")) }
            if !check.remedy.isEmpty, check.status != .pass { lines.append("       → " + safe(check.remedy)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One line per domain: name, verdict, days and sessions, and since when reports are missing.
    public static func renderList(_ reports: [ReadinessReport]) -> String {
        guard !reports.isEmpty else { return "no domains in the database\n" }
        let width = min(40, reports.map { TerminalText.sanitized($0.domain).count }.max() ?? 0)
        var text = ""
        for report in reports {
            let name = TerminalText.sanitized(report.domain)
            let padded = name.count < width ? name + String(repeating: " ", count: width - name.count) : name
            var line = "\(padded)  \(report.verdict.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0))  "
                + "\(Wording.count(report.window.daysWithReports, "day")), \(Wording.count(report.window.sessions, "session"))"
            if let last = report.window.lastReportDay, last < report.window.recentFromDay {
                line += "; no reports since \(Timestamp.formatDay(last))"
            } else if report.window.lastReportDay == nil {
                line += "; no reports in the window"
            }
            text += line + "\n"
        }
        return text
    }
}
