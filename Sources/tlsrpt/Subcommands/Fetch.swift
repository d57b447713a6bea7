import ArgumentParser
import Foundation
import TLSRPTKit

extension TLSRPTCommand {
    struct Fetch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fetch the TLS reports in an IMAP mailbox (the rua= address) into the database.",
            discussion: """
                Logs in, fetches the messages not finished by an earlier run (the database keeps the \
                mailbox's UIDVALIDITY and the UIDs done), ingests each like an .eml file, and only once \
                its reports are committed flags it \\Seen (or moves or deletes it, as asked). Messages \
                without a TLS report (DMARC reports, bounces) are left untouched. An interrupted run \
                loses nothing and stores nothing twice: rerun it.

                imaps:// uses TLS from the start (port 993); imap:// upgrades with STARTTLS (port 143). \
                The server certificate is verified; --ca-file adds a private CA. The password comes \
                from --password-file, else $TLSRPT_IMAP_PASSWORD, else ~/.netrc (machine HOST login \
                USER password SECRET) — never from the command line. Gmail and Microsoft 365 take an \
                OAuth 2.0 access token instead (AUTHENTICATE XOAUTH2): --oauth2-token-file, or \
                --oauth2-token-command, run at each login since tokens expire.

                --watch keeps running: after each pass it waits in IDLE for new mail (or asks again \
                every --interval seconds on a server without IDLE) and fetches it within seconds. A \
                dropped connection or a server silent past --timeout is retried after 3–5 s, then \
                longer, up to 5 minutes, with jitter; a refused login or certificate ends it (exit 2).

                Examples:
                  tlsrpt fetch imaps://tlsrpt%40example.com@imap.example.com/INBOX --password-file ~/.tlsrpt-imap
                  tlsrpt fetch imaps://reports@mail.example.com/TLS-RPT --move-to TLS-RPT/done
                  tlsrpt fetch imaps://tlsrpt%40example.com@outlook.office365.com/INBOX --watch \\
                    --oauth2-token-command 'oama access tlsrpt@example.com'

                Exit codes: 0 every report stored (or already there); 1 finished, but some reports \
                were rejected (see `tlsrpt rejects`); 2 usage, connection, TLS, login or database error \
                (with --watch: only an error retrying cannot mend).
                """
        )

        @OptionGroup var databaseOptions: DatabaseOptions

        @Argument(help: ArgumentHelp("The mailbox: imaps://user@host[:port]/MAILBOX or imap://… (STARTTLS).", valueName: "url"))
        var url: String

        @Option(name: .long, help: ArgumentHelp("Read the password from the first line of this file (else $TLSRPT_IMAP_PASSWORD, else ~/.netrc).", valueName: "path"))
        var passwordFile: String?

        @Option(name: .long, help: ArgumentHelp("Log in with XOAUTH2, with the OAuth 2.0 access token on the first line of this file (read at each login).", valueName: "path"))
        var oauth2TokenFile: String?

        @Option(name: .long, help: ArgumentHelp("Log in with XOAUTH2, with the token this shell command prints (run at each login).", valueName: "command"))
        var oauth2TokenCommand: String?

        @Option(name: .long, help: ArgumentHelp("Also trust the CA certificates in this PEM file when verifying the server.", valueName: "pem"))
        var caFile: String?

        @Option(name: .long, help: ArgumentHelp("Move each message whose reports are stored into this folder (created if missing).", valueName: "folder"))
        var moveTo: String?

        @Option(name: .long, help: ArgumentHelp("Move messages without a TLS report (DMARC reports, bounces) into this folder (created if missing); by default they are left alone.", valueName: "folder"))
        var moveOthersTo: String?

        @Flag(name: .long, help: "Delete each message whose reports are stored.")
        var delete = false

        @Flag(name: .long, help: "Open the mailbox read-only (EXAMINE): no flag is set, nothing moved or deleted.")
        var readOnly = false

        @Flag(name: .long, help: "With imap://, do not use STARTTLS: the password and reports cross the network in the clear.")
        var insecure = false

        @Option(name: .long, help: ArgumentHelp("Messages per UID FETCH (default 200).", valueName: "n"))
        var batchSize = 200

        @Flag(name: .long, help: "Keep running: wait for new mail (IDLE) and fetch it; reconnect after errors.")
        var watch = false

        @Option(name: .long, help: ArgumentHelp("With --watch, on a server without IDLE: seconds between checks (default 60).", valueName: "seconds"))
        var interval = 60

        @Option(name: .long, help: ArgumentHelp("Give up on a server silent this many seconds while an answer is due (default 120).", valueName: "seconds"))
        var timeout = 120

        @Flag(name: .shortAndLong, help: "Print nothing but errors.")
        var quiet = false

        @Flag(name: .long, help: "Print the result as one JSON object on standard output (also on an error, which is in \"failures\").")
        var json = false

        func validate() throws {
            if moveTo != nil, delete { throw ValidationError("--move-to and --delete cannot be combined.") }
            if readOnly, moveTo != nil || delete || moveOthersTo != nil {
                throw ValidationError("--read-only changes nothing, so it cannot --move-to, --move-others-to or --delete.")
            }
            if batchSize < 1 { throw ValidationError("--batch-size must be at least 1.") }
            if [passwordFile, oauth2TokenFile, oauth2TokenCommand].compactMap({ $0 }).count > 1 {
                throw ValidationError("give one of --password-file, --oauth2-token-file and --oauth2-token-command.")
            }
            if interval < 1 || timeout < 1 { throw ValidationError("--interval and --timeout must be at least 1 second.") }
        }

        /// The password or token source the options and environment name.
        private func credential(for mailbox: IMAPMailboxURL) throws -> IMAPCredential {
            if let oauth2TokenFile { return .bearerToken(.file(oauth2TokenFile)) }
            if let oauth2TokenCommand { return .bearerToken(.command(oauth2TokenCommand)) }
            return .password(try IMAPPasswordSource.password(for: mailbox, passwordFile: passwordFile))
        }

        func run() async throws {
            let report: IngestReport
            do {
                let mailbox = try IMAPMailboxURL(url)
                if insecure, mailbox.security == .implicitTLS { throw ValidationError("--insecure applies to imap:// only; imaps:// is always TLS.") }
                var options = IMAPFetchOptions(mailbox: mailbox, credential: try credential(for: mailbox))
                options.disposal = delete ? .delete : moveTo.map { .move(to: $0) } ?? .markSeen
                options.othersFolder = moveOthersTo
                options.readOnly = readOnly
                options.certificateAuthorityFile = caFile
                options.allowsPlaintext = insecure
                options.batchSize = batchSize
                options.readTimeout = .seconds(timeout)
                options.pollInterval = .seconds(interval)
                let store = try databaseOptions.open(for: .readWrite)
                if watch { try await watch(IMAPFetcher(store: store, options: options)) }
                let progress = ProgressLine(enabled: !quiet && !json && StandardError.isTerminal)
                defer { progress.clear() }
                report = IngestReport(summary: try await IMAPFetcher(store: store, options: options).run { progress.update($0) }, verb: "fetched")
            } catch let error as ValidationError {
                throw error
            } catch {
                guard json else { throw error }
                var failed = IngestSummary()
                failed.failures = ["\(error)"]
                IngestReport(summary: failed, verb: "fetched").print(json: true, quiet: quiet)
                throw IngestReport(summary: failed).exitCode
            }
            report.print(json: json, quiet: quiet)
            throw report.exitCode
        }

        /// `--watch`: a line (or JSON object) after connecting and after each pass that fetched
        /// something, a line on standard error per reconnection; returns only by throwing.
        private func watch(_ fetcher: IMAPFetcher) async throws -> Never {
            let (json, quiet) = (self.json, self.quiet)
            try await fetcher.watch(
                onPass: { summary, isFirstOfSession in
                    guard isFirstOfSession || summary.inputsRead > 0 else { return }
                    IngestReport(summary: summary, verb: "fetched").print(json: json, quiet: quiet)
                    fflush(nil)  // every stream: stdout is a pipe under systemd or a test
                },
                onRetry: { error, delay in
                    let seconds = Int((Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18).rounded())
                    StandardError.write("tlsrpt: \(TerminalText.sanitized(error.description)); reconnecting in \(seconds) s\n")
                })
        }
    }
}
