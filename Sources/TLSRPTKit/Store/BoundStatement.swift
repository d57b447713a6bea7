import GRDB
import GRDBSQLite

/// Binds and steps one of GRDB's cached statements through the SQLite C API.
///
/// Used only for the inserts and look-ups of the ingest hot path and for the tallies an analysis
/// reads (``rows(_:)``): GRDB's `StatementArguments` (an array of existentials per row) and
/// `Row` cost more than SQLite's own work there. Everything still runs inside GRDB's
/// transaction, on GRDB's connection.
struct BoundStatement {
    private let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }
    private var position: Int32 = 0

    /// SQLite copies bound text and blobs (the C macro `SQLITE_TRANSIENT`).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ statement: Statement) {
        self.statement = statement
        sqlite3_reset(statement.sqliteStatement)
        sqlite3_clear_bindings(statement.sqliteStatement)
    }

    mutating func bind(_ value: Int64) {
        position += 1
        sqlite3_bind_int64(handle, position, value)
    }

    mutating func bind(_ value: Int64?) {
        guard let value else { return bindNull() }
        bind(value)
    }

    mutating func bind(_ value: String?) {
        guard var value else { return bindNull() }
        position += 1
        let handle = handle, position = position
        value.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                if let base = characters.baseAddress, !characters.isEmpty {
                    _ = sqlite3_bind_text(handle, position, base, Int32(characters.count), Self.transient)
                } else {
                    _ = sqlite3_bind_text(handle, position, "", 0, Self.transient)
                }
            }
        }
    }

    mutating func bind(_ value: [UInt8]) {
        position += 1
        let handle = handle, position = position
        value.withUnsafeBytes { buffer in
            _ = sqlite3_bind_blob(handle, position, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(buffer.count), Self.transient)
        }
    }

    mutating func bindNull() {
        position += 1
        sqlite3_bind_null(handle, position)
    }

    /// Runs a statement that returns no rows.
    func execute() throws {
        defer { sqlite3_reset(handle) }
        let status = sqlite3_step(handle)
        guard status == SQLITE_DONE else { throw error(status) }
    }

    /// Runs a query and returns the integer columns of its first row, or `nil` when it has none.
    func firstRow(columns: Int32) throws -> [Int64]? {
        defer { sqlite3_reset(handle) }
        let status = sqlite3_step(handle)
        switch status {
        case SQLITE_ROW: return (0..<columns).map { sqlite3_column_int64(handle, $0) }
        case SQLITE_DONE: return nil
        default: throw error(status)
        }
    }

    /// Runs a query and calls `body` with each of its rows.
    func rows(_ body: (Columns) throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        while true {
            let status = sqlite3_step(handle)
            switch status {
            case SQLITE_ROW: try body(Columns(handle: handle))
            case SQLITE_DONE: return
            default: throw error(status)
            }
        }
    }

    /// The columns of the row a query stands on, valid only inside ``rows(_:)``'s body.
    struct Columns {
        fileprivate let handle: OpaquePointer

        func integer(_ column: Int32) -> Int64 {
            sqlite3_column_int64(handle, column)
        }

        /// The column's text; a NULL reads as the empty string.
        func text(_ column: Int32) -> String {
            optionalText(column) ?? ""
        }

        /// The column's text, or `nil` for NULL: whole, NUL included (``StoredText``).
        func optionalText(_ column: Int32) -> String? {
            guard sqlite3_column_type(handle, column) != SQLITE_NULL else { return nil }
            return StoredText(sqliteStatement: handle, index: column).string
        }
    }

    private func error(_ status: Int32) -> DatabaseError {
        let message = sqlite3_db_handle(handle).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: status), message: message, sql: statement.sql)
    }
}
