import GRDB

/// The versioned schema of the SQLite store. Shipped migrations are never edited: add new ones.
///
/// Space matters (a year of reports for a hosting provider is millions of rows), so repeated text
/// is stored once: the folders inputs come from (`source_directory`) and the policy texts reporters
/// copy into every report (`policy_text`).
enum StoreMigrations {
    /// One schema version: the identifier GRDB's `grdb_migrations` table records, and its SQL.
    struct Migration: Sendable {
        /// `vN: what changed`; ``version`` is the `N`.
        var identifier: String
        var apply: @Sendable (Database) throws -> Void

        /// The `N` of `vN: …`, or `nil` for an identifier of another form.
        var version: Int? { StoreMigrations.version(of: identifier) }
    }

    /// Every schema version, oldest first.
    static let all: [Migration] = [
        Migration(identifier: "v1: inputs, reports, policies, failure details, file ledger") { db in
            try db.execute(
                sql: """
                    -- The folders inputs were read from, stored once.
                    CREATE TABLE source_directory (
                        id INTEGER PRIMARY KEY,
                        path TEXT NOT NULL UNIQUE
                    );

                    -- Every input that held (or claimed to hold) a report: the original bytes and where
                    -- they came from. Duplicates are not stored again; rejects and conflicts are.
                    CREATE TABLE input (
                        id INTEGER PRIMARY KEY,
                        status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected', 'conflict', 'duplicate')),
                        reason TEXT,
                        -- NULL for standard input; source_name is then '-'.
                        directory_id INTEGER REFERENCES source_directory(id),
                        -- The file name, with '#offset' for a message inside an mbox.
                        source_name TEXT NOT NULL,
                        -- The attachment's file name, when it is not source_name.
                        attachment_name TEXT,
                        message_id TEXT,
                        message_date TEXT,
                        subject TEXT,
                        report_domain_header TEXT,
                        submitter_header TEXT,
                        received_at INTEGER NOT NULL,
                        original BLOB NOT NULL,
                        original_size INTEGER NOT NULL,
                        original_gzipped_by_us INTEGER NOT NULL
                    );
                    CREATE INDEX input_not_accepted ON input(status) WHERE status <> 'accepted';

                    -- The provenance of an input as the library sees it.
                    CREATE VIEW input_provenance AS
                    SELECT input.id, input.status, input.reason, input.received_at, input.original_size,
                           CASE WHEN source_directory.path IS NULL THEN input.source_name
                                ELSE source_directory.path || '/' || input.source_name END AS source,
                           COALESCE(input.attachment_name,
                                    CASE WHEN input.directory_id IS NOT NULL AND instr(input.source_name, '#') = 0
                                         THEN input.source_name END) AS file_name,
                           input.message_id, input.message_date, input.subject, input.report_domain_header,
                           input.submitter_header
                    FROM input LEFT JOIN source_directory ON source_directory.id = input.directory_id;

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
                        -- FNV-1a of organization_name, NUL, report_id: what identifies a report. The
                        -- writer compares the names too, so a hash collision is harmless; the index is
                        -- a third of one on the two texts.
                        key_hash INTEGER NOT NULL
                    );
                    CREATE INDEX report_key ON report(key_hash);
                    CREATE INDEX report_day ON report(day);

                    -- Policy texts and MX patterns, stored once however many reports repeat them.
                    CREATE TABLE policy_text (
                        id INTEGER PRIMARY KEY,
                        hash INTEGER NOT NULL,
                        policy_strings TEXT NOT NULL,
                        mx_hosts TEXT NOT NULL
                    );
                    CREATE INDEX policy_text_hash ON policy_text(hash);

                    CREATE TABLE policy (
                        id INTEGER PRIMARY KEY,
                        report_row INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        policy_type TEXT NOT NULL,
                        policy_domain TEXT NOT NULL,
                        text_id INTEGER NOT NULL REFERENCES policy_text(id),
                        successful_sessions INTEGER NOT NULL,
                        failed_sessions INTEGER NOT NULL,
                        -- The report's day, repeated here so summaries use one index.
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
                        directory_id INTEGER NOT NULL REFERENCES source_directory(id),
                        -- FNV-1a of the file name; a collision would also need the same inode,
                        -- size and modification time to skip a file.
                        name_hash INTEGER NOT NULL,
                        device INTEGER NOT NULL,
                        inode INTEGER NOT NULL,
                        size INTEGER NOT NULL,
                        modified INTEGER NOT NULL,
                        resume_offset INTEGER NOT NULL,
                        PRIMARY KEY (directory_id, name_hash)
                    ) WITHOUT ROWID;
                    """
            )
        },
        Migration(identifier: "v2: originals compressed with a dictionary; no report(day) index") { db in
            try db.execute(
                sql: """
                    -- 0: as received, 1: gzip'd by us (the old column's 0 and 1), 2: the decoded report's
                    -- JSON as raw deflate primed with ReportDictionary.version1 (StoredOriginal).
                    ALTER TABLE input RENAME COLUMN original_gzipped_by_us TO original_encoding;
                    -- Every query by day goes through policy(day) or policy(policy_domain, day); this
                    -- index only cost space and writes.
                    DROP INDEX report_day;
                    """
            )
        },
        Migration(identifier: "v3: the remote address and User-Agent of reports received over HTTPS") { db in
            try db.execute(
                sql: """
                    ALTER TABLE input ADD COLUMN remote_address TEXT;
                    ALTER TABLE input ADD COLUMN user_agent TEXT;
                    DROP VIEW input_provenance;
                    CREATE VIEW input_provenance AS
                    SELECT input.id, input.status, input.reason, input.received_at, input.original_size,
                           CASE WHEN source_directory.path IS NULL THEN input.source_name
                                ELSE source_directory.path || '/' || input.source_name END AS source,
                           COALESCE(input.attachment_name,
                                    CASE WHEN input.directory_id IS NOT NULL AND instr(input.source_name, '#') = 0
                                         THEN input.source_name END) AS file_name,
                           input.message_id, input.message_date, input.subject, input.report_domain_header,
                           input.submitter_header, input.remote_address, input.user_agent
                    FROM input LEFT JOIN source_directory ON source_directory.id = input.directory_id;
                    """
            )
        },
        Migration(identifier: "v4: policies published for tlsrpt serve --host-policy, with their history") { db in
            try db.execute(
                sql: """
                    CREATE TABLE published_policy (
                        id INTEGER PRIMARY KEY,
                        domain TEXT NOT NULL,
                        mode TEXT NOT NULL,
                        -- The id of the _mta-sts TXT record published with it.
                        policy_id TEXT NOT NULL,
                        -- The file as served, CRLF line endings.
                        policy_text TEXT NOT NULL,
                        max_age INTEGER NOT NULL,
                        published_at INTEGER NOT NULL,
                        published_by TEXT NOT NULL
                    );
                    CREATE INDEX published_policy_domain ON published_policy(domain, published_at);
                    """
            )
        },
        Migration(identifier: "v5: rejects and conflicts looked up by source, so one read again is not stored twice") { db in
            try db.execute(
                sql: """
                    -- The writer looks for a reject or conflict with the same source and original
                    -- before storing one (ingest --rescan, reprocess): only inputs not accepted are
                    -- indexed, so this costs nothing per accepted report.
                    CREATE INDEX input_unaccepted_source ON input(source_name) WHERE status <> 'accepted';
                    """
            )
        },
        Migration(identifier: "v6: IPv6 addresses of failure details in RFC 5952 form") { db in
            try normalizeStoredIPv6Addresses(db)
        },
        Migration(identifier: "v7: the IMAP mailboxes tlsrpt fetch reads and the messages it finished") { db in
            try db.execute(
                sql: """
                    -- A mailbox as user@host/MAILBOX (IMAPMailboxURL.progressKey), with the UIDVALIDITY its UIDs belong to.
                    CREATE TABLE imap_mailbox (
                        id INTEGER PRIMARY KEY,
                        url TEXT NOT NULL UNIQUE,
                        uid_validity INTEGER NOT NULL
                    );
                    -- Messages whose reports are committed (or that hold none): a rerun skips them.
                    CREATE TABLE imap_finished_message (
                        mailbox_id INTEGER NOT NULL REFERENCES imap_mailbox(id),
                        uid INTEGER NOT NULL,
                        PRIMARY KEY (mailbox_id, uid)
                    ) WITHOUT ROWID;
                    """
            )
        },
        Migration(identifier: "v8: policy entries added up per domain, day, reporter and policy, for summaries and the dashboard") { db in
            try createPolicyTallies(db)
        },
    ]

    /// The schema version of this build (the last migration's `N`).
    static var currentVersion: Int { all.last?.version ?? 0 }

    /// The `N` of a `vN: …` migration identifier.
    static func version(of identifier: String) -> Int? {
        guard identifier.hasPrefix("v"), let colon = identifier.firstIndex(of: ":") else { return nil }
        return Int(identifier[identifier.index(after: identifier.startIndex)..<colon])
    }

    /// The same migrations as a GRDB migrator (for tests that build a database of an older version).
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in all {
            migrator.registerMigration(migration.identifier, migrate: migration.apply)
        }
        return migrator
    }
}
