/// Renders a ``PeriodSummary`` as one JSON object: the contract of `tlsrpt summary --format json`
/// that scripts and other tools rely on.
///
/// Members come in a fixed order, and values are the reporters' own strings (escaped as JSON
/// requires, not otherwise changed):
///
/// ```json
/// {"from": "2026-11-22", "until": "2026-11-28", "domains": [{"domain": "example.com",
///   "successful_sessions": 1200, "failed_sessions": 34, "failure_rate": 0.0276, "reports": 9,
///   "organizations": 3, "policy_modes": ["enforce"],
///   "by_result_type": {"certificate-expired": 30, "validation-failure": 4},
///   "by_mx": [{"mx": "mx1.example.com", "failed_sessions": 34, "by_result_type": {"certificate-expired": 30}}],
///   "by_organization": [{"organization": "Google Inc.", "successful_sessions": 900, "failed_sessions": 30}],
///   "by_sending_ip": [{"ip": "192.0.2.1", "failed_sessions": 30}],
///   "days": [{"day": "2026-11-22", "successful_sessions": 100, "failed_sessions": 2}],
///   "detailed_failed_sessions": 34, "counters_disagree": false,
///   "attention": [{"kind": "new-mx", "subject": "mx2.example.com", "message": "…"}]}]}
/// ```
///
/// `failure_rate` has at most four decimals. `by_result_type`, `by_mx`, `by_organization` and
/// `by_sending_ip` hold the largest ``SummaryRenderOptions/top`` entries, largest first (object
/// members in that order too); `days` holds every day with reports.
public enum SummaryJSONRenderer {
    /// The JSON text for `summary`, without a trailing newline.
    public static func render(_ summary: PeriodSummary, options: SummaryRenderOptions = SummaryRenderOptions())
        -> String
    {
        let top = options.limit
        var writer = JSONWriter(capacity: 4096)
        writer.beginObject()
        writer.string("from", Timestamp.formatDay(summary.fromDay))
        writer.string("until", Timestamp.formatDay(summary.untilDay))
        writer.beginArray("domains")
        for domain in summary.domains {
            write(domain, top: top, to: &writer)
        }
        writer.endArray()
        writer.endObject()
        return writer.text
    }

    private static func write(_ domain: DomainSummary, top: Int, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.string("domain", domain.domain)
        writer.integer("successful_sessions", domain.successfulSessions)
        writer.integer("failed_sessions", domain.failedSessions)
        writer.decimal("failure_rate", domain.failureRate, decimals: 4)
        writer.integer("reports", Int64(domain.reports))
        writer.integer("organizations", Int64(domain.organizations))
        writer.strings("policy_modes", domain.policyModes)
        write(domain.byResultType.prefix(top), key: "by_result_type", to: &writer)
        writer.beginArray("by_mx")
        for mx in domain.byMX.prefix(top) {
            writer.beginObject()
            writer.string("mx", mx.mx)
            writer.integer("failed_sessions", mx.failedSessions)
            write(mx.byResultType.prefix(top), key: "by_result_type", to: &writer)
            writer.endObject()
        }
        writer.endArray()
        writer.beginArray("by_organization")
        for organization in domain.byOrganization.prefix(top) {
            writer.beginObject()
            writer.string("organization", organization.organization)
            writer.integer("successful_sessions", organization.successfulSessions)
            writer.integer("failed_sessions", organization.failedSessions)
            writer.endObject()
        }
        writer.endArray()
        writer.beginArray("by_sending_ip")
        for address in domain.bySendingIP.prefix(top) {
            writer.beginObject()
            writer.string("ip", address.key)
            writer.integer("failed_sessions", address.sessions)
            writer.endObject()
        }
        writer.endArray()
        writer.beginArray("days")
        for day in domain.days {
            writer.beginObject()
            writer.string("day", Timestamp.formatDay(day.day))
            writer.integer("successful_sessions", day.successfulSessions)
            writer.integer("failed_sessions", day.failedSessions)
            writer.endObject()
        }
        writer.endArray()
        writer.integer("detailed_failed_sessions", domain.detailedFailedSessions)
        writer.boolean("counters_disagree", domain.countersDisagree)
        writer.beginArray("attention")
        for item in domain.attention {
            writer.beginObject()
            writer.string("kind", item.kind.rawValue)
            writer.string("subject", item.subject)
            writer.string("message", item.message)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    /// `"key": {TYPE: sessions, …}` in the order of `counts`.
    private static func write(_ counts: ArraySlice<DomainSummary.Count>, key: String, to writer: inout JSONWriter) {
        writer.beginObject(key)
        for count in counts {
            writer.integer(count.key, count.sessions)
        }
        writer.endObject()
    }
}
