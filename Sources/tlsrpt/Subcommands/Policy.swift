import ArgumentParser
import Foundation
import TLSRPTKit

extension TLSRPTCommand {
    struct Policy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Emit the MTA-STS policy and DNS records for a new mode, or check a policy file.",
            discussion: """
                `tlsrpt policy DOMAIN` prints what to publish to move DOMAIN to --mode (default enforce); \
                `tlsrpt policy check FILE` validates an existing mta-sts.txt.
                """,
            subcommands: [Emit.self, Check.self, History.self],
            defaultSubcommand: Emit.self
        )
    }
}

extension TLSRPTCommand.Policy {
    struct Emit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "emit",
            abstract: "Print the policy file, the _mta-sts TXT record with a new id, and the publishing steps.",
            discussion: """
                For --mode enforce the readiness analysis runs first (with its default thresholds and \
                --as-of) and the command refuses, with the reasons, unless the verdict is ready, or enforced \
                with no failing check (an update of an enforced policy); --force overrides and prints the \
                checks it overrides on standard error. An enforce max_age of 0, or under a week, is warned about. MX patterns come from --mx, or else from the policy at least two reporting \
                organisations saw: anyone can mail a report, so an MX only one reporter lists is named in a \
                warning on standard error and never emitted; with a single reporter, --mx is required.

                Exit codes: 0 emitted; 10, 11 or 12 refused (the readiness verdict's code); 2 usage or I/O error.

                Examples:
                  tlsrpt policy example.com
                  tlsrpt policy example.com --current-id 20261001000000 --rua mailto:tlsrpt@example.com --output site/
                  tlsrpt policy example.com --mode none      # roll back
                """
        )

        @OptionGroup var databaseOptions: DatabaseOptions

        @Argument(help: "The policy domain.")
        var domain: String

        @Option(name: .long, help: "enforce, testing or none.")
        var mode: String = "enforce"

        @Option(name: .long, help: ArgumentHelp("An mx pattern of the new policy (repeatable; default: the patterns of the policy two or more reporting organisations saw).", valueName: "pattern"))
        var mx: [String] = []

        @Option(name: .long, help: ArgumentHelp("max_age in seconds, 0…31557600 (default: 2592000 for enforce, 86400 otherwise).", valueName: "seconds"))
        var maxAge: Int64?

        @Option(name: .long, help: ArgumentHelp("The id now published in _mta-sts; the new id differs from it.", valueName: "id"))
        var currentID: String?

        @Option(name: .long, help: ArgumentHelp("Also emit the _smtp._tls record with this rua (mailto: or https: URIs, comma-separated).", valueName: "uris"))
        var rua: String?

        @Option(name: .long, help: ArgumentHelp("Write .well-known/mta-sts.txt (with CRLF line endings, as served) and dns-records.zone into this folder.", valueName: "dir"))
        var output: String?

        @Option(name: .long, help: ArgumentHelp("Day the readiness analysis ends (YYYY-MM-DD, UTC; default: today).", valueName: "date"), transform: Day.parse)
        var asOf: Day?

        @Flag(name: .long, help: "Emit an enforce policy even when readiness checks fail (they are listed on standard error).")
        var force = false

        @Flag(name: .long, help: "Store the policy as DOMAIN's published one: `tlsrpt serve --host-policy` serves it, and the history keeps it.")
        var publish = false

        @Option(name: .long, help: "Output format.")
        var format: TextOrJSONFormat = .text

        var policyMode: STSPolicy.Mode { STSPolicy.Mode(rawValue: mode.lowercased()) ?? .enforce }

        func validate() throws {
            guard STSPolicy.Mode(rawValue: mode.lowercased()) != nil else { throw ValidationError("--mode takes enforce, testing or none.") }
            if let maxAge, !(0...STSPolicy.maximumAllowedAge).contains(maxAge) {
                throw ValidationError("--max-age must be between 0 and 31557600 seconds.")
            }
            for pattern in mx where !STSPolicy.isValidPattern(pattern.lowercased()) {
                throw ValidationError("--mx \(pattern) is not a valid pattern (a host name, or *. followed by one).")
            }
            if let currentID, !PolicyPublication.isValidID(currentID) { throw ValidationError("--current-id must be 1 to 32 letters and digits.") }
            if let rua, !PolicyPublication.isValidReportingAddress(rua) {
                throw ValidationError("--rua takes mailto: or https: URIs separated by commas.")
            }
            if DomainName.normalized(domain) == nil { throw ValidationError("Give a domain name.") }
        }

        func run() throws {
            let name = DomainName.normalized(domain)!
            var options = ReadinessOptions(asOfDay: asOf?.number ?? todayDay())
            options.asOfIsExplicit = asOf != nil
            let store = try databaseOptions.open(for: publish ? .readWrite : .readOnly)
            let readiness = try ReadinessAnalyzer(store: store).analyze(domain: name, options: options)
            let now = Int64(Date().timeIntervalSince1970)
            let request = PublicationRequest(
                domain: name, mode: policyMode, mxPatterns: mx.map { $0.lowercased() }, maximumAge: maxAge, force: force,
                currentID: currentID, reportingAddress: rua, now: now, published: try store.publishedPolicy(domain: name))
            let plan: PublicationPlanner.Plan
            do { plan = try PublicationPlanner.plan(request, readiness: readiness) } catch { throw ValidationError(error.description) }
            StandardError.write(TextWrapping.wrappedLines(plan.messages.map { $0 + "\n" }.joined(), columns: TerminalWidth.columns(of: STDERR_FILENO)))
            guard let publication = plan.publication else { throw ExitCode(plan.exitStatus) }
            if let output { try write(publication, to: output) }
            if publish {
                let user = ProcessInfo.processInfo.environment["USER"] ?? NSUserName()
                try store.recordPublication(PublishedPolicy(publication, at: now, by: user))
                StandardError.write("published: tlsrpt serve --host-policy now serves this \(policyMode.rawValue) policy at \(publication.policyURL)\n")
            }
            print(format == .json ? PolicyPublicationRenderer.json(publication, verdict: readiness.verdict) : PolicyPublicationRenderer.text(publication, columns: TerminalWidth.columns()), terminator: "")
        }

        func write(_ publication: PolicyPublication, to directory: String) throws {
            let wellKnown = directory + "/.well-known"
            try FileManager.default.createDirectory(atPath: wellKnown, withIntermediateDirectories: true)
            try Data(publication.policy.fileText.utf8).write(to: URL(fileURLWithPath: wellKnown + "/mta-sts.txt"))
            try Data(publication.zoneSnippet.utf8).write(to: URL(fileURLWithPath: directory + "/dns-records.zone"))
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the policies published for a domain with --publish, newest first.",
            discussion: "The first one is what `tlsrpt serve --host-policy` serves."
        )

        @OptionGroup var databaseOptions: DatabaseOptions

        @Argument(help: "The policy domain.")
        var domain: String

        @Option(name: .long, help: "Output format.")
        var format: TextOrJSONFormat = .text

        func run() throws {
            let name = DomainName.normalized(domain) ?? domain
            let history = try databaseOptions.open().publishedPolicies(domain: name, limit: .max)
            print(PolicyPublicationRenderer.history(history, domain: name, json: format == .json), terminator: "")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate an mta-sts.txt policy file (syntax, fields given once, mode, max_age, mx host names and wildcards, size).",
            discussion: "Each finding names its line. LF and CRLF line endings are both valid (RFC 8461 ABNF). Exit codes: 0 valid (warnings allowed); 1 invalid; 2 usage or I/O error. `-` reads standard input."
        )

        @Argument(help: "The policy file, or - for standard input.")
        var file: String

        @Option(name: .long, help: "Output format.")
        var format: TextOrJSONFormat = .text

        func run() throws {
            let bytes: [UInt8]
            if file == "-" {
                bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
            } else {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw CommandFailure("cannot read \(file)")
                }
                bytes = Array(data)
            }
            let result = STSPolicyChecker.check(bytes)
            print(PolicyPublicationRenderer.checkResult(result, file: file, json: format == .json), terminator: "")
            if !result.isValid { throw ExitCode(ExitStatus.someInputsRejected.rawValue) }
        }
    }
}
