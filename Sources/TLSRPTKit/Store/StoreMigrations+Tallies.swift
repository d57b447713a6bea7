import GRDB

extension StoreMigrations {
    /// Migration v8: the `policy_tally` tables (``PolicyTally``), filled from the reports already
    /// stored. The writer adds to them in the transaction that stores each batch.
    ///
    /// Filling them reads every stored report once, in storage order (7 s for a million reports),
    /// so tally row ids follow the reports' order as they do for new ones.
    static func createPolicyTallies(_ db: Database) throws {
        try db.execute(
            sql: """
                -- The policy domains and organisation names of tallies, stored once: a tally and its key
                -- are then a few integers (a tally per report when reporters send one a day).
                CREATE TABLE tally_name (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE
                );

                -- Policy entries of one domain, day, organisation, type and policy text that count alike
                -- (PolicyTally): what summaries, readiness and the dashboard read.
                CREATE TABLE policy_tally (
                    id INTEGER PRIMARY KEY,
                    domain_id INTEGER NOT NULL REFERENCES tally_name(id),
                    day INTEGER NOT NULL,
                    organization_id INTEGER NOT NULL REFERENCES tally_name(id),
                    policy_type TEXT NOT NULL,
                    text_id INTEGER NOT NULL REFERENCES policy_text(id),
                    -- 1: the entries count towards domain totals (one per report and domain).
                    is_counted INTEGER NOT NULL,
                    -- 1: tlsa entries of reports that also list an sts entry for the domain.
                    accompanies_sts INTEGER NOT NULL,
                    entries INTEGER NOT NULL,
                    reports INTEGER NOT NULL,
                    successful_sessions INTEGER NOT NULL,
                    failed_sessions INTEGER NOT NULL,
                    disagreeing_entries INTEGER NOT NULL,
                    latest_end_time INTEGER NOT NULL,
                    -- report.id of the latest report (by end time, then id): PolicyTally.order.
                    latest_report_row INTEGER NOT NULL
                );
                CREATE UNIQUE INDEX policy_tally_key ON policy_tally(
                    domain_id, day, organization_id, policy_type, text_id, is_counted, accompanies_sts);
                -- Queries over every domain.
                CREATE INDEX policy_tally_day ON policy_tally(day);

                -- The failure details of a tally's entries, merged by result type, sending IP and MX host.
                -- The index covers the count: a month of a big domain reads a hundred thousand.
                CREATE TABLE policy_tally_failure (
                    tally_id INTEGER NOT NULL REFERENCES policy_tally(id),
                    result_type TEXT NOT NULL,
                    sending_mta_ip TEXT,
                    receiving_mx_hostname TEXT,
                    failed_sessions INTEGER NOT NULL
                );
                CREATE INDEX policy_tally_failure_key ON policy_tally_failure(
                    tally_id, result_type, sending_mta_ip, receiving_mx_hostname, failed_sessions);
                """)
        try fillPolicyTallies(db)
    }

    /// Adds up the stored reports into the empty tally tables, in one pass in storage order: the
    /// reports with their policy entries, and beside them, on a second cursor also in report
    /// order, their failure details. One report is in memory at a time, and only the fields the
    /// tallies need are read (the policy texts once each).
    private static func fillPolicyTallies(_ db: Database) throws {
        let entries = try Row.fetchCursor(
            db,
            sql: """
                SELECT report.id, report.organization_name, report.start_time, report.end_time, policy.id, policy.position,
                       policy.policy_type, policy.policy_domain, policy.text_id, policy.successful_sessions,
                       policy.failed_sessions
                FROM report CROSS JOIN policy ON policy.report_row = report.id
                ORDER BY report.id, policy.id
                """)
        // CROSS JOIN keeps policy outside, read in report order from policy(report_row): no sort.
        // The order of a report's details does not matter: tallies merge them by key.
        let details = try Row.fetchCursor(
            db,
            sql: """
                SELECT policy.report_row, failure_detail.policy_row, failure_detail.result_type,
                       failure_detail.sending_mta_ip, failure_detail.receiving_mx_hostname, failure_detail.failed_sessions
                FROM policy CROSS JOIN failure_detail ON failure_detail.policy_row = policy.id
                ORDER BY policy.report_row
                """)
        let textStatement = try db.makeStatement(sql: "SELECT policy_strings, mx_hosts FROM policy_text WHERE id = ?")
        var texts: [Int64: (strings: [String], hosts: [String])] = [:]
        var writer = PolicyTallyWriter()
        var pendingReports = 0
        var detail = try details.next()
        /// The report being read: its row, the report, and per entry (by position) its row and text id.
        var current: (row: Int64, report: TLSReport, entries: [(position: Int64, policyRow: Int64, textID: Int64)])?

        func finishReport() throws {
            guard let (reportRow, unordered, listed) = current else { return }
            current = nil
            // Entries by position, as the report listed them (rows are in storage order already).
            let order = listed.indices.sorted { listed[$0].position < listed[$1].position }
            var report = unordered
            report.policies = order.map { unordered.policies[$0] }
            let rows = order.map { listed[$0] }
            while let row = detail, (row[0] as Int64) <= reportRow {
                if (row[0] as Int64) == reportRow, let index = rows.firstIndex(where: { $0.policyRow == row[1] }) {
                    report.policies[index].failureDetails.append(
                        TLSReport.FailureDetail(
                            resultType: row.text(2), sendingMTAIP: row.optionalText(3), receivingMXHostname: row.optionalText(4),
                            receivingMXHelo: nil, receivingIP: nil, failedSessionCount: row[5], additionalInformation: nil,
                            failureReasonCode: nil))
                }
                detail = try details.next()
            }
            writer.add(PolicyTally.tallies(of: report), ofReport: reportRow, textIDs: rows.map(\.textID))
            pendingReports += 1
            if pendingReports == 10_000 {
                try writer.flush(db)
                pendingReports = 0
            }
        }

        while let row = try entries.next() {
            let reportRow: Int64 = row[0]
            if current?.row != reportRow {
                try finishReport()
                current = (
                    reportRow,
                    TLSReport(
                        organizationName: row.text(1), reportID: "", contactInfo: nil, startTime: row[2], endTime: row[3],
                        policies: []),
                    []
                )
            }
            let textID: Int64 = row[8]
            if texts[textID] == nil, let text = try Row.fetchOne(textStatement, arguments: [textID]) {
                texts[textID] = (try SQLiteReportStore.stringArray(text.text(0)), try SQLiteReportStore.stringArray(text.text(1)))
            }
            current?.report.policies.append(
                TLSReport.Policy(
                    policyType: TLSReport.PolicyType(row.text(6)), policyDomain: row.text(7),
                    policyStrings: texts[textID]?.strings ?? [], mxHosts: texts[textID]?.hosts ?? [],
                    successfulSessionCount: row[9], failedSessionCount: row[10], failureDetails: []))
            current?.entries.append((row[5], row[4], textID))
        }
        try finishReport()
        try writer.flush(db)
    }
}
