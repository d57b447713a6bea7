import GRDB

extension SQLiteReportStore {
    /// Reads every report's policy entries and failure details in one pass of two cursors, both in
    /// report order, so memory holds one report at a time however large the store is.
    public func reportTotals() throws -> ReportTotals {
        try reading { db in
            var totals = ReportTotals()
            // LEFT JOIN: a report without policy entries is still a report of its organisation.
            let policies = try Row.fetchCursor(
                db,
                sql: """
                    SELECT report.id, report.organization_name, policy.id, policy.position, policy.policy_type,
                           policy.policy_domain, policy.successful_sessions, policy.failed_sessions
                    FROM report LEFT JOIN policy ON policy.report_row = report.id
                    ORDER BY report.id, policy.position
                    """
            )
            // CROSS JOIN keeps policy outside, read in report order from policy(report_row): no
            // sort of every failure detail. Their order within a report does not matter to sums.
            let details = try Row.fetchCursor(
                db,
                sql: """
                    SELECT policy.report_row, failure_detail.policy_row, failure_detail.result_type,
                           failure_detail.receiving_mx_hostname, failure_detail.failed_sessions
                    FROM policy CROSS JOIN failure_detail ON failure_detail.policy_row = policy.id
                    ORDER BY policy.report_row
                    """
            )
            var detail = try details.next()
            var report: (row: Int64, organization: String)?
            var entries: [PolicyRecord] = []
            var entryIndexByPolicyRow: [Int64: Int] = [:]

            /// Attaches the current report's failure details to its entries and counts it.
            func finishReport() throws {
                guard let report else { return }
                while let row = detail, (row[0] as Int64) <= report.row {
                    if (row[0] as Int64) == report.row, let index = entryIndexByPolicyRow[row[1]] {
                        entries[index].policy.failureDetails.append(
                            TLSReport.FailureDetail(
                                resultType: row.text(2), sendingMTAIP: nil, receivingMXHostname: row.optionalText(3),
                                receivingMXHelo: nil, receivingIP: nil, failedSessionCount: row[4],
                                additionalInformation: nil, failureReasonCode: nil))
                    }
                    detail = try details.next()
                }
                totals.addReport(organization: report.organization, entries: entries)
                entries.removeAll(keepingCapacity: true)
                entryIndexByPolicyRow.removeAll(keepingCapacity: true)
            }

            while let row = try policies.next() {
                let reportRow: Int64 = row[0]
                if report?.row != reportRow {
                    try finishReport()
                    report = (reportRow, row.text(1))
                }
                guard let policyRow = row[2] as Int64? else { continue }
                entryIndexByPolicyRow[policyRow] = entries.count
                // Only the domain and the counts decide which entry counts; the texts are not read.
                entries.append(
                    PolicyRecord(
                        reportRow: reportRow, position: row[3], organizationName: report?.organization ?? "", day: 0,
                        policy: TLSReport.Policy(
                            policyType: TLSReport.PolicyType(row.text(4)), policyDomain: row.text(5), policyStrings: [], mxHosts: [],
                            successfulSessionCount: row[6], failedSessionCount: row[7], failureDetails: [])))
            }
            try finishReport()

            // input_not_accepted covers this; reasons repeat, so they are counted once each.
            let rejects = try Row.fetchCursor(
                db, sql: "SELECT reason, COUNT(*) FROM input WHERE status = 'rejected' GROUP BY reason")
            while let row = try rejects.next() {
                totals.addRejections(ReportRejection.Kind(classifyingReason: row.optionalText(0)), count: row[1])
            }
            return totals
        }
    }
}
