import GRDB

extension SQLiteReportStore {
    /// Reads the counted policy tallies (``PolicyTally/isCounted``: the counting rules are applied
    /// when they are written) with their failure details, and counts the reports of each
    /// organisation: a few hundred thousand rows at most, however many reports the store holds.
    public func reportTotals() throws -> ReportTotals {
        try reading { db in
            var totals = ReportTotals()
            var names: [Int64: String] = [:]
            let nameRows = try Row.fetchCursor(db, sql: "SELECT id, name FROM tally_name")
            while let row = try nameRows.next() { names[row[0]] = row.text(1) }

            let tallies = try Row.fetchCursor(
                db, sql: "SELECT domain_id, successful_sessions, failed_sessions FROM policy_tally WHERE is_counted = 1")
            while let row = try tallies.next() {
                totals.addSessions(domain: names[row[0]] ?? "", successful: row[1], failed: row[2])
            }
            let failures = try Row.fetchCursor(
                db,
                sql: """
                    SELECT policy_tally.domain_id, policy_tally_failure.result_type,
                           policy_tally_failure.receiving_mx_hostname, policy_tally_failure.failed_sessions
                    FROM policy_tally JOIN policy_tally_failure ON policy_tally_failure.tally_id = policy_tally.id
                    WHERE policy_tally.is_counted = 1
                    """)
            while let row = try failures.next() {
                totals.addFailedSessions(
                    ReportTotals.FailureKey(domain: names[row[0]] ?? "", resultType: row.text(1), mxHost: row.optionalText(2)),
                    count: row[3])
            }
            // Every report, with policy entries or not, is a report of its organisation.
            let organizations = try Row.fetchCursor(db, sql: "SELECT organization_name, COUNT(*) FROM report GROUP BY organization_name")
            while let row = try organizations.next() {
                totals.reportsByOrganization[row.text(0), default: 0].addSaturated(row[1])
            }

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
