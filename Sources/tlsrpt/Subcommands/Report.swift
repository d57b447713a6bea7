import ArgumentParser
import Foundation
import TLSRPTDashboard
import TLSRPTKit

extension TLSRPTCommand {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the dashboard's pages as one self-contained HTML file.",
            discussion: """
                The list of domains and a section per domain, as `tlsrpt serve` shows them: readiness, \
                sessions and failure rates, daily charts, failures by result type, MX host, organisation \
                and sending IP, the policies reporters saw, every readiness check and the next step. \
                Style and SVG charts are inline; the file runs no script and loads nothing, so it can be \
                attached to a ticket or opened from disk. Readiness is computed as of the period's last day.

                Examples:
                  tlsrpt report --html tls.html
                  tlsrpt report --html example.html --domain example.com --last 7d
                """
        )

        @OptionGroup var databaseOptions: DatabaseOptions

        @Option(name: .long, help: ArgumentHelp("The HTML file to write (- for standard output).", valueName: "file"))
        var html: String

        @Option(name: .long, help: ArgumentHelp("Only this policy domain (repeatable; default: every domain with reports).", valueName: "domain"))
        var domain: [String] = []

        @Option(name: .long, help: ArgumentHelp("The last N complete days or weeks, e.g. 7d or 4w (ending yesterday).", valueName: "span"))
        var last: String = "28d"

        @Option(name: .long, help: ArgumentHelp("First day, inclusive (YYYY-MM-DD), instead of --last.", valueName: "date"))
        var since: String?

        @Option(name: .long, help: ArgumentHelp("Last day, inclusive (YYYY-MM-DD; default: yesterday).", valueName: "date"))
        var until: String?

        var period: ReportingPeriod {
            get throws {
                let ranged = since != nil || until != nil
                do {
                    return try ReportingPeriod.resolve(
                        day: nil, yesterday: false, since: since, until: until, last: ranged ? nil : last, today: todayDay())
                } catch {
                    throw ValidationError(error.description)
                }
            }
        }

        func validate() throws {
            _ = try period
            for name in domain where DomainName.normalized(name) == nil { throw ValidationError("--domain needs a domain name.") }
        }

        func run() throws {
            let store = try databaseOptions.open()
            let document = try Dashboard(store: store).singleFileReport(
                domains: domain.compactMap(DomainName.normalized), period: try period)
            if html == "-" {
                FileHandle.standardOutput.write(Data(document.utf8))
            } else {
                do {
                    try Data(document.utf8).write(to: URL(fileURLWithPath: html), options: .atomic)
                } catch {
                    throw CommandFailure("cannot write \(html): \(error.localizedDescription)")
                }
            }
        }
    }
}
