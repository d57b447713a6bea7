/// Renders a ``PeriodSummary`` as a small, self-contained HTML document: inline CSS, one section
/// per domain with its totals and tables of the largest ``SummaryRenderOptions/top`` entries of
/// each breakdown, the days (when the period has more than one), and what needs attention.
///
/// The document has no scripts and loads nothing (a `Content-Security-Policy` meta element says
/// so to browsers), so it can be mailed or opened from disk. Every reporter string is sanitised
/// (``TerminalText/sanitized(_:)``) and then HTML-escaped (`&`, `<`, `>`, `"`, `'`).
public enum SummaryHTMLRenderer {
    /// The HTML document for `summary`, ending in a newline.
    public static func render(_ summary: PeriodSummary, options: SummaryRenderOptions = SummaryRenderOptions())
        -> String
    {
        let title = "TLS report summary " + SummaryFormat.period(summary)
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title>
            <style>
            body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328; }
            body { margin: 1.5em; }
            h1 { font-size: 1.4em; } h2 { font-size: 1.2em; border-bottom: 1px solid #d0d7de; margin-top: 1.6em; }
            h3 { font-size: 1em; margin-bottom: 0.3em; }
            table { border-collapse: collapse; margin: 0.3em 0 0.8em; }
            th, td { border: 1px solid #d0d7de; padding: 0.2em 0.6em; text-align: left; }
            th { background: #f6f8fa; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
            td { word-break: break-all; } .more, .note { color: #59636e; } .attention li { color: #9a6700; }
            </style>
            </head>
            <body>
            <h1>\(title)</h1>

            """
        if summary.domains.isEmpty {
            html += "<p>" + SummaryFormat.noReports(summary) + "</p>\n"
        } else {
            let failed = summary.domains.reduce(Int64(0)) { $0 + $1.failedSessions }
            html +=
                "<p>" + SummaryFormat.counted(Int64(summary.domains.count), "domain", "domains") + ", "
                + SummaryFormat.counted(failed, "failed session", "failed sessions") + ".</p>\n"
            for domain in summary.domains {
                html += section(for: domain, showDays: summary.untilDay > summary.fromDay, top: options.limit)
            }
        }
        html += "</body>\n</html>\n"
        return html
    }

    private static func section(for domain: DomainSummary, showDays: Bool, top: Int) -> String {
        var html = "<section>\n<h2>" + escaped(domain.domain) + "</h2>\n<ul>\n"
        html += "<li>Successful sessions: " + Figures.grouped(domain.successfulSessions) + "</li>\n"
        html +=
            "<li>Failed sessions: " + Figures.grouped(domain.failedSessions) + " ("
            + Figures.percent(domain.failureRate) + ")</li>\n"
        html +=
            "<li>Reports: " + Figures.grouped(domain.reports) + " from "
            + SummaryFormat.counted(Int64(domain.organizations), "organization", "organizations") + "</li>\n"
        html += "<li>Policy modes seen: " + SummaryFormat.modes(domain.policyModes, escape: escaped) + "</li>\n"
        html += "</ul>\n"
        if domain.countersDisagree {
            html += "<p class=\"note\">Note: " + SummaryFormat.disagreementNote(domain) + ".</p>\n"
        }
        html += table("Result types", domain.byResultType, top: top, header: ["Result type", "Failed sessions"]) {
            [.text($0.key), .number($0.sessions)]
        }
        html += table("MX hosts", domain.byMX, top: top, header: ["MX host", "Failed sessions", "Top result type"]) {
            [.text($0.mx), .number($0.failedSessions), .text($0.byResultType.first?.key ?? "")]
        }
        html += table(
            "Organizations", domain.byOrganization, top: top,
            header: ["Organization", "Successful sessions", "Failed sessions"]
        ) { [.text($0.organization), .number($0.successfulSessions), .number($0.failedSessions)] }
        html += table("Sending IPs", domain.bySendingIP, top: top, header: ["Sending IP", "Failed sessions"]) {
            [.text($0.key), .number($0.sessions)]
        }
        if showDays {
            html += table("Days", domain.days, top: Int.max, header: ["Day", "Successful sessions", "Failed sessions"])
            {
                [.text(Timestamp.formatDay($0.day)), .number($0.successfulSessions), .number($0.failedSessions)]
            }
        }
        if !domain.attention.isEmpty {
            html += "<h3>Attention</h3>\n<ul class=\"attention\">\n"
            for item in domain.attention {
                html += "<li>" + escaped(item.message) + "</li>\n"
            }
            html += "</ul>\n"
        }
        return html + "</section>\n"
    }

    private enum Cell {
        /// A reporter string: sanitised and escaped when written.
        case text(String)
        case number(Int64)
    }

    /// An `<h3>` and a table of the first `top` entries, with "… and K more" when cut; nothing
    /// without entries.
    private static func table<Entry>(
        _ title: String, _ entries: [Entry], top: Int, header: [String], cells: (Entry) -> [Cell]
    ) -> String {
        guard !entries.isEmpty else { return "" }
        var html = "<h3>" + title + "</h3>\n<table>\n<tr>"
        for name in header {
            html += "<th>" + name + "</th>"
        }
        html += "</tr>\n"
        for entry in entries.prefix(top) {
            html += "<tr>"
            for cell in cells(entry) {
                switch cell {
                case .text(let text): html += "<td>" + escaped(text) + "</td>"
                case .number(let value): html += "<td class=\"n\">" + Figures.grouped(value) + "</td>"
                }
            }
            html += "</tr>\n"
        }
        html += "</table>\n"
        if entries.count > top {
            html += "<p class=\"more\">… and " + Figures.grouped(entries.count - top) + " more</p>\n"
        }
        return html
    }

    /// `text` sanitised, then with `&`, `<`, `>`, `"` and `'` as character references.
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in TerminalText.sanitized(text).unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
