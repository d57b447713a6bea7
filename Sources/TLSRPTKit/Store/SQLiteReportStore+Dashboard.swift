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
            // Through policy(policy_domain, day); per report, the entry with the most sessions
            // counts (SessionCounting), the first one on a tie.
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT report.input_id, report.organization_name, report.report_id, report.start_time,
                           report.end_time, policy.successful_sessions, policy.failed_sessions
                    FROM policy JOIN report ON report.id = policy.report_row
                    WHERE policy.policy_domain = ? AND policy.day BETWEEN ? AND ?
                      AND policy.id = (
                        SELECT counted.id FROM policy AS counted
                        WHERE counted.report_row = policy.report_row AND counted.policy_domain = policy.policy_domain
                        ORDER BY counted.successful_sessions + counted.failed_sessions DESC, counted.position
                        LIMIT 1)
                    ORDER BY report.start_time DESC, report.id DESC
                    LIMIT ?
                    """,
                arguments: [domain, fromDay, untilDay, limit]
            )
            var headlines: [ReportHeadline] = []
            while let row = try rows.next() {
                headlines.append(
                    ReportHeadline(
                        inputID: row[0], organizationName: row.text(1), reportID: row.text(2), startTime: row[3],
                        endTime: row[4], successfulSessions: row[5], failedSessions: row[6]))
            }
            return headlines
        }
    }
}
