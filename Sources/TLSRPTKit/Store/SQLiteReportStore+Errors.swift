import GRDB

/// Every call into the database goes through these, so that what the store's protocols throw is
/// a ``StoreError`` that says what happened, never a GRDB `DatabaseError`: a second backend
/// throws the same errors, and the callers need no SQLite result codes.
extension SQLiteReportStore {
    /// `writer.read`, its SQLite errors as ``StoreError``.
    func reading<Result>(_ body: (Database) throws -> Result) throws -> Result {
        do {
            return try writer.read(body)
        } catch {
            throw Self.storeError(for: error, path: writer.path)
        }
    }

    /// `writer.write` (one transaction), its SQLite errors as ``StoreError``.
    func writing<Result>(_ body: (Database) throws -> Result) throws -> Result {
        do {
            return try writer.write(body)
        } catch {
            throw Self.storeError(for: error, path: writer.path)
        }
    }

    /// The ``StoreError`` for an error SQLite raised; any other error (the caller's own, from a
    /// body passed through) unchanged.
    static func storeError(for error: any Error, path: String) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        let message = error.message ?? "SQLite result code \(error.extendedResultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_FULL: return StoreError.full(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError.locked(path: path)
        case .SQLITE_READONLY, .SQLITE_PERM: return StoreError.notWritable(path: path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return StoreError.damaged(path: path, problems: [message])
        case .SQLITE_IOERR, .SQLITE_CANTOPEN: return StoreError.ioFailure(path: path, reason: message)
        default: return StoreError.failed(path: path, reason: message)
        }
    }
}
