import Foundation
import GRDB
import GRDBSQLite

/// The embedded SQLite store (the default), built on GRDB over the system SQLite.
///
/// The database runs in WAL mode so reports and summaries can be read while a cron ingest writes.
/// An ingest writes several batches per transaction (``ReportWriteSession``): a crash or `kill -9`
/// loses at most the open transaction, whose files the ledger does not list yet, so rerunning
/// the same ingest completes it without duplicates.
public struct SQLiteReportStore: ReportStore {
    /// A pool (WAL: readers beside one writer) for a file; a queue for an in-memory database.
    let writer: any DatabaseWriter
    /// The database file as given (`writer.path` may be a URI, see ``Access/readOnly``); empty
    /// for an in-memory database.
    let databasePath: String

    /// The database file and the journals SQLite keeps next to it.
    public var storageFiles: [String] {
        databasePath.isEmpty ? [] : ["", "-wal", "-shm", "-journal"].map { databasePath + $0 }
    }

    /// How a command uses the database.
    public enum Access: Sendable {
        /// Ingest and reprocess: the database is created if needed and brought to this build's
        /// schema.
        case readWrite
        /// Summaries, exports, listings: the database is opened read-only, so a user who may only
        /// read it can run them. A database that does not exist yet is created as for
        /// ``readWrite``; one of an older schema is upgraded first when it can be written.
        case readOnly
    }

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// Several processes may open a new database at once: the schema is created under an
    /// exclusive lock, and the switch to WAL mode is retried while another process holds the file.
    /// - Throws: ``StoreError`` when the file cannot be created or opened, was written by a newer
    ///   tlsrpt, or has a schema that differs from the one its recorded versions promise.
    public init(path: String, access: Access = .readWrite) throws {
        databasePath = path
        if access == .readOnly, FileManager.default.fileExists(atPath: path) {
            writer = try Self.openForReading(path: path)
        } else {
            writer = try Self.openForWriting(path: path)
        }
    }

    /// A store in memory, with this build's schema: for tests and throw-away analyses. It runs on
    /// one connection, so a transaction a ``ReportWriteSession`` left open is seen by its reads.
    public static func inMemory() throws -> SQLiteReportStore {
        try SQLiteReportStore(inMemory: ())
    }

