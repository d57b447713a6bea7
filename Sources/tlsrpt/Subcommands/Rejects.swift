import ArgumentParser
import Foundation
import TLSRPTKit

extension TLSRPTCommand {
    struct Rejects: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the inputs that could not be stored as reports, with the reason.",
            discussion: """
                Their original bytes are kept in the database: `tlsrpt reprocess` decodes them again \
                after an upgrade. --conflicts also lists reports whose organisation and report-id were \
                already stored with different content (the first one is kept). `tlsrpt show ID` prints \
                the original of the input listed as `#ID`. Text fits the terminal (80 columns \
                when not one): long paths and reasons wrap.
                """
        )

        @OptionGroup var databaseOptions: DatabaseOptions

        @Flag(name: .long, help: "Also list conflicting reports (same organisation and report-id, different content).")
        var conflicts = false

        @Flag(name: .long, help: "Print one JSON object per line instead of text.")
        var json = false

        func run() throws {
            let store = try databaseOptions.open()
            let inputs = try store.inputs(withStatus: conflicts ? [.rejected, .conflict] : [.rejected])
            print(
                json ? try RejectsRenderer.jsonLines(inputs) : RejectsRenderer.text(inputs, columns: TerminalWidth.columns()),
                terminator: "")
        }
    }
}
