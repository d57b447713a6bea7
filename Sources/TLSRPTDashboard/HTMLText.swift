import Foundation
import TLSRPTKit

/// Text made safe for HTML outside the templates (which escape every `{{value}}` themselves).
enum HTMLText {
    /// `&`, `<`, `>`, `"` and `'` as character references, after the control, bidi and
    /// zero-width characters a reporter may hide in a string are made visible
    /// (``TLSRPTKit/TerminalText/sanitized(_:)``).
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in TerminalText.sanitized(text) {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// `text` as a link target when it is an `http` or `https` URL with a host and nothing a
    /// browser would read otherwise (spaces, quotes, angle brackets, control characters); `nil`
    /// for anything else (`javascript:`, `data:`, relative paths), which is shown as text only.
    static func webLink(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= 2048,
            trimmed.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && !"\"'<>`\\".unicodeScalars.contains($0) }),
            let components = URLComponents(string: trimmed),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { return nil }
        return trimmed
    }
}
