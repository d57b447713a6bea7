import GRDB

extension StoreMigrations {
    /// Migration v5: the IPv6 addresses of stored failure details in the RFC 5952 form the
    /// normaliser now writes (``IPAddressText``), so old and new reports group together.
    ///
    /// A report whose addresses change gets its fingerprint computed again, or the same file read
    /// again would be a conflict instead of a duplicate; a report without a report-id of its own
    /// gets the `x-tlsrpt-…` id the normaliser now gives it (and its key hash), or it would be
    /// stored a second time. Only reports with a colon in an address are read.
    static func normalizeStoredIPv6Addresses(_ db: Database) throws {
        var reportRows: [Int64] = []
        let candidates = try Row.fetchCursor(
            db,
            sql: """
                SELECT DISTINCT policy.report_row
                FROM failure_detail JOIN policy ON policy.id = failure_detail.policy_row
                WHERE instr(failure_detail.sending_mta_ip, ':') > 0 OR instr(failure_detail.receiving_ip, ':') > 0
                ORDER BY policy.report_row
                """)
        while let row = try candidates.next() { reportRows.append(row[0]) }
        for reportRow in reportRows {
            try renormalize(reportRow: reportRow, db)
        }
    }

    private static func renormalize(reportRow: Int64, _ db: Database) throws {
        guard let stored = try storedReport(reportRow, db) else { return }
        var report = stored.report
        var changed = false
        for (policyIndex, policy) in report.policies.enumerated() {
            for (detailIndex, detail) in policy.failureDetails.enumerated() {
                let sending = detail.sendingMTAIP.map(IPAddressText.normalized)
                let receiving = detail.receivingIP.map(IPAddressText.normalized)
                guard sending != detail.sendingMTAIP || receiving != detail.receivingIP else { continue }
                changed = true
                report.policies[policyIndex].failureDetails[detailIndex].sendingMTAIP = sending
                report.policies[policyIndex].failureDetails[detailIndex].receivingIP = receiving
                try db.execute(
                    sql: "UPDATE failure_detail SET sending_mta_ip = ?, receiving_ip = ? WHERE id = ?",
                    arguments: [sending, receiving, stored.detailRows[policyIndex][detailIndex]])
            }
        }
        guard changed else { return }
        // The normaliser names a report without a report-id after the fingerprint of its
        // content with an empty id.
        var withoutID = stored.report
        withoutID.reportID = ""
        if stored.report.reportID == "x-tlsrpt-" + String(withoutID.fingerprint, radix: 16) {
            report.reportID = ""
            report.reportID = "x-tlsrpt-" + String(report.fingerprint, radix: 16)
        }
        try db.execute(
            sql: "UPDATE report SET report_id = ?, fingerprint = ?, key_hash = ? WHERE id = ?",
            arguments: [
                report.reportID, Int64(bitPattern: report.fingerprint), Int64(bitPattern: report.keyHash), reportRow,
            ])
    }

    /// A stored report as the model has it, and the row ids of its failure details by policy.
    static func storedReport(_ reportRow: Int64, _ db: Database) throws -> (
        report: TLSReport, detailRows: [[Int64]]
    )? {
        let reports = try Row.fetchCursor(
            db,
            sql: "SELECT organization_name, report_id, contact_info, start_time, end_time FROM report WHERE id = ?",
            arguments: [reportRow])
        guard let row = try reports.next() else { return nil }
        var report = TLSReport(
            organizationName: row.text(0), reportID: row.text(1), contactInfo: row.optionalText(2), startTime: row[3],
            endTime: row[4], policies: [])
        var detailRows: [[Int64]] = []
        let policies = try Row.fetchCursor(
            db,
            sql: """
                SELECT policy.id, policy_type, policy_domain, policy_strings, mx_hosts, successful_sessions, failed_sessions
                FROM policy JOIN policy_text ON policy_text.id = policy.text_id
                WHERE report_row = ? ORDER BY position
                """,
            arguments: [reportRow])
        while let policyRow = try policies.next() {
            var policy = try SQLiteReportStore.policy(from: policyRow, startingAt: 1)
            var rows: [Int64] = []
            let details = try Row.fetchCursor(
                db,
                sql: """
                    SELECT id, \(SQLiteReportStore.failureDetailColumns)
                    FROM failure_detail WHERE policy_row = ? ORDER BY position
                    """,
                arguments: [policyRow[0] as Int64])
            while let detailRow = try details.next() {
                rows.append(detailRow[0])
                policy.failureDetails.append(SQLiteReportStore.failureDetail(from: detailRow, startingAt: 1))
            }
            report.policies.append(policy)
            detailRows.append(rows)
        }
        return (report, detailRows)
    }
}
