import GRDB
import GRDBSQLite

/// A text column read with its length, so a NUL inside it survives.
///
/// GRDB reads `String` columns as C strings (`String(cString:)`), which end at the first NUL: a
/// reporter's `"Same\u0000A"` and `"Same\u0000B"` were stored intact and read back as `"Same"`
/// for both. Every text the store reads back goes through this type instead; it is read from
/// statement-backed rows (cursors), since the rows GRDB copies have already cut the text.
struct StoredText: DatabaseValueConvertible, StatementColumnConvertible {
    var string: String

    init(_ string: String) {
        self.string = string
    }

    init(sqliteStatement: SQLiteStatement, index: CInt) {
        guard let text = sqlite3_column_text(sqliteStatement, index) else {
            string = ""
            return
        }
        let count = Int(sqlite3_column_bytes(sqliteStatement, index))
        string = String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    var databaseValue: DatabaseValue { string.databaseValue }

    static func fromDatabaseValue(_ databaseValue: DatabaseValue) -> StoredText? {
        switch databaseValue.storage {
        case .string(let string): StoredText(string)
        case .blob(let data): StoredText(String(decoding: data, as: UTF8.self))
        default: nil
        }
    }
}

extension Row {
    /// The whole text in column `index` (NUL included; see ``StoredText``).
    func text(_ index: Int) -> String { (self[index] as StoredText).string }

    /// The whole text in column `index`, or `nil` for NULL.
    func optionalText(_ index: Int) -> String? { (self[index] as StoredText?)?.string }

    /// The whole text in the column named `column`.
    func text(_ column: String) -> String { (self[column] as StoredText).string }

    /// The whole text in the column named `column`, or `nil` for NULL.
    func optionalText(_ column: String) -> String? { (self[column] as StoredText?)?.string }
}
