import Foundation

/// Builds a `MIMEEntity` tree from raw bytes, within fixed limits.
///
/// Rules:
/// * headers: see `MIMEHeaders.parse`; `Content-Type`/`Content-Disposition`: see `MIMEParameterParser`;
/// * `multipart/*` with a boundary: the body is split (see `MultipartBodySplitter`) and each part parsed;
///   a multipart without a usable boundary is treated as a leaf;
/// * `message/rfc822` (and `message/global`): the body is parsed as an embedded message, its only child;
/// * a transfer encoding on a multipart or embedded message (not allowed, but seen) is decoded first;
/// * leaves: the body is transfer-decoded (see `TransferDecoding`).
///
/// Limits, so hostile input cannot exhaust memory or time:
/// * an entity at depth `maximumDepth` (the root is depth 0) gets no children; it becomes a leaf whose
///   body is its transfer-decoded content;
/// * at most `maximumPartCount` entities in total (the root included); later parts are ignored.
///
/// Either limit being reached is recorded in ``exceededLimit``: what lies past it was not read, so
/// the message must not be taken for one without a report.
struct MIMEEntityParser {
    /// The deepest nesting level that is still expanded into children.
    static let maximumDepth = 16
    /// The most entities one message may produce.
    static let maximumPartCount = 1000

    /// Entities that may still be created.
    private var remainingParts = maximumPartCount

    /// The first limit the message went past, as a sentence; `nil` when everything was read.
    private(set) var exceededLimit: String?

    private mutating func exceeded(_ limit: String) {
        if exceededLimit == nil { exceededLimit = limit }
    }

    static let depthLimitText = "the message nests MIME parts deeper than \(maximumDepth) levels, the most that are read"
    static let partLimitText = "the message has more than \(maximumPartCount) MIME parts, the most that are read"

    /// Creates a parser with a fresh part budget.
    init() {}

    /// Parses a top-level message. A leading mbox `From ` line is skipped.
    mutating func parseMessage(_ bytes: ArraySlice<UInt8>) -> MIMEEntity {
        var start = bytes.startIndex
        if MailByteScanning.hasPrefix(bytes, Array("From ".utf8)) {
            start = MailByteScanning.line(in: bytes, startingAt: start).nextLineStart
        }
        remainingParts -= 1
        return parseEntity(bytes[start...], depth: 0, defaultMediaType: "text/plain")
    }

