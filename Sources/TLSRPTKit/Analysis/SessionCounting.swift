/// The counting rules every figure in summaries and readiness follows.
///
/// - A report is attributed to the UTC day of its `start-datetime`.
/// - Microsoft reports the same sessions under a `tlsa` and an `sts` entry for one domain, and
///   Google may list one policy twice: per report and policy domain only the entry with the
///   largest session total counts towards domain totals (the first one on a tie).
/// - Domain failure totals come from the summary counters; breakdowns come from the failure
///   details of the counted entries, which RFC 8460 §4 allows to overlap or to fall short.
public enum SessionCounting {
    /// The entries that count towards domain totals: one per report and policy domain.
    public static func countedEntries(_ records: [PolicyRecord]) -> [PolicyRecord] {
        var chosen: [ReportDomain: Int] = [:]
        for (index, record) in records.enumerated() {
            let key = ReportDomain(reportRow: record.reportRow, domain: record.policy.policyDomain)
            if let current = chosen[key], records[current].sessionTotal >= record.sessionTotal { continue }
            chosen[key] = index
        }
        return chosen.values.sorted().map { records[$0] }
    }

    private struct ReportDomain: Hashable {
        var reportRow: Int64
        var domain: String
    }

    /// The mode a policy entry shows: `testing`, `enforce` or `none` for an `sts` entry with a
    /// mode line, `no-policy-found` for that type, `nil` otherwise.
    public static func mode(of policy: TLSReport.Policy) -> String? {
        switch policy.policyType {
        case .sts: policy.stsMode
        case .noPolicyFound: TLSReport.PolicyType.noPolicyFound.rawValue
        case .tlsa, .other: nil
        }
    }
}