    private init(inMemory: Void) throws {
        databasePath = ""
        do {
            let queue = try DatabaseQueue(configuration: Self.configuration(readOnly: false))
            try queue.writeWithoutTransaction { db in try StoreMigrations.migrate(db, path: ":memory:") }
            writer = queue
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: ":memory:", reason: String(describing: error))
        }
    }

    /// The settings every connection of the store uses.
    static func configuration(readOnly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(30)
        // A write session keeps its transaction open across several batches (`ReportWriteSession`).
        configuration.allowsUnsafeTransactions = true
        configuration.prepareDatabase { db in
            // WAL with synchronous=NORMAL: a crash loses at most the last transactions, never
            // consistency. A 4 MiB page cache: the indexes of a long ingest outgrow any cache size
            // that keeps memory flat, and the system's file cache serves the misses. (Single runs of
            // 100,000 .json.gz reports were as fast with 8 MiB, whose peak memory grew 1.29x from
            // 10,000; Benchmarks/run.sh measures 1.16x with 4 MiB.)
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            try db.execute(sql: "PRAGMA cache_size = -4096")
        }
        return configuration
    }

    private static func openForWriting(path: String) throws -> DatabasePool {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw StoreError.cannotOpen(path: path, reason: error.localizedDescription)
            }
        }
        do {
            // GRDB switches a new file to WAL mode here; SQLite answers "database is locked"
            // without waiting when another process is creating the same file.
            let pool = try Self.retryingWhileBusy { try DatabasePool(path: path, configuration: configuration(readOnly: false)) }
            let status = try pool.read { db in try StoreMigrations.status(db) }
            if status.isCurrent {
                try StoreMigrations.check(status, path: path)
                try Self.verifySchema(of: pool, path: path)
            } else {
                try StoreMigrations.check(status, path: path)
                try Self.retryingWhileBusy {
                    try pool.writeWithoutTransaction { db in try StoreMigrations.migrate(db, path: path) }
                }
            }
            return pool
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_PERM {
            // The same sentence whether SQLite finds out at the open or at the first write.
            throw StoreError.notWritable(path: path)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: String(describing: error))
        }
    }

    private static func openForReading(path: String) throws -> DatabasePool {
        let status: StoreMigrations.Status
        let pool: DatabasePool
        do {
            pool = try openReadOnlyPool(path: path)
            status = try pool.read { db in try StoreMigrations.status(db) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: path, reason: String(describing: error))
        }
        try StoreMigrations.check(status, path: path)
        if status.isCurrent {
            try verifySchema(of: pool, path: path)
            return pool
        }
        // An older schema: upgrade it if this user may, then read.
        do {
            _ = try openForWriting(path: path)
        } catch StoreError.cannotOpen(_, let reason) {
            throw StoreError.needsUpgrade(
                path: path, from: status.recordedVersion, to: StoreMigrations.currentVersion, reason: reason)
        }
        return try openForReading(path: path)
    }

    /// A read-only pool. A WAL database whose `-wal` and `-shm` files are gone (the last writer
    /// closed it) needs them created even to be read; a user who may not write the folder then
    /// reads the file as immutable (nothing is being written to it: there is no `-wal`).
    static func openReadOnlyPool(path: String) throws -> DatabasePool {
        let configuration = configuration(readOnly: true)
        do {
            let pool = try retryingWhileBusy { try DatabasePool(path: path, configuration: configuration) }
            try pool.read { db in try db.execute(sql: "SELECT 1 FROM sqlite_master LIMIT 1") }
            return pool
        } catch let error as DatabaseError
            where [.SQLITE_READONLY, .SQLITE_CANTOPEN].contains(error.resultCode)
            && !FileManager.default.fileExists(atPath: path + "-wal") && sqlite3_compileoption_used("USE_URI") == 1
        {
            var allowed = CharacterSet.urlPathAllowed
            allowed.remove(charactersIn: "?#%")
            let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
            let pool = try DatabasePool(path: "file:" + encoded + "?immutable=1", configuration: configuration)
            try pool.read { db in try db.execute(sql: "SELECT 1 FROM sqlite_master LIMIT 1") }
            return pool
        }
    }

    private static func verifySchema(of pool: DatabasePool, path: String) throws {
        let problems = try pool.read { db in try StoreSchema.comparison(with: db).problems }
        if !problems.isEmpty { throw StoreError.schemaMismatch(path: path, problems: problems) }
    }

    /// Runs `body` again while SQLite says the database is busy or locked: for the moments when
    /// another process creates, recovers or migrates the same file and SQLite does not wait for
    /// it (the busy timeout covers ordinary writes). About half a minute in all.
    static func retryingWhileBusy<Result>(_ body: () throws -> Result) throws -> Result {
        var attempt = 0
        while true {
            do {
                return try body()
            } catch let error as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) && attempt < 300 {
                attempt += 1
                // 1 to 100 ms, growing, with jitter so that processes that collided spread out.
                usleep(UInt32(1_000 * min(100, attempt * 5) + Int.random(in: 0..<1_000)))
            }
        }
    }

    public func seenFiles(inDirectory directory: String, named names: [String]) throws -> SeenFileIndex {
        // The hashes go in as one JSON array, whatever their number (SQLite limits parameters).
        let hashes = "[" + names.map { String(SeenFileIndex.nameHash($0)) }.joined(separator: ",") + "]"
        return try reading { db in
            var result = SeenFileIndex()
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT name_hash, device, inode, size, modified, resume_offset FROM seen_file
                    WHERE directory_id = (SELECT id FROM source_directory WHERE path = ?)
                      AND name_hash IN (SELECT value FROM json_each(?))
                    """,
                arguments: [directory, hashes]
            )
            while let row = try rows.next() {
                result.entries[row[0]] = FileIdentity(
                    device: UInt64(bitPattern: row[1]),
                    inode: UInt64(bitPattern: row[2]),
                    size: row[3],
                    modified: row[4],
                    resumeOffset: row[5]
                )
            }
            return result
        }
    }

    public func inputs(withStatus statuses: [InputStatus]) throws -> [StoredInput] {
        try reading { db in
            try Self.storedInputs(
                db, where: "p.status IN (\(SQLPlaceholders.list(statuses.count)))", arguments: StatementArguments(statuses.map(\.rawValue)))
        }
    }

    public func input(withID id: Int64) throws -> StoredInput? {
        try reading { db in
            try Self.storedInputs(db, where: "p.id = ?", arguments: [id]).first
        }
    }

    /// The stored inputs that match `condition`, oldest first.
    private static func storedInputs(_ db: Database, where condition: String, arguments: StatementArguments) throws
        -> [StoredInput]
    {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT p.id, p.status, p.reason, p.source, p.message_id, p.message_date, p.subject,
                       p.report_domain_header, p.submitter_header, p.file_name, p.received_at, p.original_size,
                       p.remote_address, p.user_agent, input.original_encoding
                FROM input_provenance AS p JOIN input ON input.id = p.id
                WHERE \(condition) ORDER BY p.id
                """,
            arguments: arguments
        )
        return try Array(
            rows.map { row in
                StoredInput(
                    id: row["id"],
                    status: InputStatus(rawValue: row.text("status")) ?? .rejected,
                    reason: row.optionalText("reason"),
                    provenance: provenance(from: row),
                    originalSize: row["original_size"],
                    keptAs: row["original_encoding"] == StoredOriginal.Encoding.reportDeflated.rawValue ? .reportJSON : .asReceived
                )
            })
    }

    public func original(ofInput id: Int64) throws -> [UInt8] {
        try reading { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT original, original_encoding FROM input WHERE id = ?", arguments: [id])
            else { throw StoreError.noSuchInput(id) }
            let bytes: Data = row[0]
            guard let encoding = StoredOriginal.Encoding(rawValue: row[1]) else {
                throw StoreError.unknownEncoding(input: id, encoding: row[1])
            }
            return try StoredOriginal(bytes: Array(bytes), encoding: encoding).restored()
        }
    }

    /// The provenance columns of a cursor's row (texts read whole, see ``StoredText``).
    static func provenance(from row: Row) -> Provenance {
        Provenance(
            source: row.text("source"),
            messageID: row.optionalText("message_id"),
            messageDate: row.optionalText("message_date"),
            subject: row.optionalText("subject"),
            reportDomainHeader: row.optionalText("report_domain_header"),
            submitterHeader: row.optionalText("submitter_header"),
            fileName: row.optionalText("file_name"),
            receivedAt: row["received_at"],
            remoteAddress: row.optionalText("remote_address"),
            userAgent: row.optionalText("user_agent")
        )
    }
}

