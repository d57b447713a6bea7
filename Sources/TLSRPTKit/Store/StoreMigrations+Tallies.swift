import GRDB

extension StoreMigrations {
    /// Migration v8: the `policy_tally` tables (``PolicyTally``), filled from the reports already
    /// stored. The writer adds to them in the transaction that stores each batch.
    ///
    /// Filling them reads every stored report once, in storage order (about two minutes for a
    /// million reports), so tally row ids follow the reports' order as they do for new ones.
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
        var writer = PolicyTallyWriter()
        var pendingReports = 0
        let reportRows = try Int64.fetchCursor(db, sql: "SELECT id FROM report ORDER BY id")
        let textIDs = try db.makeStatement(sql: "SELECT text_id FROM policy WHERE report_row = ? ORDER BY position")
        while let reportRow = try reportRows.next() {
            guard let stored = try storedReport(reportRow, db) else { continue }
            writer.add(
                PolicyTally.tallies(of: stored.report), ofReport: reportRow,
                textIDs: try Int64.fetchAll(textIDs, arguments: [reportRow]))
            pendingReports += 1
            if pendingReports == 10_000 {
                try writer.flush(db)
                pendingReports = 0
            }
        }
        try writer.flush(db)
    }
}
