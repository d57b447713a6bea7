import Foundation
import GRDB

extension SQLiteReportStore {
    public func forEachReport(matching filter: ReportFilter, _ body: (StoredReport) throws -> Void) throws {
        try reading { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if !filter.domains.isEmpty {
                // Through policy's (policy_domain, day) index.
                var policyConditions = ["policy_domain IN (\(SQLPlaceholders.list(filter.domains.count)))"]
                arguments.append(contentsOf: filter.domains as [any DatabaseValueConvertible])
                if let since = filter.sinceDay {
                    policyConditions.append("day >= ?")
                    arguments.append(since)
                }
                if let until = filter.untilDay {
                    policyConditions.append("day <= ?")
                    arguments.append(until)
                }
                conditions.append("report.id IN (SELECT report_row FROM policy WHERE \(policyConditions.joined(separator: " AND ")))")
            } else {
                // A scan of the reports (no index on report.day): this is a bulk export anyway, and
                // a report without policies has a day too.
                if let since = filter.sinceDay {
                    conditions.append("report.day >= ?")
                    arguments.append(since)
                }
                if let until = filter.untilDay {
                    conditions.append("report.day <= ?")
                    arguments.append(until)
                }
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            try Self.readReports(db, whereClause: whereClause, arguments: arguments, body)
        }
    }

    /// Calls `body` with every report the `WHERE` clause selects (on `report` joined with
    /// `input_provenance`), whole, ordered by start time.
    static func readReports(
        _ db: Database, whereClause: String, arguments: [any DatabaseValueConvertible], _ body: (StoredReport) throws -> Void
    ) throws {
        do {
            let reports = try Row.fetchCursor(
                db,
                sql: """
                    SELECT report.id AS row_id, organization_name, report_id, contact_info, start_time, end_time,
                           input_id, source, message_id, message_date, subject, report_domain_header,
                           submitter_header, file_name, received_at, remote_address, user_agent
                    FROM report JOIN input_provenance ON input_provenance.id = report.input_id
                    \(whereClause)
                    ORDER BY start_time, report.id
                    """,
                arguments: StatementArguments(arguments)
            )
            let policyStatement = try db.cachedStatement(
                sql: """
                    SELECT policy.id, policy_type, policy_domain, policy_strings, mx_hosts, successful_sessions,
                           failed_sessions
                    FROM policy JOIN policy_text ON policy_text.id = policy.text_id
                    WHERE report_row = ? ORDER BY position
                    """
            )
            let detailStatement = try db.cachedStatement(
                sql: "SELECT \(Self.failureDetailColumns) FROM failure_detail WHERE policy_row = ? ORDER BY position"
            )
            while let row = try reports.next() {
                var policies: [TLSReport.Policy] = []
                // Cursors, not copied rows: texts are read whole (see StoredText).
                let policyRows = try Row.fetchCursor(policyStatement, arguments: [row["row_id"] as Int64])
                while let policyRow = try policyRows.next() {
                    var policy = try Self.policy(from: policyRow, startingAt: 1)
                    let detailRows = try Row.fetchCursor(detailStatement, arguments: [policyRow[0] as Int64])
                    while let detailRow = try detailRows.next() {
                        policy.failureDetails.append(Self.failureDetail(from: detailRow, startingAt: 0))
                    }
                    policies.append(policy)
                }
                let report = TLSReport(
                    organizationName: row.text("organization_name"),
                    reportID: row.text("report_id"),
                    contactInfo: row.optionalText("contact_info"),
                    startTime: row["start_time"],
                    endTime: row["end_time"],
                    policies: policies
                )
                try body(StoredReport(report: report, provenance: Self.provenance(from: row), inputID: row["input_id"]))
            }
        }
    }
}
