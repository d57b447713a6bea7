/// The header fields of an RFC 5322 message or MIME entity, in their original order.
///
/// Field names are matched case-insensitively. Values are unfolded (the line breaks of folded
/// continuation lines are removed, RFC 5322 §2.2.3) and trimmed, but otherwise raw: RFC 2047
/// encoded words are only decoded by `decoded(_:)`.
///
/// Storage is one copy of the raw header block plus byte ranges; strings are only built for the
/// fields that are asked for, which keeps parsing cheap for the many `Received`/`DKIM-Signature`/`ARC-*`
/// fields of real report mail that nobody reads.
struct MIMEHeaders: Sendable, Equatable {
    /// One header field.
    struct Field: Sendable, Equatable {
        /// The field name as written (e.g. `Content-Type`).
        var name: String
        /// The unfolded, trimmed field body.
        var value: String
    }

    /// Where one field lies in `storage`.
    private struct Entry: Sendable, Equatable {
        /// The field name, without the colon and surrounding white space.
        var name: Range<Int>
        /// The field body, trimmed, still folded (it may contain line breaks before continuation lines).
        var value: Range<Int>
    }

    /// The raw bytes the entries point into.
    private var storage: [UInt8]
    /// The fields in their original order.
    private var entries: [Entry]

    /// Creates headers from fields.
    init(fields: [Field] = []) {
        storage = []
        entries = []
        for field in fields {
            let nameStart = storage.count
            storage += field.name.utf8
            let valueStart = storage.count
            storage += field.value.utf8
            entries.append(Entry(name: nameStart..<valueStart, value: valueStart..<storage.count))
        }
    }

    /// Creates headers over `storage` with already computed entries.
    private init(storage: [UInt8], entries: [Entry]) {
        self.storage = storage
        self.entries = entries
    }

    /// The fields in the order they appeared.
    var fields: [Field] {
        entries.map { entry in
            Field(name: String(decoding: storage[entry.name], as: UTF8.self), value: unfoldedValue(entry))
        }
    }

    /// The first field named `name` (case-insensitive), unfolded and trimmed; raw, not RFC 2047-decoded.
    subscript(name: String) -> String? {
        let wanted = Array(name.utf8)
        return entries.first { nameMatches($0, wanted) }.map(unfoldedValue)
    }

    /// All fields named `name` (case-insensitive), in order.
    func values(named name: String) -> [String] {
        let wanted = Array(name.utf8)
        return entries.filter { nameMatches($0, wanted) }.map(unfoldedValue)
    }

    /// Like the subscript, with RFC 2047 encoded words decoded (for `Subject`, `From` and the like).
    func decoded(_ name: String) -> String? {
        self[name].map(EncodedWordDecoder.decode)
    }

    /// Whether the entry's name equals `wanted`, ignoring ASCII case.
    private func nameMatches(_ entry: Entry, _ wanted: [UInt8]) -> Bool {
        guard entry.name.count == wanted.count else { return false }
        var index = entry.name.lowerBound
        for byte in wanted {
            if MailByteScanning.lowercased(storage[index]) != MailByteScanning.lowercased(byte) { return false }
            index += 1
        }
        return true
    }

    /// The entry's value with folding line breaks removed (a LF, and a CR right before it).
    private func unfoldedValue(_ entry: Entry) -> String {
        let raw = storage[entry.value]
        guard raw.contains(MailByteScanning.lineFeed) else {
            return MailByteScanning.string(fromHeaderBytes: raw)
        }
        var unfolded: [UInt8] = []
        unfolded.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            let isBreak = byte == MailByteScanning.lineFeed
                || (byte == MailByteScanning.carriageReturn && index + 1 < raw.endIndex
                    && raw[index + 1] == MailByteScanning.lineFeed)
            if !isBreak { unfolded.append(byte) }
            index += 1
        }
        return MailByteScanning.string(fromHeaderBytes: unfolded)
    }

    // MARK: - Parsing

    /// Parses the header block at the start of `bytes`.
    ///
    /// The block ends at the first empty line (CRLF or LF), which is consumed. It also ends, leniently,
    /// at the first line that is neither a `Name: value` field nor a continuation line; that line is then
    /// the first line of the body ("a body with no blank line"). Without either, the whole input is headers.
    ///
    /// - Returns: the headers and the index in `bytes` where the body starts.
    static func parse(_ bytes: ArraySlice<UInt8>) -> (headers: MIMEHeaders, bodyStart: Int) {
        let start = bytes.startIndex
        var entries: [Entry] = []
        // The field being collected, with ranges relative to `start`.
        var currentName: Range<Int>?
        var currentValueStart = 0
        var currentValueEnd = 0

        func finishField() {
            guard let name = currentName else { return }
            var lower = currentValueStart
            var upper = currentValueEnd
            while lower < upper, MailByteScanning.isWhitespace(bytes[start + lower]) { lower += 1 }
            while upper > lower, MailByteScanning.isWhitespace(bytes[start + upper - 1]) { upper -= 1 }
            entries.append(Entry(name: name, value: lower..<upper))
            currentName = nil
        }

        func headers(upTo end: Int) -> MIMEHeaders {
            finishField()
            return MIMEHeaders(storage: Array(bytes[start..<end]), entries: entries)
        }

        var lineStart = start
        while lineStart < bytes.endIndex {
            let (contentEnd, nextLineStart) = MailByteScanning.line(in: bytes, startingAt: lineStart)
            guard lineStart < contentEnd else {
                // Empty line: end of the header block.
                return (headers(upTo: lineStart), nextLineStart)
            }
            let line = bytes[lineStart..<contentEnd]
            if MailByteScanning.isSpaceOrTab(bytes[lineStart]) {
                guard currentName != nil else {
                    // A continuation line with nothing to continue: not a header block.
                    return (headers(upTo: lineStart), lineStart)
                }
                // Unfolding (on access) removes only the line break; the leading white space stays.
                currentValueEnd = contentEnd - start
            } else if let colon = fieldNameEnd(line) {
                finishField()
                let nameBytes = MailByteScanning.trimmingWhitespace(line[line.startIndex..<colon])
                currentName = (nameBytes.startIndex - start)..<(nameBytes.endIndex - start)
                currentValueStart = colon + 1 - start
                currentValueEnd = contentEnd - start
            } else {
                return (headers(upTo: lineStart), lineStart)
            }
            lineStart = nextLineStart
        }
        return (headers(upTo: bytes.endIndex), bytes.endIndex)
    }

    /// The index of the colon when `line` starts with a field name, optionally followed by spaces or tabs
    /// (RFC 5322 obsolete syntax), otherwise `nil`.
    ///
    /// Names are limited to the HTTP token characters (letters, digits and ``!#$%&'*+-.^_`|~``), which every
    /// real header name uses. RFC 5322 allows more, but the stricter rule lets a body that follows the
    /// headers without an empty line (e.g. JSON `{"a":1}`) end the header block.
    static func fieldNameEnd(_ line: ArraySlice<UInt8>) -> Int? {
        var index = line.startIndex
        while index < line.endIndex, isFieldNameByte(line[index]) {
            index += 1
        }
        guard index > line.startIndex else { return nil }
        var colon = index
        while colon < line.endIndex, MailByteScanning.isSpaceOrTab(line[colon]) { colon += 1 }
        guard colon < line.endIndex, line[colon] == UInt8(ascii: ":") else { return nil }
        return colon
    }

    /// Whether `byte` may appear in a field name (an HTTP `tchar`).
    private static func isFieldNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
