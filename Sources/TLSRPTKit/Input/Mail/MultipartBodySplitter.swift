/// Splits the body of a `multipart/*` entity into its parts (RFC 2046 §5.1.1).
///
/// * A delimiter is a line `--boundary`, a close delimiter `--boundary--`; either may be followed by
///   white space (including a CR) before the line break. Other text after the boundary means the line is
///   not a delimiter, so a boundary that is a prefix of a nested one does not split the nested part.
/// * The line break before a delimiter belongs to the delimiter, not to the part.
/// * The preamble before the first delimiter and the epilogue after the close delimiter are ignored.
/// * A missing close delimiter is tolerated: the last part runs to the end of the body.
/// * One pass over the bytes; each line is compared with the boundary at most once.
enum MultipartBodySplitter {
    /// The longest boundary accepted. RFC 2046 allows 70 characters; real mailers stay well below 200.
    static let maximumBoundaryLength = 512

    /// What a line is, relative to the boundary.
    private enum DelimiterKind {
        case open
        case close
    }

    /// The ranges (indices of `body`) of the parts, at most `maximumParts` of them.
    ///
    /// Returns no parts when the boundary is empty, too long, or contains a line break.
    static func split(_ body: ArraySlice<UInt8>, boundary: String, maximumParts: Int) -> [Range<Int>] {
        let boundaryBytes = Array(boundary.utf8)
        guard !boundaryBytes.isEmpty, boundaryBytes.count <= maximumBoundaryLength,
              !boundaryBytes.contains(MailByteScanning.lineFeed),
              !boundaryBytes.contains(MailByteScanning.carriageReturn),
              maximumParts > 0
        else { return [] }
        let delimiter = Array("--".utf8) + boundaryBytes

        var parts: [Range<Int>] = []
        var currentPartStart: Int?
        var lineStart = body.startIndex
        while lineStart < body.endIndex {
            let lineFeed = MailByteScanning.indexOfLineFeed(in: body, from: lineStart)
            let lineEnd = lineFeed ?? body.endIndex
            let nextLineStart = lineFeed.map { $0 + 1 } ?? body.endIndex
            if let kind = delimiterKind(body[lineStart..<lineEnd], delimiter: delimiter) {
                if let partStart = currentPartStart {
                    parts.append(partStart..<partEnd(body, partStart: partStart, delimiterLineStart: lineStart))
                    if parts.count >= maximumParts { return parts }
                }
                if kind == .close { return parts }
                currentPartStart = nextLineStart
            }
            lineStart = nextLineStart
        }
        if let partStart = currentPartStart, partStart <= body.endIndex {
            parts.append(partStart..<body.endIndex)
        }
        return parts
    }

    /// The end of a part: the start of the delimiter line minus the line break in front of it.
    private static func partEnd(_ body: ArraySlice<UInt8>, partStart: Int, delimiterLineStart: Int) -> Int {
        var end = delimiterLineStart
        if end > partStart, body[end - 1] == MailByteScanning.lineFeed {
            end -= 1
            if end > partStart, body[end - 1] == MailByteScanning.carriageReturn {
                end -= 1
            }
        }
        return max(end, partStart)
    }

    /// Whether `line` (without its line feed) is an open or close delimiter line.
    private static func delimiterKind(_ line: ArraySlice<UInt8>, delimiter: [UInt8]) -> DelimiterKind? {
        guard line.count >= delimiter.count,
              line[line.startIndex] == UInt8(ascii: "-"),
              MailByteScanning.hasPrefix(line, delimiter)
        else { return nil }
        var index = line.startIndex + delimiter.count
        var kind = DelimiterKind.open
        if index + 1 < line.endIndex, line[index] == UInt8(ascii: "-"), line[index + 1] == UInt8(ascii: "-") {
            kind = .close
            index += 2
        }
        while index < line.endIndex {
            guard MailByteScanning.isWhitespace(line[index]) else { return nil }
            index += 1
        }
        return kind
    }
}
