/// Renders a ``PeriodSummary`` as CSV (RFC 4180) for spreadsheets.
///
/// The header is `domain,day,breakdown,key,successful_sessions,failed_sessions`; for each domain
/// come a `total` row (`day` is the period as `FROM..UNTIL`, `key` empty), one `day` row per day
/// with reports (`day` and `key` are that day), then `result_type`, `mx`, `organization` and
/// `sending_ip` rows for the largest ``SummaryRenderOptions/top`` entries of each breakdown
/// (`day` is the period, `key` the entry, `successful_sessions` empty where the breakdown only
/// counts failures).
///
/// Cells keep the reporters' strings, but a cell that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading `'` so that spreadsheets do not run it as a formula. Cells with
/// `,`, `"`, CR or LF are quoted, quotes doubled; lines end in CRLF.
public enum SummaryCSVRenderer {
    /// The column names, in order.
    public static let header = ["domain", "day", "breakdown", "key", "successful_sessions", "failed_sessions"]

    /// The CSV text for `summary`, header first, every line ended by CRLF.
    public static func render(_ summary: PeriodSummary, options: SummaryRenderOptions = SummaryRenderOptions())
        -> String
    {
        let top = options.limit
        let period = SummaryFormat.periodRange(summary)
        var output = line(header)
        for domain in summary.domains {
            func row(_ day: String, _ breakdown: String, _ key: String, _ successful: Int64?, _ failed: Int64) {
                output += line([domain.domain, day, breakdown, key, successful.map(String.init) ?? "", String(failed)])
            }
            row(period, "total", "", domain.successfulSessions, domain.failedSessions)
            for day in domain.days {
                let name = Timestamp.formatDay(day.day)
                row(name, "day", name, day.successfulSessions, day.failedSessions)
            }
            for count in domain.byResultType.prefix(top) {
                row(period, "result_type", count.key, nil, count.sessions)
            }
            for mx in domain.byMX.prefix(top) {
                row(period, "mx", mx.mx, nil, mx.failedSessions)
            }
            for organization in domain.byOrganization.prefix(top) {
                row(
                    period, "organization", organization.organization, organization.successfulSessions,
                    organization.failedSessions)
            }
            for count in domain.bySendingIP.prefix(top) {
                row(period, "sending_ip", count.key, nil, count.sessions)
            }
        }
        return output
    }

    /// One CSV line of `cells`, ended by CRLF.
    static func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\r\n"
    }

    /// `value` with control characters shown as `\u{…}` (CSV ends up on terminals too),
    /// neutralised against formula injection, then quoted when RFC 4180 requires it.
    static func cell(_ value: String) -> String {
        var value = TerminalText.sanitized(value)
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            value = "'" + value
        }
        guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else {
            return value
        }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            if scalar == "\"" { quoted += "\"" }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\""
    }
}
