import Foundation

/// `tlsrpt rejects` (and the dashboard's list of rejects): stored inputs that did not become
/// reports, with where they came from and why.
///
/// Text fits `columns` (80 when the output is not a terminal): a long path or reason wraps,
/// continuation lines indented, rather than being cut. Reporter-supplied text is neutralised
/// (``TerminalText``). JSON is one object per input and line.
public enum RejectsRenderer {
    /// One entry per input: `#ID time status: source (file name) <message-id>`, then the reason
    /// indented; `no rejected inputs` when there are none.
    public static func text(_ inputs: [StoredInput], columns: Int = TextWrapping.defaultColumns) -> String {
        guard !inputs.isEmpty else { return "no rejected inputs\n" }
        let safe = TerminalText.sanitized
        var lines: [String] = []
        for input in inputs {
            var heading = "#\(input.id) \(Timestamp.format(input.provenance.receivedAt)) \(input.status.rawValue): "
            heading += safe(input.provenance.source)
            if let name = input.provenance.fileName { heading += " (" + safe(name) + ")" }
            if let messageID = input.provenance.messageID { heading += " <" + safe(messageID) + ">" }
            lines += TextWrapping.wrapped(heading, columns: columns, indent: "    ")
            lines += TextWrapping.wrapped(
                safe(input.reason ?? ""), columns: columns, firstIndent: "    ", indent: "      ")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One JSON object per input and line, keys sorted: `id`, `status`, `reason`, `source`,
    /// `file_name` and `message_id` when known, `size` (of the original), `received_at`.
    public static func jsonLines(_ inputs: [StoredInput]) throws -> String {
        var text = ""
        for input in inputs {
            var object: [String: Any] = [
                "id": input.id, "status": input.status.rawValue, "reason": input.reason ?? "",
                "source": input.provenance.source, "size": input.originalSize,
                "received_at": Timestamp.format(input.provenance.receivedAt),
            ]
            object["file_name"] = input.provenance.fileName
            object["message_id"] = input.provenance.messageID
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            text += String(decoding: data, as: UTF8.self) + "\n"
        }
        return text
    }
}