/// Problems with the store itself (not with the reports in it).
public enum StoreError: Error, CustomStringConvertible, Sendable {
    /// The database file could not be created or opened.
    case cannotOpen(path: String, reason: String)
    /// The database records schema versions this build does not know: a newer tlsrpt wrote it.
    case newerSchema(path: String, recorded: [String], knownVersion: Int)
    /// The database's schema is not the one its recorded versions promise (changed outside tlsrpt).
    case schemaMismatch(path: String, problems: [String])
    /// Bringing the database from one schema version to the next failed.
    case migrationFailed(path: String, from: Int, to: Int, reason: String)
    /// The database has an older schema and this user may not write it to upgrade it.
    case needsUpgrade(path: String, from: Int, to: Int, reason: String)
    /// No stored input has this id.
    case noSuchInput(Int64)
    /// The original of an input is stored in an encoding this version does not know (the
    /// database was written by a newer version).
    case unknownEncoding(input: Int64, encoding: Int64)
    /// SQLite's `quick_check` found the file damaged, or SQLite found it damaged while using it.
    case damaged(path: String, problems: [String])
    /// The database could not grow: the disk, a quota or a file size limit is full. The write
    /// in progress was rolled back; what was committed before stays.
    case full(path: String)
    /// Another process held the database locked longer than the busy timeout allows.
    case locked(path: String)
    /// The database, its journal or its folder cannot be written by this user.
    case notWritable(path: String)
    /// Reading or writing the file failed (a failing disk, a file size limit, a removed mount).
    case ioFailure(path: String, reason: String)
    /// Any other failure SQLite reported; its own words.
    case failed(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open the database \(path): \(reason)"
        case .newerSchema(let path, let recorded, let known):
            "the database \(path) was written by a newer tlsrpt: it has schema "
                + recorded.map { "\"\($0)\"" }.joined(separator: ", ")
                + ", and this tlsrpt knows schema versions up to v\(known); upgrade tlsrpt (nothing was written)"
        case .schemaMismatch(let path, let problems):
            "the database \(path) does not have the schema its recorded version promises (changed outside tlsrpt?): "
                + problems.joined(separator: "; ") + "; nothing was written"
        case .migrationFailed(let path, let from, let to, let reason):
            "cannot upgrade the database \(path) from schema v\(from) to v\(to): \(reason); its schema does not match "
                + "its recorded version (changed outside tlsrpt?); nothing was written"
        case .needsUpgrade(let path, let from, let to, let reason):
            "the database \(path) has schema v\(from) and this tlsrpt needs v\(to); upgrading it needs write access "
                + "(\(reason)): run `tlsrpt ingest` once as a user who may write it"
        case .noSuchInput(let id): "no stored input has the id \(id)"
        case .unknownEncoding(let id, let encoding):
            "input \(id) is stored in encoding \(encoding), which this version cannot read; upgrade tlsrpt"
        case .full(let path):
            "cannot write the database \(path): the disk (or a quota or file size limit) is full; the write in progress "
                + "was rolled back and nothing committed before is lost: free space and run the command again"
        case .locked(let path):
            "the database \(path) stayed locked by another process; nothing was lost: run the command again"
        case .notWritable(let path):
            "cannot write the database \(path): it, its -wal or -shm file, or its folder is read-only for this user"
        case .ioFailure(let path, let reason):
            "reading or writing the database \(path) failed (\(reason)): a full disk, a file size limit or a failing disk; "
                + "the write in progress was rolled back"
        case .failed(let path, let reason): "the database \(path) failed: \(reason)"
        case .damaged(let path, let problems):
            "the database \(path) is damaged (" + problems.prefix(3).joined(separator: "; ")
                + (problems.count > 3 ? "; …" : "") + "): run `tlsrpt check-database`; nothing was written"
        }
    }
}
