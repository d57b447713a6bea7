import ArgumentParser
import Foundation
import TLSRPTKit

extension TLSRPTCommand {
    struct Ingest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store the TLS reports found in files, directories, e-mail messages, mboxes and Maildirs.",
            discussion: """
                Inputs are recognised by content: JSON reports, gzip'd reports (any name), RFC 5322 \
                messages (.eml), mbox files and Maildir folders; `-` reads standard input, so an MTA \
                alias can pipe messages in (`|tlsrpt ingest -`). Directories are walked recursively; inside them, symbolic links are followed \
                only to files (links to directories, loops and dangling links are skipped and \
                counted), and the database's own files are never inputs. \
                Files ingested before are skipped unread unless they changed (see --rescan). A \
                report with a session count above 10^12 is rejected with the field named.

                Examples:
                  tlsrpt ingest SampleReports
                  tlsrpt ingest ~/Maildir/.TLS-Reports --move-to ~/Maildir/.TLS-Reports.done
                  tlsrpt ingest - < message.eml

                Exit codes: 0 every report stored (or already there); 1 finished, but some inputs \
                were rejected (see `tlsrpt rejects`); 2 usage or I/O error (a path that cannot be \
                read, a file --move-to cannot move: the rest of the run goes on).
                """
        )

        @OptionGroup var databaseOptions: DatabaseOptions

        @Argument(help: ArgumentHelp("Files, directories, mboxes, Maildirs, or - for standard input.", valueName: "path"))
        var paths: [String]

        @Option(name: .long, help: ArgumentHelp("Move each processed file into this folder (a Maildir's cur/ if it is one) once its reports are committed; files already there stay.", valueName: "dir"))
        var moveTo: String?

        @Flag(name: .long, help: "Read every file again, even those the ledger says were ingested unchanged (rejects read again are reported, not stored twice).")
        var rescan = false

        @Flag(name: .shortAndLong, help: "Print nothing but errors.")
        var quiet = false

        @Flag(name: .long, help: "Print the result as one JSON object on standard output (also on an I/O error, which is in \"failures\").")
        var json = false

        func validate() throws {
            if paths.isEmpty { throw ValidationError("Give at least one path, or - for standard input.") }
            if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input (-) can be read only once.") }
        }

        func run() async throws {
            var options = IngestOptions()
            options.ignoresLedger = rescan
            options.moveProcessedTo = moveTo
            let showsProgress = !quiet && !json && StandardError.isTerminal
            let progress = ProgressLine(enabled: showsProgress)
            var summary: IngestSummary
            do {
                let store = try databaseOptions.open(for: .readWrite)
                summary = try await Ingester(store: store, options: options).run(paths: paths) { summary in
                    progress.update(summary)
                }
            } catch {
                progress.clear()
                // What was committed before a store failure stays stored, and is reported with the
                // error as one of the failures (exit 2); --json promises one object whatever happens.
                let interruption = error as? IngestInterruption
                guard json || interruption != nil else { throw error }
                summary = interruption?.summary ?? IngestSummary()
                summary.failures.append("\(error)")
            }
            progress.clear()
            IngestReport(summary: summary).print(json: json, quiet: quiet)
            throw IngestReport(summary: summary).exitCode
        }
    }
}
