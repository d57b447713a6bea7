import ArgumentParser
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
    func open(for access: SQLiteReportStore.Access = .readOnly) throws -> SQLiteReportStore {
        try SQLiteReportStore(path: path, access: access)
    }
}
