import ArgumentParser
import Foundation
import TLSRPTKit

@main
struct TLSRPTCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tlsrpt",
        abstract: "Turn SMTP TLS reports (RFC 8460) into decisions.",
        discussion: """
            Ingest the TLS-RPT reports your rua= address receives into a SQLite database, summarise \
            them, decide whether a domain can switch MTA-STS to enforce, and emit the policy and DNS \
            records to publish.

            Exit codes: 0 success; 1 finished, but some inputs were rejected (policy check: invalid); \
            2 usage or I/O error (including a database written by a newer tlsrpt, or whose schema \
            was changed outside tlsrpt); readiness verdicts 10 not-ready, 11 insufficient-data, 12 enforced; \
            20 summary --exit-code found something that needs attention. check-database: 0 intact, 1 \
            damaged or a different schema.
            """,
        version: "0.1.0",
        subcommands: [
            Ingest.self, Summary.self, Readiness.self, Policy.self, Export.self, Rejects.self, Show.self, Reprocess.self,
            CheckDatabase.self, Serve.self, Fetch.self,
        ]
    )

    /// Runs the command; usage and I/O errors exit with status 2, as documented.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if error is ExitCode || exitCode(for: error) == .success {
                exit(withError: error)  // our own exit statuses, --help, --version
            }
            StandardError.write(fullMessage(for: error) + "\n")
            if let hint = SQLiteReportStore.damageHint(for: error) { StandardError.write(hint + "\n") }
            Foundation.exit(ExitStatus.usageOrIOError.rawValue)
        }
    }
}

/// The exit statuses tlsrpt documents.
enum ExitStatus: Int32 {
    case success = 0
    case someInputsRejected = 1
    case usageOrIOError = 2
    /// `summary --exit-code`: the summary lists something that needs attention.
    case attention = 20
}
