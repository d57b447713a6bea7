import ArgumentParser
import Foundation
import TLSRPTKit

/// The `--database` option every command takes.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The SQLite database (default: $TLSRPT_DATABASE, else $XDG_DATA_HOME/tlsrpt/tlsrpt.sqlite).",
            valueName: "path"
        )
    )
    var database: String?

    /// The resolved path.
    var path: String { DatabaseLocation.resolve(explicit: database) }

    /// Opens the store read-only (the default: what `summary`, `readiness`, `export`, `rejects`
    /// and `policy` need, so a user who may only read the database can run them) or for writing.
    ///
    /// A typo in a path is never answered from an empty database: reading a file that does not
    /// exist is refused (nothing was ever ingested there), and so is writing into a folder that
    /// does not exist, unless it is the default location's (`$XDG_DATA_HOME/tlsrpt`), which is
    /// created.
    func open(for access: SQLiteReportStore.Access = .readOnly) throws -> SQLiteReportStore {
        let path = path
        let manager = FileManager.default
        if access == .readOnly, !manager.fileExists(atPath: path) {
            throw StoreError.cannotOpen(
                path: path, reason: "no such file; nothing was ever ingested into it (check --database or $TLSRPT_DATABASE)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if access == .readWrite, isExplicit, !folder.isEmpty, !manager.fileExists(atPath: folder) {
            throw StoreError.cannotOpen(path: path, reason: "the folder \(folder) does not exist; create it first")
        }
        return try SQLiteReportStore(path: path, access: access)
    }

    /// Whether the path was chosen (`--database`, `$TLSRPT_DATABASE`) rather than the default.
    private var isExplicit: Bool {
        database?.isEmpty == false || ProcessInfo.processInfo.environment["TLSRPT_DATABASE"]?.isEmpty == false
    }
}
