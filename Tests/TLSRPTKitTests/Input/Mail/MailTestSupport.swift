import Foundation
import Testing
@testable import TLSRPTKit

/// Helpers shared by the mail parsing tests.
enum MailTestSupport {
    /// The UTF-8 bytes of `text` with every `\n` turned into `\r\n`.
    static func crlf(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            if byte == 0x0A { bytes.append(0x0D) }
            bytes.append(byte)
        }
        return bytes
    }

    /// The UTF-8 bytes of `text`, line endings untouched.
    static func lf(_ text: String) -> [UInt8] {
        Array(text.utf8)
    }

    /// The leaves of `entity` whose media type starts with `application/tlsrpt`.
    static func reportLeaves(_ entity: MIMEEntity) -> [MIMEEntity] {
        entity.leaves().filter { $0.mediaType.hasPrefix("application/tlsrpt") }
    }

    /// The maximum nesting depth of `entity` (0 for a leaf).
    static func depth(of entity: MIMEEntity) -> Int {
        entity.children.map { depth(of: $0) + 1 }.max() ?? 0
    }

    /// The number of entities in the tree, `entity` included.
    static func entityCount(_ entity: MIMEEntity) -> Int {
        1 + entity.children.reduce(0) { $0 + entityCount($1) }
    }
}
