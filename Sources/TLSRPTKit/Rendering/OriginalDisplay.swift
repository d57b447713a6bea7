/// What `tlsrpt show` prints of a stored input's original bytes.
///
/// By default a gzip'd original is shown decompressed, so that a report reads as its JSON; `raw`
/// keeps the bytes exactly as the store gives them back. On a terminal the bytes are a
/// stranger's: control characters other than line breaks and tabs, and bytes that are not
/// UTF-8, are shown as visible escapes so that nothing reaches the terminal that it would
/// interpret. Elsewhere (a pipe, a file) the bytes are written untouched.
public struct OriginalDisplay: Sendable, Equatable {
    /// The bytes to write to standard output.
    public var output: [UInt8]
    /// Sentences for standard error: what was shown and what could not be.
    public var notes: [String]

    /// The largest decompressed original shown: 64 MiB (the largest input ingest reads).
    static let maximumDecompressedSize = 64 << 20

    /// - Parameters:
    ///   - original: what ``ReportStore/original(ofInput:)`` returned for `input`.
    ///   - raw: show the stored bytes without decompressing them.
    ///   - terminal: standard output is a terminal.
    public init(original: [UInt8], of input: StoredInput, raw: Bool, terminal: Bool) {
        var bytes = original
        notes = []
        // A plain JSON file is its own report JSON: the same size as received.
        if raw, input.keptAs == .reportJSON, Int64(original.count) != input.originalSize {
            notes.append(
                "input \(input.id) is kept as its report JSON, byte for byte; the gzip or e-mail wrapper it came in was not kept")
        }
        if !raw, Inflater.isGzip(bytes) {
            do {
                bytes = try Inflater(limit: Self.maximumDecompressedSize).inflate(bytes)
            } catch {
                notes.append("shown as stored: \(InputDecoder.describe(error))")
            }
        }
        output = terminal ? Self.neutralized(bytes) : bytes
    }

    /// `bytes` as UTF-8 text with every control character but line feed and tab, and every byte
    /// that is not UTF-8, shown as `\u{HEX}` or `\xHH`; a CR before an LF is dropped.
    static func neutralized(_ bytes: [UInt8]) -> [UInt8] {
        var text = ""
        text.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                index += 1
                continue
            }
            let length = Self.scalarLength(bytes, at: index)
            if length == 0 {
                text += "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
                index += 1
                continue
            }
            let scalarText = String(decoding: bytes[index..<index + length], as: UTF8.self)
            for scalar in scalarText.unicodeScalars {
                if scalar == "\n" || scalar == "\t" {
                    text.unicodeScalars.append(scalar)
                } else {
                    text += TerminalText.sanitized(String(scalar))
                }
            }
            index += length
        }
        return Array(text.utf8)
    }

    /// The length of the well-formed UTF-8 sequence at `index`, or 0 when there is none.
    private static func scalarLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        var decoder = UTF8()
        var iterator = bytes[index..<index + length].makeIterator()
        guard case .scalarValue = decoder.decode(&iterator) else { return 0 }
        return length
    }
}
