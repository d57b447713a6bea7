import GRDB

/// Reading which schema versions a database records, and bringing it to this build's version.
///
/// GRDB's own migrator runs each migration in a transaction of its own, after deciding what to
/// run outside of them: two processes opening a new database at once both decided to run v1, and
/// the second failed ("table source_directory already exists"). Here the decision and every
/// migration run in one `BEGIN IMMEDIATE` transaction, so the processes take turns and the
/// later one finds the work done. The `grdb_migrations` table keeps the format GRDB gave it.
extension StoreMigrations {
    /// What a database records of its schema, compared with this build's migrations.
    struct Status: Sendable, Equatable {
        /// Identifiers recorded in `grdb_migrations`, in this build's order, then unknown ones.
        var recorded: [String]
        /// This build's migrations the database does not record, oldest first.
        var pending: [String]
        /// Recorded identifiers this build does not know: a newer (or different) tlsrpt wrote them.
        var unknown: [String]
        /// Pending migrations older than a recorded one: the record was changed outside tlsrpt.
        var gaps: [String]

        /// The newest of this build's versions the database records in an unbroken run from v1.
        var recordedVersion: Int {
            var version = 0
            for migration in StoreMigrations.all where recorded.contains(migration.identifier) {
                guard let next = migration.version, !gaps.contains(migration.identifier) else { break }
                version = next
            }
            return version
        }

        /// Whether nothing needs doing and nothing is wrong.
        var isCurrent: Bool { pending.isEmpty && unknown.isEmpty }
    }

    /// The schema versions the database records (none for a new, empty file).
    static func status(_ db: Database) throws -> Status {
        let recorded: Set<String>
        if try db.tableExists("grdb_migrations") {
            recorded = try String.fetchSet(db, sql: "SELECT identifier FROM grdb_migrations")
        } else {
            recorded = []
        }
        let known = all.map(\.identifier)
        let pending = known.filter { !recorded.contains($0) }
        let lastRecorded = known.lastIndex { recorded.contains($0) } ?? -1
        return Status(
            recorded: known.filter(recorded.contains) + recorded.subtracting(known).sorted(),
            pending: pending,
            unknown: recorded.subtracting(known).sorted(),
            gaps: known.prefix(lastRecorded + 1).filter { !recorded.contains($0) }
        )
    }

    /// Throws when the recorded versions are not a prefix of this build's: a newer tlsrpt's
    /// database, or a record changed by hand.
    static func check(_ status: Status, path: String) throws {
        if !status.unknown.isEmpty {
            throw StoreError.newerSchema(path: path, recorded: status.unknown, knownVersion: currentVersion)
        }
        if !status.gaps.isEmpty {
            throw StoreError.schemaMismatch(
                path: path,
                problems: status.gaps.map { "grdb_migrations lacks \"\($0)\" although later versions are recorded" })
        }
    }

    /// Brings the database to this build's schema inside one immediate transaction, then checks
    /// that the schema is what the recorded versions say.
    /// - Throws: ``StoreError`` for a newer or altered database or a migration that failed; a
    ///   `DatabaseError` with `SQLITE_BUSY` when the lock could not be taken in time.
    static func migrate(_ db: Database, path: String) throws {
        try db.inTransaction(.immediate) {
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            let status = try status(db)
            try check(status, path: path)
            for migration in all where status.pending.contains(migration.identifier) {
                do {
                    try migration.apply(db)
                } catch {
                    throw StoreError.migrationFailed(
                        path: path, from: status.recordedVersion, to: migration.version ?? 0,
                        reason: (error as? DatabaseError)?.message ?? String(describing: error))
                }
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [migration.identifier])
            }
            let problems = try StoreSchema.comparison(with: db).problems
            if !problems.isEmpty { throw StoreError.schemaMismatch(path: path, problems: problems) }
            return .commit
        }
    }
}
