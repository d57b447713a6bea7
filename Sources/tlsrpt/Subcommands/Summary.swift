import ArgumentParser
import Foundation
import TLSRPTKit

extension TLSRPTCommand {
    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Summarise who failed to reach which MX, how, and how often.",
            discussion: """
                Per policy domain: successful and failed sessions, failure rate, reports and reporting \
                organisations, the policy modes reporters saw, failures by result type, MX host, \
                organisation and sending IP, day by day, and changes against the previous period of the \
                same length. Counting rules are in the README.

                Needs attention: a result type or MX host failing for the first time, a failure rate \
                that at least doubled, a reporter that went silent, and a domain that went silent (reports \
                in the 28 days before the period, none in it). With --exit-code the command exits with 20 \
                when there is any, 0 otherwise; usage or I/O errors exit with 2.

                Examples:
                  tlsrpt summary                                   # yesterday, UTC
                  tlsrpt summary --last 7d --domain example.com --format markdown
                  tlsrpt summary --since 2026-11-01 --until 2026-11-28 --format csv > november.csv
                  tlsrpt summary --yesterday --format email --to postmaster@example.com | sendmail -t
                  tlsrpt summary --exit-code > /dev/null || echo "TLS reports need a look"
                """
        )

        @OptionGroup var databaseOptions: DatabaseOptions

        @Option(name: .long, help: ArgumentHelp("One day (YYYY-MM-DD, UTC).", valueName: "date"))
        var day: String?

        @Flag(name: .long, help: "Yesterday, UTC (the default).")
        var yesterday = false

        @Option(name: .long, help: ArgumentHelp("First day, inclusive (YYYY-MM-DD).", valueName: "date"))
        var since: String?

        @Option(name: .long, help: ArgumentHelp("Last day, inclusive (YYYY-MM-DD; default: yesterday).", valueName: "date"))
        var until: String?

        @Option(name: .long, help: ArgumentHelp("The last N complete days or weeks, e.g. 7d or 4w (ending yesterday).", valueName: "span"))
        var last: String?

        @Option(name: .long, help: ArgumentHelp("Only this policy domain (repeatable).", valueName: "domain"))
        var domain: [String] = []

        @Option(name: .long, help: "Entries shown per breakdown.")
        var top = 10

        @Option(name: .long, help: "Output format (email: a complete message for sendmail -t).")
        var format: OutputFormat = .text

        @Flag(name: .long, help: "Exit with status 20 when something needs attention (for cron to alert on), after printing the summary.")
        var exitCode = false

        @Option(name: .long, help: ArgumentHelp("Recipient of --format email (repeatable).", valueName: "address"))
        var to: [String] = []

        @Option(name: .long, help: ArgumentHelp("Sender of --format email (default: tlsrpt@ the host name).", valueName: "address"))
        var from: String?

        func validate() throws {
            do {
                _ = try ReportingPeriod.resolve(day: day, yesterday: yesterday, since: since, until: until, last: last, today: todayDay())
            } catch {
                throw ValidationError(error.description)
            }
            if top < 1 { throw ValidationError("--top must be at least 1.") }
            if format == .email, to.isEmpty { throw ValidationError("--format email needs at least one --to address.") }
            for address in to + (from.map { [$0] } ?? []) where !address.contains("@") || address.contains(where: \.isNewline) {
                throw ValidationError("\"\(address)\" is not an e-mail address.")
            }
        }

        func run() throws {
            let period = try ReportingPeriod.resolve(
                day: day, yesterday: yesterday, since: since, until: until, last: last, today: todayDay())
            let store = try databaseOptions.open()
            let summary = try SummaryBuilder(store: store).summary(
                domains: domain.compactMap(DomainName.normalized), fromDay: period.fromDay, untilDay: period.untilDay)
            let options = SummaryRenderOptions(top: top, columns: format == .text ? TerminalWidth.columns() : 80)
            let output: String
            switch format {
            case .text: output = SummaryTextRenderer.render(summary, options: options)
            case .json: output = SummaryJSONRenderer.render(summary, options: options) + "\n"
            case .csv: output = SummaryCSVRenderer.render(summary, options: options)
            case .markdown: output = SummaryMarkdownRenderer.render(summary, options: options)
            case .email:
                let host = ProcessInfo.processInfo.hostName
                output = SummaryEmailComposer.compose(
                    summary, options: options, from: from ?? "tlsrpt@\(host)", to: to, date: Date(),
                    messageID: "\(UUID().uuidString.lowercased()).tlsrpt@\(host)")
            }
            FileHandle.standardOutput.write(Data(output.utf8))
            if exitCode, summary.needsAttention { throw ExitCode(ExitStatus.attention.rawValue) }
        }
    }
}
