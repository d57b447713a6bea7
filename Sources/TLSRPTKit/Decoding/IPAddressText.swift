/// IP addresses as reporters write them, brought to one spelling so that summaries group them.
///
/// `2001:0DB8:0000:0000:0000:0000:0000:0001` and `2001:db8::1` are one address: IPv6 addresses
/// are written in the RFC 5952 form (lower case, no leading zeros, the longest run of two or
/// more zero groups — the first of equal runs — as `::`, an IPv4-mapped address as
/// `::ffff:192.0.2.1`). IPv4 addresses, and text that is no IPv6 address (a zone index, brackets,
/// a host name), are left as written.
enum IPAddressText {
    /// `text` in RFC 5952 form when it is an IPv6 address, otherwise `text` unchanged.
    static func normalized(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: ":")), let groups = ipv6Groups(text) else { return text }
        return rfc5952(groups)
    }

    /// The eight 16-bit groups of an IPv6 address, or `nil` when `text` is not one.
    static func ipv6Groups(_ text: String) -> [UInt16]? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes.count <= 45 else { return nil }
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawGap = false
        var index = 0
        if bytes.starts(with: [UInt8(ascii: ":"), UInt8(ascii: ":")]) {
            sawGap = true
            index = 2
            if index == bytes.count { return Array(repeating: 0, count: 8) }
        } else if bytes[0] == UInt8(ascii: ":") {
            return nil
        }
        while index < bytes.count {
            // One field: hex digits up to a colon or the end, or a dotted IPv4 address at the end.
            var end = index
            while end < bytes.count, bytes[end] != UInt8(ascii: ":") { end += 1 }
            let field = bytes[index..<end]
            var fieldGroups: [UInt16]
            if field.contains(UInt8(ascii: ".")) {
                guard end == bytes.count, let ipv4 = ipv4Groups(field) else { return nil }
                fieldGroups = ipv4
            } else {
                guard (1...4).contains(field.count), let value = hexValue(field) else { return nil }
                fieldGroups = [value]
            }
            if sawGap { tail += fieldGroups } else { head += fieldGroups }
            guard head.count + tail.count <= 8 else { return nil }
            if end == bytes.count { break }
            // A colon: `::` marks the gap (once), a single one separates fields.
            index = end + 1
            if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
                guard !sawGap else { return nil }
                sawGap = true
                index += 1
                if index == bytes.count { break }
            } else if index == bytes.count {
                return nil  // a trailing single colon
            }
        }
        if sawGap {
            guard head.count + tail.count <= 7 else { return nil }
            return head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        return head.count == 8 ? head : nil
    }

    /// The RFC 5952 text of eight groups.
    static func rfc5952(_ groups: [UInt16]) -> String {
        if groups[0..<5].allSatisfy({ $0 == 0 }), groups[5] == 0xFFFF {
            let ipv4 = [groups[6] >> 8, groups[6] & 0xFF, groups[7] >> 8, groups[7] & 0xFF].map { String($0) }
            return "::ffff:" + ipv4.joined(separator: ".")
        }
        // The longest run of at least two zero groups; the first one when runs are equally long.
        var bestStart = -1
        var bestLength = 1
        var runStart = -1
        for (position, group) in groups.enumerated() {
            if group == 0 {
                if runStart < 0 { runStart = position }
                let length = position - runStart + 1
                if length > bestLength {
                    bestStart = runStart
                    bestLength = length
                }
            } else {
                runStart = -1
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestStart >= 0 else { return hex.joined(separator: ":") }
        return hex[..<bestStart].joined(separator: ":") + "::" + hex[(bestStart + bestLength)...].joined(separator: ":")
    }

    private static func hexValue(_ digits: ArraySlice<UInt8>) -> UInt16? {
        var value: UInt16 = 0
        for digit in digits {
            let nibble: UInt8
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = digit - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(nibble)
        }
        return value
    }

    /// A dotted-quad IPv4 address (no leading zeros, each part 0…255) as two groups.
    private static func ipv4Groups(_ text: ArraySlice<UInt8>) -> [UInt16]? {
        let parts = text.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [UInt16] = []
        for part in parts {
            guard (1...3).contains(part.count),
                part.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                part.count == 1 || part.first != UInt8(ascii: "0")
            else { return nil }
            let value = part.reduce(0) { $0 * 10 + UInt16($1 - UInt8(ascii: "0")) }
            guard value <= 255 else { return nil }
            octets.append(value)
        }
        return [octets[0] << 8 | octets[1], octets[2] << 8 | octets[3]]
    }
}