    /// Parses one entity; the caller has already counted it against the part budget.
    private mutating func parseEntity(_ bytes: ArraySlice<UInt8>, depth: Int, defaultMediaType: String) -> MIMEEntity {
        let (headers, bodyStart) = MIMEHeaders.parse(bytes)
        let bodyBytes = bytes[min(bodyStart, bytes.endIndex)...]

        var mediaType = defaultMediaType
        var mediaParameters: [String: String] = [:]
        if let contentType = headers["Content-Type"] {
            let parsed = MIMEParameterParser.parse(contentType)
            mediaType = Self.validMediaType(parsed.value) ?? "text/plain"
            mediaParameters = parsed.parameters
        }

        var dispositionType: String?
        var dispositionParameters: [String: String] = [:]
        if let contentDisposition = headers["Content-Disposition"] {
            let parsed = MIMEParameterParser.parse(contentDisposition)
            let type = MailByteScanning.asciiLowercased(parsed.value)
            dispositionType = type.isEmpty ? nil : type
            dispositionParameters = parsed.parameters
        }

        let rawFileName = dispositionParameters["filename"] ?? mediaParameters["name"]
        let fileName = rawFileName
            .map { EncodedWordDecoder.decode($0).trimmingCharacters(in: .whitespacesAndNewlines) }
            .flatMap { $0.isEmpty ? nil : $0 }

        let transferEncoding = TransferDecoding.encoding(named: headers["Content-Transfer-Encoding"])
        var children: [MIMEEntity] = []
        var body: [UInt8] = []

        let expandsIntoParts = mediaType.hasPrefix("multipart/") && !(mediaParameters["boundary"] ?? "").isEmpty
        let embedsMessage = mediaType == "message/rfc822" || mediaType == "message/global"
        if depth >= Self.maximumDepth, expandsIntoParts || embedsMessage {
            exceeded(Self.depthLimitText)
        } else if embedsMessage, remainingParts <= 0 {
            exceeded(Self.partLimitText)
        }
        if depth < Self.maximumDepth, mediaType.hasPrefix("multipart/"),
           let boundary = mediaParameters["boundary"], !boundary.isEmpty {
            let partDefault = mediaType == "multipart/digest" ? "message/rfc822" : "text/plain"
            children = parseParts(
                Self.contentWithoutTransferEncoding(bodyBytes, encoding: transferEncoding),
                boundary: boundary, depth: depth, partDefault: partDefault
            )
        } else if depth < Self.maximumDepth, mediaType == "message/rfc822" || mediaType == "message/global",
                  remainingParts > 0 {
            remainingParts -= 1
            let content = Self.contentWithoutTransferEncoding(bodyBytes, encoding: transferEncoding)
            children = [parseEntity(content, depth: depth + 1, defaultMediaType: "text/plain")]
        }
        if children.isEmpty {
            body = TransferDecoding.decode(bodyBytes, encoding: transferEncoding)
        }

        return MIMEEntity(
            headers: headers,
            mediaType: mediaType,
            mediaParameters: mediaParameters,
            dispositionType: dispositionType,
            dispositionParameters: dispositionParameters,
            fileName: fileName,
            children: children,
            body: body
        )
    }

    /// Splits a multipart body and parses the parts, stopping when the part budget runs out.
    private mutating func parseParts(
        _ content: ArraySlice<UInt8>, boundary: String, depth: Int, partDefault: String
    ) -> [MIMEEntity] {
        // One part more than the budget: to know whether any was left unread.
        let ranges = MultipartBodySplitter.split(content, boundary: boundary, maximumParts: max(remainingParts, 0) + 1)
        if ranges.count > remainingParts { exceeded(Self.partLimitText) }
        guard remainingParts > 0 else { return [] }
        var parts: [MIMEEntity] = []
        parts.reserveCapacity(ranges.count)
        for range in ranges {
            guard remainingParts > 0 else { break }
            remainingParts -= 1
            parts.append(parseEntity(content[range], depth: depth + 1, defaultMediaType: partDefault))
        }
        return parts
    }

    /// The content with any transfer encoding removed; identity encodings return the slice without copying.
    private static func contentWithoutTransferEncoding(
        _ bytes: ArraySlice<UInt8>, encoding: TransferDecoding.Encoding
    ) -> ArraySlice<UInt8> {
        encoding == .identity ? bytes : TransferDecoding.decode(bytes, encoding: encoding)[...]
    }

    /// The lowercased `type/subtype` when `value` is a syntactically valid media type, otherwise `nil`.
    ///
    /// White space around the `/` is tolerated; both halves must be non-empty RFC 2045 tokens.
    static func validMediaType(_ value: String) -> String? {
        let bytes = Array(value.utf8)
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        let type = MailByteScanning.trimmingWhitespace(bytes[..<slash])
        let subtype = MailByteScanning.trimmingWhitespace(bytes[(slash + 1)...])
        guard isToken(type), isToken(subtype) else { return nil }
        return String(decoding: type.map(MailByteScanning.lowercased) + [UInt8(ascii: "/")]
            + subtype.map(MailByteScanning.lowercased), as: UTF8.self)
    }

    /// Whether `bytes` is a non-empty RFC 2045 token (printable ASCII without space and tspecials).
    private static func isToken(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 127 else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case 0...0x20, 0x7F...0xFF:
                return false
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "@"),
                 UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "\\"), UInt8(ascii: "\""),
                 UInt8(ascii: "/"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "?"), UInt8(ascii: "="):
                return false
            default:
                return true
            }
        }
    }
}
