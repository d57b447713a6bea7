/// Tells what an input is from its first bytes, not its name: senders and MTAs get names and
/// media types wrong (a `+gzip` attachment holding plain JSON, a gzip file with no extension).
enum ContentKind: Equatable, Sendable {
    case empty
    case gzip
    case zip
    case json
    case xml
    case mbox
    case message
    case unknown
}

enum ContentSniffer {
    static func kind(of bytes: [UInt8]) -> ContentKind {
        if bytes.isEmpty { return .empty }
        if Inflater.isGzip(bytes) { return .gzip }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .zip }
        if bytes.starts(with: Array("From ".utf8)) { return .mbox }
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        guard index < bytes.count else { return .empty }
        switch bytes[index] {
        case 0x7B: return .json  // {
        case 0x3C: return .xml  // <
        default: break
        }
        if MIMEEntity.looksLikeMessage(bytes[..<min(bytes.count, 4096)]) { return .message }
        return .unknown
    }
}
