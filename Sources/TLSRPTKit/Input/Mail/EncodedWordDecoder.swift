/// Decodes RFC 2047 encoded words (`=?charset?B?…?=`, `=?charset?Q?…?=`) in header text.
///
/// Lenient and linear:
/// * the encoding letter is case-insensitive, the charset may carry an RFC 2231 language (`utf-8*en`);
/// * white space between two adjacent encoded words is removed (RFC 2047 §6.2);
/// * adjacent encoded words with the same charset are joined *before* charset decoding, so a
///   multi-byte character split across two words survives;
/// * anything that is not a well-formed encoded word is kept as it is;
/// * lookups use precomputed "next position" tables, so text full of `=?` cannot cause quadratic work;
/// * text longer than `maximumDecodableLength` (no real header is) is returned unchanged, which bounds
///   the memory of those tables.
enum EncodedWordDecoder {
    /// The longest charset label accepted.
    static let maximumCharsetLength = 64
    /// The longest text that is decoded (1 MiB of UTF-8).
    static let maximumDecodableLength = 1 << 20

    /// One encoded word found in the text.
    private struct EncodedWord {
        /// Charset label, lowercased, without language suffix.
        var charset: String
        /// The transfer-decoded (but not yet charset-decoded) bytes.
        var bytes: [UInt8]
        /// Index just after the closing `?=`.
        var end: Int
    }

    /// `text` with every encoded word replaced by its decoded characters.
    static func decode(_ text: String) -> String {
        guard text.utf8.count <= maximumDecodableLength,
              MailByteScanning.contains(text, UInt8(ascii: "="), UInt8(ascii: "?"))
        else { return text }
        let bytes = Array(text.utf8)
        let lookahead = Lookahead(bytes)
        var result = ""
        var literalStart = 0
        var index = 0
        // Pending run of adjacent encoded words sharing a charset.
        var pendingCharset: String?
        var pendingBytes: [UInt8] = []

        func flushPending() {
            if let charset = pendingCharset {
                result += MIMECharset.decode(pendingBytes, charset: charset)
            }
            pendingCharset = nil
            pendingBytes = []
        }

        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "="),
                  index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "?"),
                  let word = encodedWord(in: bytes, at: index, lookahead: lookahead)
            else {
                index += 1
                continue
            }
            let literal = bytes[literalStart..<index]
            let onlyWhitespaceBetweenWords = pendingCharset != nil
                && literal.allSatisfy(MailByteScanning.isWhitespace)
            if !onlyWhitespaceBetweenWords {
                flushPending()
                result += MailByteScanning.string(fromHeaderBytes: literal)
            }
            if let charset = pendingCharset, charset != word.charset {
                flushPending()
            }
            pendingCharset = word.charset
            pendingBytes += word.bytes
            index = word.end
            literalStart = index
        }
        flushPending()
        if literalStart < bytes.count {
            result += MailByteScanning.string(fromHeaderBytes: bytes[literalStart...])
        }
        return result
    }

    /// For every position, the next position of interesting bytes, so each encoded word is found in
    /// constant time and text full of `=?` stays linear.
    private struct Lookahead {
        /// Index of the next `?` at or after each position (`count` when none).
        private var nextQuestionMarks: [Int32]
        /// Index of the next `?=` at or after each position (`count` when none).
        private var nextTerminators: [Int32]
        /// Index of the next white space byte at or after each position (`count` when none).
        private var nextWhitespaces: [Int32]

        /// Builds the tables in one backward pass; `bytes` must be shorter than `Int32.max`.
        init(_ bytes: [UInt8]) {
            let count = bytes.count
            let none = Int32(truncatingIfNeeded: count)
            nextQuestionMarks = [Int32](repeating: none, count: count + 1)
            nextTerminators = [Int32](repeating: none, count: count + 1)
            nextWhitespaces = [Int32](repeating: none, count: count + 1)
            var index = count - 1
            while index >= 0 {
                let byte = bytes[index]
                let here = Int32(truncatingIfNeeded: index)
                nextQuestionMarks[index] = byte == UInt8(ascii: "?") ? here : nextQuestionMarks[index + 1]
                let isTerminator = byte == UInt8(ascii: "?") && index + 1 < count && bytes[index + 1] == UInt8(ascii: "=")
                nextTerminators[index] = isTerminator ? here : nextTerminators[index + 1]
                nextWhitespaces[index] = MailByteScanning.isWhitespace(byte) ? here : nextWhitespaces[index + 1]
                index -= 1
            }
        }

        /// The next `?` at or after `position`.
        func nextQuestionMark(_ position: Int) -> Int { Int(nextQuestionMarks[position]) }
        /// The next `?=` at or after `position`.
        func nextTerminator(_ position: Int) -> Int { Int(nextTerminators[position]) }
        /// The next white space at or after `position`.
        func nextWhitespace(_ position: Int) -> Int { Int(nextWhitespaces[position]) }
    }

    /// Parses the encoded word starting with `=?` at `start`, or returns `nil` when it is malformed.
    private static func encodedWord(in bytes: [UInt8], at start: Int, lookahead: Lookahead) -> EncodedWord? {
        // charset: up to the next `?`, no white space
        let charsetStart = start + 2
        guard charsetStart < bytes.count else { return nil }
        let charsetEnd = lookahead.nextQuestionMark(charsetStart)
        guard charsetEnd < bytes.count, charsetEnd > charsetStart,
              charsetEnd - charsetStart <= maximumCharsetLength,
              lookahead.nextWhitespace(charsetStart) > charsetEnd
        else { return nil }
        let charsetLabel = MailByteScanning.string(fromHeaderBytes: bytes[charsetStart..<charsetEnd]).lowercased()
        let charset = charsetLabel.split(separator: "*", maxSplits: 1).first.map(String.init) ?? charsetLabel
        // encoding letter followed by `?`
        guard charsetEnd + 2 < bytes.count, bytes[charsetEnd + 2] == UInt8(ascii: "?") else { return nil }
        let encodingLetter = MailByteScanning.lowercased(bytes[charsetEnd + 1])
        guard encodingLetter == UInt8(ascii: "b") || encodingLetter == UInt8(ascii: "q") else { return nil }
        // encoded text: up to `?=`, no white space
        let textStart = charsetEnd + 3
        guard textStart < bytes.count else { return nil }
        let textEnd = lookahead.nextTerminator(textStart)
        guard textEnd < bytes.count, lookahead.nextWhitespace(textStart) > textEnd else { return nil }
        let encodedText = bytes[textStart..<textEnd]
        let decoded = encodingLetter == UInt8(ascii: "b")
            ? TransferDecoding.decodeBase64(encodedText)
            : TransferDecoding.decodeQuotedPrintable(encodedText, underscoreIsSpace: true)
        return EncodedWord(charset: charset, bytes: decoded, end: textEnd + 2)
    }
}
