extension ContentSniffer {
    /// How many bytes of an input a rejection reason quotes.
    static let quotedPrefixLength = 24

    /// A reason for an input whose name promises a report (`.json`, `.gz`, an RFC 8460 `!` name)
    /// but whose bytes are something else, e.g. `not gzip: starts with "<html><head><title>40…"
    /// (an HTML page)` for an error page saved by a failed download.
    static func mismatchReason(_ bytes: [UInt8], fileName: String?) -> String {
        let name = fileName?.lowercased() ?? ""
        let expected = name.hasSuffix(".gz") ? "not gzip" : name.hasSuffix(".json") ? "not JSON" : "not a report"
        return "\(expected): starts with \(quotedPrefix(of: bytes)) (\(description(of: bytes)))"
    }

    /// What `bytes` most likely are, in a few words: an HTML page, an XML document, a PDF
    /// document, plain text or binary data.
    static func description(of bytes: [UInt8]) -> String {
        if bytes.starts(with: Array("%PDF-".utf8)) { return "a PDF document" }
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        let head = String(decoding: bytes[start..<min(bytes.count, start + 512)], as: UTF8.self).lowercased()
        if head.hasPrefix("<!doctype html") || head.hasPrefix("<html") || head.contains("<head>") || head.contains("<body") {
            return "an HTML page"
        }
        if head.hasPrefix("<") { return "an XML document" }
        if kind(of: bytes) == .zip { return "a zip archive" }
        return InputDecoder.isPlainText(bytes) ? "plain text" : "binary data"
    }

    /// The first bytes of `bytes` in quotes, printable ASCII kept and everything else shown as
    /// `\xHH`, so that a reason never carries a stranger's control characters.
    static func quotedPrefix(of bytes: [UInt8]) -> String {
        var text = "\""
        for byte in bytes.prefix(quotedPrefixLength) {
            switch byte {
            case 0x22, 0x5C: text += "\\" + String(UnicodeScalar(byte))
            case 0x20...0x7E: text.unicodeScalars.append(UnicodeScalar(byte))
            default: text += "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        guard bytes.count > quotedPrefixLength else { return text + "\"" }
        while text.hasSuffix(" ") { text.removeLast() }
        return text + "…\""
    }
}
