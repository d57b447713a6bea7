/// The 64-bit FNV-1a hash: fast, deterministic across runs and platforms (unlike `Hasher`), for
/// fingerprints and lookup keys stored in the database. Not for anything adversarial.
enum FNV1a {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes, continuing hash: UInt64 = offsetBasis) -> UInt64 {
        var hash = hash
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return hash
    }

    /// The hash of `text`'s UTF-8 bytes, read from its contiguous storage (the same value as
    /// `hash(text.utf8)`, without the generic iteration).
    static func hash(_ text: String, continuing hash: UInt64 = offsetBasis) -> UInt64 {
        var text = text
        return text.withUTF8 { self.hash($0, continuing: hash) }
    }

    /// The hash of a decimal number, as `hash(String(value))` gives, without the string.
    static func hash(decimal value: Int64, continuing hash: UInt64 = offsetBasis) -> UInt64 {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var magnitude = value.magnitude
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            let hash = value < 0 ? self.hash(CollectionOfOne(UInt8(ascii: "-")), continuing: hash) : hash
            return self.hash(UnsafeBufferPointer(rebasing: digits[start...]), continuing: hash)
        }
    }
}
