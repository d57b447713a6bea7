import GRDB

/// The reads of the dashboard that the summaries do not already make.
extension SQLiteReportStore {
    public func report(ofInput id: Int64) throws -> StoredReport? {
        try reading { db in
            var found: StoredReport?
            try Self.readReports(db, whereClause: "WHERE report.input_id = ?", arguments: [id]) { found = $0 }
            return found
        }
    }

    public func reportHeadlines(domain: String, fromDay: Int64, untilDay: Int64, limit: Int) throws -> [ReportHeadline] {
        guard limit > 0 else { return [] }
        return try reading { db in
            // The newest entries straight from the policy(policy_domain, day) index, read backwards
            // (day, then storage order), without sorting the period: enough of them for `limit`
            // reports (a report has at most a few entries for one domain).
            var reportRows: [Int64] = []
            var seen = Set<Int64>()
            let newest = try Row.fetchCursor(
                db,
                sql: """
                    SELECT report_row FROM policy
                    WHERE policy_domain = ? AND day BETWEEN ? AND ?
                    ORDER BY day DESC, id DESC
                    """,
                arguments: [domain, fromDay, untilDay]
            )
            while reportRows.count < limit, let row = try newest.next() {
                let reportRow: Int64 = row[0]
                if seen.insert(reportRow).inserted { reportRows.append(reportRow) }
            }
            guard !reportRows.isEmpty else { return [] }
            // Per report, the entry with the most sessions counts (SessionCounting), the first on a tie.
            // `+policy.policy_domain`: without the `+`, SQLite picks policy(policy_domain, day) over
            // policy(report_row) and reads every entry of the domain (220 ms at a million reports,
            // against 1 ms).
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT report.id, report.input_id, report.organization_name, report.report_id, report.start_time,
                           report.end_time, policy.successful_sessions, policy.failed_sessions
                    FROM policy JOIN report ON report.id = policy.report_row
                    WHERE policy.report_row IN (\(SQLPlaceholders.list(reportRows.count))) AND +policy.policy_domain = ?
                    ORDER BY policy.report_row, policy.successful_sessions + policy.failed_sessions DESC, policy.position
                    """,
                arguments: StatementArguments(reportRows.map { $0 as any DatabaseValueConvertible } + [domain])
            )
            var byReport: [Int64: ReportHeadline] = [:]
            while let row = try rows.next() {
                let reportRow: Int64 = row[0]
                guard byReport[reportRow] == nil else { continue }
                byReport[reportRow] = ReportHeadline(
                    inputID: row[1], organizationName: row.text(2), reportID: row.text(3), startTime: row[4],
                    endTime: row[5], successfulSessions: row[6], failedSessions: row[7])
            }
            return reportRows.compactMap { byReport[$0] }
        }
    }
}
