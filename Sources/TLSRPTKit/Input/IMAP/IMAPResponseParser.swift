/// Splits the bytes an IMAP server sends into ``IMAPResponse`` values, with bounded memory.
///
/// Bytes are appended as they arrive; ``next()`` returns each complete response. A line ending in
/// a literal marker `{n}` (or `{n+}`) continues after `n` raw bytes, so a message body inside
/// `* 1 FETCH (BODY[] {5000}\r\n…)` is read exactly, whatever bytes it holds. A hostile server
/// cannot make it hold more than ``Limits``: a line longer than ``Limits/maximumLineLength``
/// without CRLF, a literal announced larger than ``Limits/maximumLiteralSize``, or more than
/// ``Limits/maximumLiteralsPerResponse`` literals in one response fail with an
/// ``IMAPProtocolError`` before the bytes are buffered.
struct IMAPResponseParser: Sendable {
    /// The bounds on what one response may hold.
    struct Limits: Sendable {
        /// The longest line part (between literals), CRLF excluded. 4 MiB holds the `UID SEARCH`
        /// answer of a mailbox of about 500,000 messages.
        var maximumLineLength = 4 << 20
        /// The largest literal: one message. 64 MiB, above the MIME parser's own limits.
        var maximumLiteralSize = 64 << 20
        /// Literals in one response (a FETCH of one body carries one).
        var maximumLiteralsPerResponse = 16
    }

    let limits: Limits
    private var buffer: [UInt8] = []
    /// Where unread bytes start in ``buffer``.
    private var start = 0
    /// How far ``buffer`` was searched for LF without finding one.
    private var scanned = 0
    /// The response being assembled, when a literal interrupted its line.
    private var partial: (text: [UInt8], literals: [[UInt8]])?
    /// The size of the literal being waited for, if any.
    private var awaitedLiteral: Int?

    init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Bytes buffered and not yet returned as part of a response.
    var bufferedByteCount: Int { buffer.count - start }

    /// Adds bytes received from the server.
    mutating func append<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeSubrange(..<start)
            scanned -= start
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete response, or `nil` when more bytes are needed.
    /// - Throws: ``IMAPProtocolError`` when the bytes break a limit or are not IMAP.
    mutating func next() throws(IMAPProtocolError) -> IMAPResponse? {
        while true {
            if let size = awaitedLiteral {
                guard buffer.count - start >= size else { return nil }
                partial?.literals.append(Array(buffer[start..<start + size]))
                start += size
                scanned = start
                awaitedLiteral = nil
                continue
            }
            guard let lineFeed = buffer[max(scanned, start)...].firstIndex(of: 0x0A) else {
                scanned = buffer.count
                if buffer.count - start > limits.maximumLineLength + 1 { throw .lineTooLong(limit: limits.maximumLineLength) }
                return nil
            }
            var end = lineFeed
            if end > start, buffer[end - 1] == 0x0D { end -= 1 }
            guard end - start <= limits.maximumLineLength else { throw .lineTooLong(limit: limits.maximumLineLength) }
            let line = buffer[start..<end]
            start = lineFeed + 1
            scanned = start
            var text = partial?.text ?? []
            let literals = partial?.literals ?? []
            guard text.count + line.count <= limits.maximumLineLength else { throw .lineTooLong(limit: limits.maximumLineLength) }
            text.append(contentsOf: line)
            if let size = try Self.literalSize(endingLine: line) {
                guard size <= limits.maximumLiteralSize else { throw .literalTooLarge(size: size, limit: limits.maximumLiteralSize) }
                guard literals.count < limits.maximumLiteralsPerResponse else {
                    throw .tooManyLiterals(limit: limits.maximumLiteralsPerResponse)
                }
                partial = (text, literals)
                awaitedLiteral = size
                continue
            }
            partial = nil
            return try Self.response(text: text, literals: literals)
        }
    }

    /// The size `n` when `line` ends with a literal marker `{n}` or `{n+}`.
    static func literalSize(endingLine line: ArraySlice<UInt8>) throws(IMAPProtocolError) -> Int? {
        guard line.last == UInt8(ascii: "}"), let open = line.lastIndex(of: UInt8(ascii: "{")) else { return nil }
        var digits = line[(open + 1)..<(line.endIndex - 1)]
        if digits.last == UInt8(ascii: "+") { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        guard digits.count <= 12 else { throw .literalTooLarge(size: Int.max, limit: 0) }
        return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// Classifies a complete response by its first word.
    static func response(text: [UInt8], literals: [[UInt8]]) throws(IMAPProtocolError) -> IMAPResponse {
        guard let first = text.first else { throw .malformed("an empty line") }
        if first == UInt8(ascii: "*") {
            return IMAPResponse(kind: .untagged, text: Array(text.dropFirst(text.count > 1 && text[1] == 0x20 ? 2 : 1)), literals: literals)
        }
        if first == UInt8(ascii: "+") {
            return IMAPResponse(kind: .continuation, text: Array(text.dropFirst(text.count > 1 && text[1] == 0x20 ? 2 : 1)), literals: literals)
        }
        guard let space = text.firstIndex(of: 0x20), space > 0 else {
            throw .malformed("a line that is neither tagged, untagged nor a continuation")
        }
        let tag = String(decoding: text[..<space], as: UTF8.self)
        return IMAPResponse(kind: .tagged(tag), text: Array(text[(space + 1)...]), literals: literals)
    }
}

/// The server's bytes are not IMAP, or break one of ``IMAPResponseParser/Limits``.
public enum IMAPProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A line (or line part between literals) is longer than the limit.
    case lineTooLong(limit: Int)
    /// A literal announces more bytes than the limit.
    case literalTooLarge(size: Int, limit: Int)
    /// One response carries more literals than the limit.
    case tooManyLiterals(limit: Int)
    /// Something else that is not IMAP; the text says what.
    case malformed(String)

    public var description: String {
        switch self {
        case .lineTooLong(let limit): "the server sent a line longer than \(limit) bytes"
        case .literalTooLarge(let size, let limit):
            size == .max ? "the server announced an impossibly large literal" : "the server announced a literal of \(size) bytes (the limit is \(limit))"
        case .tooManyLiterals(let limit): "the server sent a response with more than \(limit) literals"
        case .malformed(let what): "the server sent \(what), which is not IMAP"
        }
    }
}
