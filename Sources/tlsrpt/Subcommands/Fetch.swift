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
                USER password SECRET) — never from the command line.

                Examples:
                  tlsrpt fetch imaps://tlsrpt%40example.com@imap.example.com/INBOX --password-file ~/.tlsrpt-imap
                  tlsrpt fetch imaps://reports@mail.example.com/TLS-RPT --move-to TLS-RPT/done

                Exit codes: 0 every report stored (or already there); 1 finished, but some reports \
                were rejected (see `tlsrpt rejects`); 2 usage, connection, TLS, login or database error.
                """
        )

        @OptionGroup var databaseOptions: DatabaseOptions

        @Argument(help: ArgumentHelp("The mailbox: imaps://user@host[:port]/MAILBOX or imap://… (STARTTLS).", valueName: "url"))
        var url: String

        @Option(name: .long, help: ArgumentHelp("Read the password from the first line of this file (else $TLSRPT_IMAP_PASSWORD, else ~/.netrc).", valueName: "path"))
        var passwordFile: String?

        @Option(name: .long, help: ArgumentHelp("Also trust the CA certificates in this PEM file when verifying the server.", valueName: "pem"))
        var caFile: String?

        @Option(name: .long, help: ArgumentHelp("Move each message whose reports are stored into this folder (created if missing).", valueName: "folder"))
        var moveTo: String?

        @Flag(name: .long, help: "Delete each message whose reports are stored.")
        var delete = false

        @Flag(name: .long, help: "Open the mailbox read-only (EXAMINE): no flag is set, nothing moved or deleted.")
        var readOnly = false

        @Flag(name: .long, help: "With imap://, do not use STARTTLS: the password and reports cross the network in the clear.")
        var insecure = false

        @Option(name: .long, help: ArgumentHelp("Messages per UID FETCH (default 200).", valueName: "n"))
        var batchSize = 200

        @Flag(name: .shortAndLong, help: "Print nothing but errors.")
        var quiet = false

        @Flag(name: .long, help: "Print the result as one JSON object on standard output (also on an error, which is in \"failures\").")
        var json = false

        func validate() throws {
            if moveTo != nil, delete { throw ValidationError("--move-to and --delete cannot be combined.") }
            if readOnly, moveTo != nil || delete { throw ValidationError("--read-only changes nothing, so it cannot --move-to or --delete.") }
            if batchSize < 1 { throw ValidationError("--batch-size must be at least 1.") }
        }

        func run() async throws {
            let report: IngestReport
            do {
                let mailbox = try IMAPMailboxURL(url)
                if insecure, mailbox.security == .implicitTLS { throw ValidationError("--insecure applies to imap:// only; imaps:// is always TLS.") }
                var options = IMAPFetchOptions(mailbox: mailbox, password: try IMAPPasswordSource.password(for: mailbox, passwordFile: passwordFile))
                options.disposal = delete ? .delete : moveTo.map { .move(to: $0) } ?? .markSeen
                options.readOnly = readOnly
                options.certificateAuthorityFile = caFile
                options.allowsPlaintext = insecure
                options.batchSize = batchSize
                let store = try databaseOptions.open(for: .readWrite)
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
    }
}
