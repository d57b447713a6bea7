import ArgumentParser
import Foundation
import TLSRPTKit

extension TLSRPTCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write stored reports as JSON Lines, one normalised RFC 8460 report per line.",
            discussion: """
                Field names are RFC 8460's own; values are normalised (mx-host always an array, \
                policy-string an array of strings, integer counts, UTC YYYY-MM-DDTHH:MM:SSZ dates, \
                absent optional fields omitted). Where each report came from is under "x-tlsrpt". \
                Reports are selected by the UTC day of their start-datetime.

                Examples:
                  tlsrpt export > reports.jsonl
                  tlsrpt export --domain example.com --since 2026-11-01 --until 2026-11-28
                """
        )

        @OptionGroup var databaseOptions: DatabaseOptions

        @Option(name: .long, help: ArgumentHelp("Only reports with a policy for this domain (repeatable).", valueName: "domain"))
        var domain: [String] = []

        @Option(name: .long, help: ArgumentHelp("First day, inclusive (YYYY-MM-DD, UTC).", valueName: "date"), transform: Day.parse)
        var since: Day?

        @Option(name: .long, help: ArgumentHelp("Last day, inclusive (YYYY-MM-DD, UTC).", valueName: "date"), transform: Day.parse)
        var until: Day?

        func run() throws {
            let store = try databaseOptions.open()
            let filter = ReportFilter(
                domains: domain.compactMap(DomainName.normalized),
                sinceDay: since?.number,
                untilDay: until?.number
            )
            let output = FileHandle.standardOutput
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 16)
            try store.forEachReport(matching: filter) { stored in
                buffer.append(contentsOf: ExportWriter.line(for: stored))
                buffer.append(0x0A)
                if buffer.count >= 1 << 16 {
                    output.write(Data(buffer))
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            output.write(Data(buffer))
        }
    }
}
