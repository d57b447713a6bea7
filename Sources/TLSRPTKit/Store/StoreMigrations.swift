import GRDB

/// The versioned schema of the SQLite store. Shipped migrations are never edited: add new ones.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: inputs, reports, policies, failure details, file ledger") { db in
            // Every input that held (or claimed to hold) a report: the original bytes and where
            // they came from. Duplicates are not stored again; rejects and conflicts are.
            try db.execute(
                sql: """
                    CREATE TABLE input (
                        id INTEGER PRIMARY KEY,
                        status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected', 'conflict', 'duplicate')),
                        reason TEXT,
                        source TEXT NOT NULL,
                        message_id TEXT,
                        message_date TEXT,
                        subject TEXT,
                        report_domain_header TEXT,
                        submitter_header TEXT,
                        file_name TEXT,
                        received_at INTEGER NOT NULL,
                        original BLOB NOT NULL,
                        original_size INTEGER NOT NULL,
                        original_gzipped_by_us INTEGER NOT NULL
                    );
                    CREATE INDEX input_status ON input(status);

                    CREATE TABLE report (
                        id INTEGER PRIMARY KEY,
                        input_id INTEGER NOT NULL REFERENCES input(id),
                        organization_name TEXT NOT NULL,
                        report_id TEXT NOT NULL,
                        contact_info TEXT,
                        start_time INTEGER NOT NULL,
                        end_time INTEGER NOT NULL,
                        day INTEGER NOT NULL,
                        fingerprint INTEGER NOT NULL,
                        UNIQUE (organization_name, report_id)
                    );
                    CREATE INDEX report_day ON report(day);
                    CREATE INDEX report_input ON report(input_id);

                    CREATE TABLE policy (
                        id INTEGER PRIMARY KEY,
                        report_row INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        policy_type TEXT NOT NULL,
                        policy_domain TEXT NOT NULL,
                        policy_strings TEXT NOT NULL,
                        mx_hosts TEXT NOT NULL,
                        mode TEXT,
                        max_age INTEGER,
                        successful_sessions INTEGER NOT NULL,
                        failed_sessions INTEGER NOT NULL,
                        day INTEGER NOT NULL
                    );
                    CREATE INDEX policy_domain_day ON policy(policy_domain, day);
                    CREATE INDEX policy_day ON policy(day);
                    CREATE INDEX policy_report ON policy(report_row);

                    CREATE TABLE failure_detail (
                        id INTEGER PRIMARY KEY,
                        policy_row INTEGER NOT NULL REFERENCES policy(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        result_type TEXT NOT NULL,
                        sending_mta_ip TEXT,
                        receiving_mx_hostname TEXT,
                        receiving_mx_helo TEXT,
                        receiving_ip TEXT,
                        failed_sessions INTEGER NOT NULL,
                        additional_information TEXT,
                        failure_reason_code TEXT
                    );
                    CREATE INDEX failure_detail_policy ON failure_detail(policy_row);

                    -- Files already ingested, so a cron run over a large Maildir skips them unread.
                    CREATE TABLE seen_file (
                        directory TEXT NOT NULL,
                        name TEXT NOT NULL,
                        device INTEGER NOT NULL,
                        inode INTEGER NOT NULL,
                        size INTEGER NOT NULL,
                        modified INTEGER NOT NULL,
                        resume_offset INTEGER NOT NULL,
                        PRIMARY KEY (directory, name)
                    ) WITHOUT ROWID;
                    """
            )
        }
        return migrator
    }
}
