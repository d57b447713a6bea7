import Foundation
import GRDB

/// The embedded SQLite store (the default), built on GRDB over the system SQLite.
///
/// The database runs in WAL mode so reports and summaries can be read while a cron ingest writes.
/// An ingest writes several batches per transaction (``write(_:commit:)``): a crash or `kill -9`
/// loses at most the open transaction, whose files the ledger does not list yet, so rerunning
/// the same ingest completes it without duplicates.
public struct SQLiteReportStore: ReportStore {
    let writer: DatabasePool

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// - Throws: ``StoreError`` when the file cannot be created or opened.
    public init(path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw StoreError.cannotOpen(path: path, reason: error.localizedDescription)
            }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        // An ingest keeps its transaction open across several batches (see `write(_:commit:)`).
        configuration.allowsUnsafeTransactions = true
        configuration.prepareDatabase { db in
            // WAL with synchronous=NORMAL: a crash loses at most the last transactions, never
            // consistency. A 4 MiB page cache: the indexes of a long ingest outgrow any cache size
            // that keeps memory flat, and the system's file cache serves the misses. (Single runs of
            // 100,000 .json.gz reports were as fast with 8 MiB, whose peak memory grew 1.29x from
            // 10,000; Benchmarks/run.sh measures 1.16x with 4 MiB.)
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -4096")
        }
        do {
            writer = try DatabasePool(path: path, configuration: configuration)
            try StoreMigrations.migrator.migrate(writer)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: String(describing: error))
        }
    }

    public func seenFiles(inDirectory directory: String, named names: [String]) throws -> SeenFileIndex {
        // The hashes go in as one JSON array, whatever their number (SQLite limits parameters).
        let hashes = "[" + names.map { String(SeenFileIndex.nameHash($0)) }.joined(separator: ",") + "]"
        return try writer.read { db in
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
        try writer.read { db in
            let placeholders = Array(repeating: "?", count: statuses.count).joined(separator: ",")
            return try Self.storedInputs(
                db, where: "p.status IN (\(placeholders))", arguments: StatementArguments(statuses.map(\.rawValue)))
        }
    }

    public func input(withID id: Int64) throws -> StoredInput? {
        try writer.read { db in
            try Self.storedInputs(db, where: "p.id = ?", arguments: [id]).first
        }
    }

    /// The stored inputs that match `condition`, oldest first.
    private static func storedInputs(_ db: Database, where condition: String, arguments: StatementArguments) throws
        -> [StoredInput]
    {
        let rows = try Row.fetchAll(
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
        return rows.map { row in
            StoredInput(
                id: row["id"],
                status: InputStatus(rawValue: row["status"]) ?? .rejected,
                reason: row["reason"],
                provenance: provenance(from: row),
                originalSize: row["original_size"],
                keptAs: row["original_encoding"] == StoredOriginal.Encoding.reportDeflated.rawValue ? .reportJSON : .asReceived
            )
        }
    }

    public func original(ofInput id: Int64) throws -> [UInt8] {
        try writer.read { db in
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

    static func provenance(from row: Row) -> Provenance {
        Provenance(
            source: row["source"],
            messageID: row["message_id"],
            messageDate: row["message_date"],
            subject: row["subject"],
            reportDomainHeader: row["report_domain_header"],
            submitterHeader: row["submitter_header"],
            fileName: row["file_name"],
            receivedAt: row["received_at"],
            remoteAddress: row["remote_address"],
            userAgent: row["user_agent"]
        )
    }
}

/// Problems with the store itself (not with the reports in it).
public enum StoreError: Error, CustomStringConvertible, Sendable {
    /// The database file could not be created or opened.
    case cannotOpen(path: String, reason: String)
    /// No stored input has this id.
    case noSuchInput(Int64)
    /// The original of an input is stored in an encoding this version does not know (the
    /// database was written by a newer version).
    case unknownEncoding(input: Int64, encoding: Int64)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open the database \(path): \(reason)"
        case .noSuchInput(let id): "no stored input has the id \(id)"
        case .unknownEncoding(let id, let encoding):
            "input \(id) is stored in encoding \(encoding), which this version cannot read; upgrade tlsrpt"
        }
    }
}
