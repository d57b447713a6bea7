import GRDB

extension SQLiteReportStore {
    public func domains(fromDay: Int64, untilDay: Int64) throws -> [DomainSpan] {
        try reading { db in
            // From the tallies (a row per domain, day, reporter and policy) through their day index,
            // not from every policy entry: every entry is in a tally of its day and domain.
            try Array(Row.fetchCursor(
                db,
                sql: """
                    SELECT tally_name.name, MIN(policy_tally.day), MAX(policy_tally.day)
                    FROM policy_tally JOIN tally_name ON tally_name.id = policy_tally.domain_id
                    WHERE policy_tally.day BETWEEN ? AND ? AND tally_name.name <> ''
                    GROUP BY policy_tally.domain_id ORDER BY tally_name.name
                    """,
                arguments: [fromDay, untilDay]
            ).map { DomainSpan(domain: $0.text(0), firstDay: $0[1], lastDay: $0[2]) })
        }
    }
}
