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
}
