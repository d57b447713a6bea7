import Foundation
import GRDB

/// What `tlsrpt check-database` found: SQLite's own integrity check of the file, and the schema
/// compared with the one this build expects.
public struct DatabaseCheck: Sendable, Equatable {
    /// The database file.
    public var path: String
    /// The schema version the database records in an unbroken run from v1.
    public var recordedVersion: Int
    /// The schema version of this build.
    public var expectedVersion: Int
    /// What `PRAGMA integrity_check` reported (at most 100 lines); empty when the file is intact.
    public var integrityProblems: [String]
    /// Recorded versions this build does not know, gaps in the record, missing tables, indexes
    /// and columns; empty when the schema is the expected one.
    public var schemaProblems: [String]
    /// Objects beyond the expected schema (an index someone added): harmless, listed.
    public var extraObjects: [String]
    /// Whether the database holds no table at all: a file no writing command has set up yet (or
    /// one killed while it created the schema, which is then rolled back). Sound: the next
    /// writing command creates the schema.
    public var isEmpty = false

    /// Whether the file is intact and its schema is exactly what this build expects.
    public var isSound: Bool { integrityProblems.isEmpty && schemaProblems.isEmpty }
}

extension SQLiteReportStore {
    /// Checks the database at `path` without changing it: `PRAGMA integrity_check` (every page,
    /// index and constraint), the recorded schema versions and the tables, indexes and columns.
    /// A database of an older version is reported as such (its pending upgrade is a schema
    /// problem until a writing command runs it).
    /// - Throws: ``StoreError/cannotOpen(path:reason:)`` when the file does not exist or is not
    ///   a database SQLite can open at all.
    public static func check(path: String) throws -> DatabaseCheck {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError.cannotOpen(path: path, reason: "no such file")
        }
        let pool: DatabasePool
        do {
            pool = try openReadOnlyPool(path: path)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: String(describing: error))
        }
        var check = DatabaseCheck(
            path: path, recordedVersion: 0, expectedVersion: StoreMigrations.currentVersion, integrityProblems: [],
            schemaProblems: [], extraObjects: [])
        // Outside a transaction: the COMMIT of a read transaction on a damaged file fails too.
        try pool.unsafeRead { db in
            do {
                check.integrityProblems = Self.problems(try String.fetchAll(db, sql: "PRAGMA integrity_check(100)"))
            } catch let error as DatabaseError {
                // What the lighter check (no index contents) still finds.
                check.integrityProblems = ["the integrity check could not finish: \(error.message ?? "\(error.resultCode)")"]
                    + ((try? Self.problems(String.fetchAll(db, sql: "PRAGMA quick_check(100)"))) ?? [])
            }
            do {
                check.isEmpty = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'") == 0
                if check.isEmpty { return }
                let status = try StoreMigrations.status(db)
                check.recordedVersion = status.recordedVersion
                check.schemaProblems += status.unknown.map { "schema \"\($0)\" is not known to this tlsrpt (written by a newer one?)" }
                check.schemaProblems += status.gaps.map { "grdb_migrations lacks \"\($0)\" although later versions are recorded" }
                check.schemaProblems += status.pending.filter { !status.gaps.contains($0) }.map {
                    "schema \"\($0)\" is not applied yet (any writing command, e.g. tlsrpt ingest, applies it)"
                }
                if status.pending.isEmpty {
                    let comparison = try StoreSchema.comparison(with: db)
                    check.schemaProblems += comparison.problems
                    check.extraObjects = comparison.extras
                }
            } catch let error as DatabaseError {
                check.schemaProblems.append("the schema could not be read: \(error.message ?? "\(error.resultCode)")")
            }
        }
        return check
    }

    /// Runs `PRAGMA quick_check` (pages and records, not index contents: fast enough to run
    /// before every `reprocess`).
    /// - Throws: ``StoreError/damaged(path:problems:)`` when it finds anything.
    public func requireQuickCheck() throws {
        let problems: [String]
        do {
            problems = Self.problems(try writer.unsafeRead { db in try String.fetchAll(db, sql: "PRAGMA quick_check(100)") })
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            problems = [error.message ?? "database disk image is malformed"]
        }
        if !problems.isEmpty { throw StoreError.damaged(path: writer.path, problems: problems) }
    }

    /// The problems in the result rows of `integrity_check` or `quick_check`: one per line,
    /// without SQLite's `*** in database main ***` heading; none for `ok`.
    static func problems(_ rows: [String]) -> [String] {
        guard rows != ["ok"] else { return [] }
        return rows.flatMap { $0.split(separator: "\n").map(String.init) }.filter { !$0.hasPrefix("*** in database") }
    }

    /// A sentence to add to an error from SQLite that says the file is damaged, pointing to
    /// `tlsrpt check-database`; `nil` for any other error.
    public static func damageHint(for error: any Error) -> String? {
        guard let error = error as? DatabaseError, error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB else {
            return nil
        }
        return "the database file is damaged: run `tlsrpt check-database`, and restore it from a backup or ingest the originals into a new one"
    }
}
