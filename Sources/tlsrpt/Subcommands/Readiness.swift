import ArgumentParser
import Foundation
import TLSRPTKit

extension TLSRPTCommand {
    struct Readiness: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decide whether a domain can switch its MTA-STS policy from testing to enforce.",
            discussion: """
                Verdicts and exit codes: ready (0), not-ready (10), insufficient-data (11), enforced (12); \
                usage or I/O errors exit with 2. Every check prints pass, warn or fail with its evidence \
                and what to do. A domain with no report in the recent period (reports stopped) or none at \
                all (a misspelt name) is insufficient-data, with the reason. Without a domain, every domain \
                in the database is listed with its verdict.

                Examples:
                  tlsrpt readiness example.com
                  tlsrpt readiness example.com --as-of 2026-11-23 --mx mx1.example.com --mx mx2.example.com
                  tlsrpt readiness --format json example.com | jq .verdict
                """
        )

        @OptionGroup var databaseOptions: DatabaseOptions

        @Argument(help: "The policy domain (all domains when omitted).")
        var domain: String?

        @Option(name: .long, help: ArgumentHelp("Last day of the window (YYYY-MM-DD, UTC; default: today).", valueName: "date"), transform: Day.parse)
        var asOf: Day?

        @Option(name: .long, help: "Days in the window ending at --as-of.")
        var window = 28

        @Option(name: .long, help: "Days at the end of the window that make the recent period.")
        var recent = 7

        @Option(name: .long, help: "Fewer distinct days with reports give insufficient-data.")
        var minDays = 14

        @Option(name: .long, help: "Fewer sessions in the window give insufficient-data.")
        var minSessions: Int64 = 100

        @Option(name: .long, help: ArgumentHelp("Share of recent sessions above which other TLS or policy-fetch failures block, in percent.", valueName: "percent"))
        var maxFailureRate = "0.1"

        @Option(name: .long, help: ArgumentHelp("A real MX host of the domain, checked against the policy's patterns (repeatable).", valueName: "host"))
        var mx: [String] = []

        @Option(name: .long, help: "Output format.")
        var format: TextOrJSONFormat = .text

        func validate() throws {
            if window < 1 || recent < 1 || recent > window { throw ValidationError("--recent must be between 1 and --window.") }
            if minDays < 0 || minSessions < 0 { throw ValidationError("--min-days and --min-sessions cannot be negative.") }
            guard let rate = Self.percent(maxFailureRate), rate >= 0, rate <= 1 else {
                throw ValidationError("--max-failure-rate takes a percentage such as 0.1 or 0.1%.")
            }
        }

        static func percent(_ text: String) -> Double? {
            let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")
            return Double(trimmed).map { $0 / 100 }
        }

        var options: ReadinessOptions {
            var options = ReadinessOptions(asOfDay: asOf?.number ?? todayDay())
            options.asOfIsExplicit = asOf != nil
            options.windowDays = window
            options.recentDays = recent
            options.minimumDays = minDays
            options.minimumSessions = minSessions
            options.maximumFailureRate = Self.percent(maxFailureRate) ?? 0.001
            options.mxHosts = mx
            return options
        }

        func run() throws {
            let store = try databaseOptions.open()
            let analyzer = ReadinessAnalyzer(store: store)
            guard let domain else {
                let reports = try store.domains().map { try analyzer.analyze(domain: $0.domain, options: options) }
                print(format == .json ? "[" + reports.map(ReadinessJSONRenderer.render).joined(separator: ",") + "]" : ReadinessTextRenderer.renderList(reports, columns: TerminalWidth.columns()),
                    terminator: format == .json ? "\n" : "")
                return
            }
            guard let name = DomainName.normalized(domain) else { throw ValidationError("Give a domain name.") }
            let report = try analyzer.analyze(domain: name, options: options)
            print(format == .json ? ReadinessJSONRenderer.render(report) : ReadinessTextRenderer.render(report, columns: TerminalWidth.columns()), terminator: format == .json ? "\n" : "")
            throw ExitCode(report.verdict.exitStatus)
        }
    }
}
