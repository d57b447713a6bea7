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
            CheckDatabase.self, Serve.self, Fetch.self, Report.self,
        ]
    )

    /// Runs the command; usage and I/O errors exit with status 2, as documented.
    static func main() async {
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            fail(error, in: nil)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            fail(error, in: type(of: command))
        }
    }

    /// Prints `error` and exits: our own exit statuses, `--help` and `--version` as they are; a
    /// usage error thrown while `command` ran with that subcommand's usage line (not the root's);
    /// any other error as its sentence alone.
    static func fail(_ error: any Error, in command: (any ParsableCommand.Type)?) -> Never {
        if error is ExitCode || exitCode(for: error) == .success {
            exit(withError: error)
        }
        if let command, error is ValidationError {
            let path = commandPath(to: command).joined(separator: " ")
            StandardError.write(
                "Error: \(TerminalText.sanitized(message(for: error)))\nUsage: \(usageString(for: command))\n"
                    + "  See '\(path) --help' for more information.\n")
        } else if command != nil {
            StandardError.write("Error: \(TerminalText.sanitized(message(for: error)))\n")
        } else {
            StandardError.write(safe(fullMessage(for: error)) + "\n")  // the parser names the subcommand
        }
        if let hint = SQLiteReportStore.damageHint(for: error) { StandardError.write(hint + "\n") }
        Foundation.exit(ExitStatus.usageOrIOError.rawValue)
    }

    /// The argument parser's multi-line message (error, usage, help hint) made terminal-safe line
    /// by line. An error's own sentence is sanitised whole (``TerminalText/sanitized(_:)``): it
    /// quotes paths and inputs, whose escapes and line breaks must not reach the terminal.
    static func safe(_ message: String) -> String {
        message.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.sanitized(String($0)) }
            .joined(separator: "\n")
    }

    /// The command names from `tlsrpt` down to `command`: `["tlsrpt", "policy", "check"]`.
    static func commandPath(to command: any ParsableCommand.Type) -> [String] {
        func search(_ node: any ParsableCommand.Type, _ path: [String]) -> [String]? {
            let name = node._commandName
            let here = path + [name]
            if node == command { return here }
            for subcommand in node.configuration.subcommands {
                if let found = search(subcommand, here) { return found }
            }
            return nil
        }
        return search(self, []) ?? ["tlsrpt"]
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
