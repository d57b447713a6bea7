import ArgumentParser
import Foundation
import TLSRPTKit

extension TLSRPTCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the original of a stored input, as it was received.",
            discussion: """
                INPUT-ID is the number `tlsrpt rejects` lists (`#12`) or the `input-id` of an exported \
                report. A gzip'd original is shown decompressed; --raw prints the stored bytes \
                untouched. Reports that decoded are kept as their JSON, byte for byte, without the \
                gzip or e-mail wrapper they came in; rejected inputs are kept exactly as received. \
                On a terminal, control characters and bytes that are not UTF-8 are shown as escapes; \
                redirect the output to get the bytes themselves.
                """
        )

        @OptionGroup var databaseOptions: DatabaseOptions

        @Argument(help: ArgumentHelp("The stored input's id, e.g. 12 or #12.", valueName: "input-id"))
        var inputID: String

        @Flag(name: .long, help: "Print the stored bytes without decompressing them.")
        var raw = false

        /// The id without its optional `#`.
        private var id: Int64? { Int64(inputID.hasPrefix("#") ? String(inputID.dropFirst()) : inputID) }

        func validate() throws {
            guard id != nil else {
                throw ValidationError("the input id must be a number, as `tlsrpt rejects` lists it (e.g. 12 or #12)")
            }
        }

        func run() throws {
            let id = id!
            let store = try databaseOptions.open()
            guard let input = try store.input(withID: id) else {
                StandardError.write("tlsrpt: no stored input has the id \(id); `tlsrpt rejects` lists them\n")
                throw ExitCode(ExitStatus.usageOrIOError.rawValue)
            }
            let display = OriginalDisplay(
                original: try store.original(ofInput: id), of: input, raw: raw, terminal: isatty(STDOUT_FILENO) == 1)
            for note in display.notes { StandardError.write("tlsrpt: \(note)\n") }
            FileHandle.standardOutput.write(Data(display.output))
        }
    }
}
