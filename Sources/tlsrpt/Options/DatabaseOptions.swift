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

    func open() throws -> SQLiteReportStore {
        try SQLiteReportStore(path: path)
    }
}
