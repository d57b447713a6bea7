import ArgumentParser
import TLSRPTKit

extension TLSRPTCommand {
    struct Reprocess: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decode the stored originals of rejected inputs again.",
            discussion: """
                Run after upgrading tlsrpt: inputs an older version rejected are decoded with the \
                current rules; those that now decode are stored as reports. SQLite's quick_check runs \
                first: a damaged database is not written to (exit 2; see `tlsrpt check-database`). \
                Exit codes as for ingest.
                """
        )

        @OptionGroup var databaseOptions: DatabaseOptions

        @Flag(name: .shortAndLong, help: "Print nothing but errors.")
        var quiet = false

        @Flag(name: .long, help: "Print the result as one JSON object on standard output.")
        var json = false

        func run() async throws {
            let store = try databaseOptions.open(for: .readWrite)
            // Decoding again writes into the same tables: not into a damaged file.
            try store.requireQuickCheck()
            let summary = try await Reprocessor(store: store).run()
            var report = IngestReport(summary: summary)
            report.verb = "reprocessed \(Figures.grouped(summary.inputsRead)) rejected inputs: stored"
            report.print(json: json, quiet: quiet)
            throw report.exitCode
        }
    }
}
