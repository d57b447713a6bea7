import Foundation

/// Writing the header fields of the summary e-mail (RFC 5322, RFC 2047).
enum SummaryMailHeaders {
    /// Longest header line we aim for (RFC 5322 §2.1.1: SHOULD be at most 78).
    static let lineLength = 78

    /// `value` up to its first CR or LF, without any other control character: nothing a caller
    /// passes can end a header field early or smuggle in another one.
    static func singleLine(_ value: String) -> String {
        var result = ""
        for scalar in value.unicodeScalars {
            if scalar == "\r" || scalar == "\n" { break }
            if !TerminalText.isUnsafe(scalar) { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    /// `Name: value` for an unstructured field such as `Subject`, folded at spaces; as RFC 2047
    /// encoded-words when `value` is not plain ASCII (or could be mistaken for encoded-words).
    static func unstructured(_ name: String, _ value: String) -> String {
        let value = singleLine(value)
        let words = value.split(separator: " ", omittingEmptySubsequences: false)
        let plain =
            value.unicodeScalars.allSatisfy { $0.isASCII } && !value.contains("=?")
            && words.allSatisfy { $0.count <= lineLength - name.count - 2 }
        guard plain else { return name + ": " + encodedWords(value) }
        return folded(name + ":", words.map(String.init), separator: " ")
    }

    /// `Name: a, b, c` for an address-list field, folded between addresses.
    static func addressList(_ name: String, _ addresses: [String]) -> String {
        let mailboxes = addresses.map(mailbox).filter { !$0.isEmpty }
        guard !mailboxes.isEmpty else { return name + ": undisclosed-recipients:;" }
        let items = mailboxes.indices.map { $0 < mailboxes.count - 1 ? mailboxes[$0] + "," : mailboxes[$0] }
        return folded(name + ":", items, separator: " ")
    }

    /// One mailbox (`addr@example.com` or `Display Name <addr@example.com>`) made single-line;
    /// a non-ASCII display name becomes RFC 2047 encoded-words.
    static func mailbox(_ value: String) -> String {
        let value = singleLine(value).trimmingCharacters(in: .whitespaces)
        guard !value.unicodeScalars.allSatisfy({ $0.isASCII }), value.hasSuffix(">"),
            let open = value.lastIndex(of: "<")
        else { return value }
        var name = value[..<open].trimmingCharacters(in: .whitespaces)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
        let address = String(value[open...])
        guard !name.isEmpty, !name.unicodeScalars.allSatisfy({ $0.isASCII }) else { return value }
        return encodedWords(name) + " " + address
    }

    /// `value` as RFC 2047 `B` encoded-words of UTF-8, each at most 75 characters and holding whole
    /// characters, separated by folding white space (CRLF SP).
    static func encodedWords(_ value: String) -> String {
        // 42 bytes are 56 base64 characters: a 68-character word that fits after `Subject: `.
        let maximumBytes = 42
        var chunks: [[UInt8]] = [[]]
        for scalar in value.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunks[chunks.count - 1].count + bytes.count > maximumBytes { chunks.append([]) }
            chunks[chunks.count - 1] += bytes
        }
        return chunks.map { "=?utf-8?B?" + Data($0).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }

    /// `head` and `items` separated by `separator`, with CRLF SP before an item that would make
    /// the line longer than ``lineLength``.
    private static func folded(_ head: String, _ items: [String], separator: String) -> String {
        var result = head
        var lineUsed = head.count
        for item in items {
            if !item.isEmpty, lineUsed + separator.count + item.count > lineLength, lineUsed > head.count {
                result += "\r\n"
                lineUsed = 0
            }
            result += separator + item
            lineUsed += separator.count + item.count
        }
        return result
    }
}
