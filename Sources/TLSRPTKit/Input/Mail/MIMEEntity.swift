/// A parsed RFC 5322 message or MIME entity (RFC 2045/2046).
///
/// Parsing is lenient and never throws: every input yields an entity, however malformed. See
/// `MIMEEntityParser` for the rules and limits (nesting depth, number of parts).
struct MIMEEntity: Sendable, Equatable {
    /// The entity's header fields.
    var headers: MIMEHeaders
    /// Lowercased `type/subtype`; `text/plain` when `Content-Type` is absent or invalid
    /// (`message/rfc822` for the parts of a `multipart/digest`).
    var mediaType: String
    /// The `Content-Type` parameters. Keys are lowercased; RFC 2231 continuations are reassembled
    /// and charset-decoded. Values are not RFC 2047-decoded.
    var mediaParameters: [String: String]
    /// The lowercased `Content-Disposition` type (e.g. `attachment`, `inline`), or `nil` when absent.
    var dispositionType: String?
    /// The `Content-Disposition` parameters, keyed and decoded like `mediaParameters`.
    var dispositionParameters: [String: String]
    /// The attachment's file name: the `Content-Disposition` `filename`, else the `Content-Type` `name`,
    /// RFC 2231- and RFC 2047-decoded and trimmed; `nil` when neither is present or the name is empty.
    var fileName: String?
    /// The parts of a `multipart/*` entity, or the embedded message of a `message/rfc822` entity.
    var children: [MIMEEntity]
    /// The transfer-decoded body of a leaf. Empty for entities that have children.
    var body: [UInt8]

    /// Parses a message or entity. Never fails; a leading mbox `From ` line is skipped.
    static func parse(_ bytes: [UInt8]) -> MIMEEntity {
        var parser = MIMEEntityParser()
        return parser.parseMessage(bytes[...])
    }

    /// Parses a message like ``parse(_:)`` and says which limit (nesting depth, number of parts),
    /// if any, kept part of it unread: a sentence naming the limit, or `nil`.
    static func parseReportingLimits(_ bytes: [UInt8]) -> (entity: MIMEEntity, exceededLimit: String?) {
        var parser = MIMEEntityParser()
        let entity = parser.parseMessage(bytes[...])
        return (entity, parser.exceededLimit)
    }

    /// The entities without children, depth-first in document order; `[self]` when there are no children.
    func leaves() -> [MIMEEntity] {
        guard !children.isEmpty else { return [self] }
        var result: [MIMEEntity] = []
        appendLeaves(to: &result)
        return result
    }

    /// Appends the leaves below (or equal to) this entity to `result`.
    private func appendLeaves(to result: inout [MIMEEntity]) {
        if children.isEmpty {
            result.append(self)
        } else {
            for child in children {
                child.appendLeaves(to: &result)
            }
        }
    }

    /// Heuristic: do these bytes start like an RFC 5322 message?
    ///
    /// True when they start with an mbox `From ` line, or when every line up to the first empty line
    /// (or the end of the prefix) is a `Name: value` header field or a folded continuation line, there is
    /// at least one field, and the first line starts with an ASCII letter. Field names use the same
    /// character set as the parser (`MIMEHeaders.fieldNameEnd`), so JSON (`{"a": 1}`), prose and binary
    /// data are rejected. A last line cut off by the end of the prefix inside a field name counts neither way.
    static func looksLikeMessage(_ prefix: ArraySlice<UInt8>) -> Bool {
        if MailByteScanning.hasPrefix(prefix, Array("From ".utf8)) { return true }
        guard let firstByte = prefix.first, isASCIILetter(firstByte) else { return false }
        var sawField = false
        var lineStart = prefix.startIndex
        while lineStart < prefix.endIndex {
            let (contentEnd, nextLineStart) = MailByteScanning.line(in: prefix, startingAt: lineStart)
            let line = prefix[lineStart..<contentEnd]
            guard let first = line.first else { return sawField }
            if MailByteScanning.isSpaceOrTab(first) {
                guard sawField else { return false }
            } else if MIMEHeaders.fieldNameEnd(line) != nil {
                sawField = true
            } else {
                let isLastLine = nextLineStart == prefix.endIndex && prefix.last != MailByteScanning.lineFeed
                let isPartialName = !line.contains(UInt8(ascii: ":")) && !line.contains(where: MailByteScanning.isWhitespace)
                return isLastLine && isPartialName && sawField
            }
            lineStart = nextLineStart
        }
        return sawField
    }

    /// Whether `byte` is an ASCII letter.
    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
    }
}
