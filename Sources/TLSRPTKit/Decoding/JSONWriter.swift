/// A minimal JSON writer that emits members in the order they are written, so output is
/// deterministic (export lines, fingerprints) and fast (no dictionary, no reflection).
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    mutating func beginObject(_ key: String? = nil) { open(key, 0x7B) }
    mutating func endObject() { close(0x7D) }
    mutating func beginArray(_ key: String? = nil) { open(key, 0x5B) }
    mutating func endArray() { close(0x5D) }

    /// Writes `"key": "value"`, or nothing when `value` is `nil`.
    mutating func string(_ key: String?, _ value: String?) {
        guard let value else { return }
        member(key)
        appendQuoted(value)
    }

    /// Writes `"key": number`.
    mutating func integer(_ key: String?, _ value: Int64) {
        member(key)
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Writes `"key": number` with a fixed number of decimals, or nothing for non-finite values.
    mutating func decimal(_ key: String?, _ value: Double, decimals: Int = 4) {
        guard value.isFinite else { return }
        member(key)
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        bytes.append(contentsOf: (rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)).utf8)
    }

    /// Writes `"key": true|false`.
    mutating func boolean(_ key: String?, _ value: Bool) {
        member(key)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// Writes `"key": null`.
    mutating func null(_ key: String?) {
        member(key)
        bytes.append(contentsOf: "null".utf8)
    }

    /// Writes `"key": ["a", "b"]`.
    mutating func strings(_ key: String?, _ values: [String]) {
        beginArray(key)
        for value in values { string(nil, value) }
        endArray()
    }

    /// The output as a string.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func open(_ key: String?, _ bracket: UInt8) {
        member(key)
        bytes.append(bracket)
        needsComma.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        needsComma.removeLast()
        bytes.append(bracket)
    }

    private mutating func member(_ key: String?) {
        if needsComma[needsComma.count - 1] { bytes.append(0x2C) }
        needsComma[needsComma.count - 1] = true
        if let key {
            appendQuoted(key)
            bytes.append(0x3A)
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func appendQuoted(_ value: String) {
        bytes.append(0x22)
        for byte in value.utf8 {
            switch byte {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            case 0x00..<0x20, 0x7F:
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30])
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }
}
