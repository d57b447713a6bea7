import Foundation
import GRDB

/// Direct changes to a tlsrpt database, to set up what an older, newer or damaged build left
/// behind. Tests then check what the built binary makes of it.
enum DatabaseSurgery {
    /// Runs `sql` on the database at `path` (in WAL mode, as tlsrpt leaves it).
    static func execute(_ sql: String, in path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { try $0.execute(sql: sql) }
        try queue.close()
    }

    /// The integer the query's first row and column holds.
    static func integer(_ sql: String, in path: String) throws -> Int64? {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { try Int64.fetchOne($0, sql: sql) }
    }

    /// The text the query's first row and column holds.
    static func text(_ sql: String, in path: String) throws -> String? {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { try String.fetchOne($0, sql: sql) }
    }

    /// Overwrites bytes of the root page of the table or index `name`, as a failing disk would:
    /// `damage` gets the page and changes it. The write-ahead log is checkpointed into the file first.
    static func damageRootPage(of name: String, in path: String, _ damage: (inout [UInt8]) -> Void) throws {
        let queue = try DatabaseQueue(path: path)
        let (rootPage, pageSize) = try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            return (
                try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = ?", arguments: [name])!,
                try Int.fetchOne(db, sql: "PRAGMA page_size")!
            )
        }
        try queue.close()
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let offset = UInt64((rootPage - 1) * pageSize)
        try handle.seek(toOffset: offset)
        var page = [UInt8](try handle.read(upToCount: pageSize) ?? Data())
        damage(&page)
        try handle.seek(toOffset: offset)
        try handle.write(contentsOf: Data(page))
    }
}
