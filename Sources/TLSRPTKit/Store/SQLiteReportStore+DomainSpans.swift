import GRDB

extension SQLiteReportStore {
    public func domains(fromDay: Int64, untilDay: Int64) throws -> [DomainSpan] {
        try reading { db in
            // Uses the policy(day) index.
            try Array(Row.fetchCursor(
                db,
                sql: """
                    SELECT policy_domain, MIN(day), MAX(day) FROM policy
                    WHERE day BETWEEN ? AND ? AND policy_domain <> ''
                    GROUP BY policy_domain ORDER BY policy_domain
                    """,
                arguments: [fromDay, untilDay]
            ).map { DomainSpan(domain: $0.text(0), firstDay: $0[1], lastDay: $0[2]) })
        }
    }
}
