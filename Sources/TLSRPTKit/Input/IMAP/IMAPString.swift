/// How strings are written in IMAP commands.
enum IMAPString {
    /// `text` as a quoted string (`"a \"b\""`), or `nil` when it cannot be one (CR, LF, NUL or
    /// non-ASCII: send it as a literal).
    static func quoted(_ text: String) -> String? {
        guard text.utf8.allSatisfy({ $0 >= 0x01 && $0 < 0x80 && $0 != 0x0D && $0 != 0x0A }) else { return nil }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A string argument: quoted when it can be, else a literal.
    static func argument(_ text: String) -> IMAPClient.Argument {
        quoted(text).map { .text($0) } ?? .literal(Array(text.utf8))
    }

    /// A mailbox name in IMAP's modified UTF-7 (RFC 3501 §5.1.3), quoted: `Rapports/Été` is
    /// `"Rapports/&AMk-t&AOk-"`.
    static func mailbox(_ name: String) -> String {
        var encoded = ""
        var pending: [UInt16] = []
        func flush() {
            guard !pending.isEmpty else { return }
            var bytes: [UInt8] = []
            for unit in pending { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,")
            var bits = 0
            var value = 0
            var text = ""
            for byte in bytes {
                value = (value << 8) | Int(byte)
                bits += 8
                while bits >= 6 {
                    bits -= 6
                    text.append(alphabet[(value >> bits) & 0x3F])
                }
            }
            if bits > 0 { text.append(alphabet[(value << (6 - bits)) & 0x3F]) }
            encoded += "&" + text + "-"
            pending = []
        }
        for scalar in name.unicodeScalars {
            if scalar.value >= 0x20, scalar.value <= 0x7E {
                flush()
                encoded += scalar == "&" ? "&-" : String(scalar)
            } else {
                pending += Array(String(scalar).utf16)
            }
        }
        flush()
        return quoted(encoded) ?? "\"\""
    }
}
