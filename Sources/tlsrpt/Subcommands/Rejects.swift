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
                the original of the input listed as `#ID`.
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
            for input in inputs {
                if json {
                    var object: [String: Any] = [
                        "id": input.id, "status": input.status.rawValue, "reason": input.reason ?? "",
                        "source": input.provenance.source, "size": input.originalSize,
                        "received_at": Timestamp.format(input.provenance.receivedAt),
                    ]
                    object["file_name"] = input.provenance.fileName
                    object["message_id"] = input.provenance.messageID
                    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                    print(String(decoding: data, as: UTF8.self))
                } else {
                    var line = "#\(input.id) \(Timestamp.format(input.provenance.receivedAt)) \(input.status.rawValue): "
                    line += TerminalText.sanitized(input.provenance.source)
                    if let name = input.provenance.fileName { line += " (" + TerminalText.sanitized(name) + ")" }
                    if let messageID = input.provenance.messageID { line += " <" + TerminalText.sanitized(messageID) + ">" }
                    line += "\n    " + TerminalText.sanitized(input.reason ?? "")
                    print(line)
                }
            }
            if !json, inputs.isEmpty { print("no rejected inputs") }
        }
    }
}
