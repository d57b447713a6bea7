/// `tlsrpt readiness --format json`: `{"domain", "verdict", "as_of", "window", "checks", "policy_seen"}`.
public enum ReadinessJSONRenderer {
    public static func render(_ report: ReadinessReport) -> String {
        var writer = JSONWriter()
        write(report, to: &writer)
        return writer.text
    }

    static func write(_ report: ReadinessReport, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.string("domain", report.domain)
        writer.string("verdict", report.verdict.rawValue)
        writer.string("as_of", Timestamp.formatDay(report.asOfDay))
        writer.beginObject("window")
        writer.string("from", Timestamp.formatDay(report.window.fromDay))
        writer.string("until", Timestamp.formatDay(report.window.untilDay))
        writer.string("recent_from", Timestamp.formatDay(report.window.recentFromDay))
        writer.integer("days_with_reports", Int64(report.window.daysWithReports))
        writer.integer("sessions", report.window.sessions)
        writer.integer("recent_sessions", report.window.recentSessions)
        if let last = report.window.lastReportDay { writer.string("last_report", Timestamp.formatDay(last)) } else { writer.null("last_report") }
        writer.endObject()
        writer.beginArray("checks")
        for check in report.checks {
            writer.beginObject()
            writer.string("id", check.id.rawValue)
            writer.string("status", check.status.rawValue)
            writer.string("message", check.message)
            if !check.remedy.isEmpty { writer.string("remedy", check.remedy) }
            writer.beginObject("evidence")
            for item in check.evidence {
                switch item.value {
                case .count(let count): writer.integer(item.name, count)
                case .seconds(let seconds): writer.integer(item.name, seconds)
                case .rate(let rate): writer.decimal(item.name, rate, decimals: 6)
                case .day(let day): writer.string(item.name, Timestamp.formatDay(day))
                case .text(let text): writer.string(item.name, text)
                case .list(let list): writer.strings(item.name, list)
                }
            }
            writer.endObject()
            writer.endObject()
        }
        writer.endArray()
        if let policy = report.policySeen {
            writer.beginObject("policy_seen")
            if let mode = policy.mode { writer.string("mode", mode) } else { writer.null("mode") }
            if let maximumAge = policy.maximumAge { writer.integer("max_age", maximumAge) } else { writer.null("max_age") }
            writer.strings("mx", policy.mxPatterns)
            writer.strings("policy_string", policy.policyStrings)
            writer.string("last_seen", Timestamp.formatDay(policy.lastSeenDay))
            writer.string("organization", policy.organization)
            writer.strings("organizations", policy.organizations)
            writer.boolean("corroborated", policy.isCorroborated)
            writer.endObject()
        } else {
            writer.null("policy_seen")
        }
        writer.beginArray("unconfirmed_mx")
        for claim in report.unconfirmedPatterns {
            writer.beginObject()
            writer.string("pattern", claim.pattern)
            writer.string("organization", claim.organization)
            writer.string("last_seen", Timestamp.formatDay(claim.lastSeenDay))
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }
}
