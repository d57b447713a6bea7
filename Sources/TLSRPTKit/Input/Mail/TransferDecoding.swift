/// Undoes a MIME `Content-Transfer-Encoding` (RFC 2045 §6).
///
/// All decoders are lenient and linear in the input size:
/// * base64 ignores line breaks, white space and any byte outside the alphabet, tolerates missing
///   padding, and restarts after padding in the middle (concatenated base64 blocks);
/// * quoted-printable handles soft line breaks (`=` at the end of a line), drops white space that
///   transport added at line ends, and keeps malformed `=` sequences literally;
/// * `7bit`, `8bit`, `binary`, a missing header and any unknown encoding pass the bytes through.
enum TransferDecoding {
    /// The transfer encodings this decoder distinguishes.
    enum Encoding: Sendable, Equatable {
        /// `base64`
        case base64
        /// `quoted-printable`
        case quotedPrintable
        /// `7bit`, `8bit`, `binary`, absent, or unknown: the bytes are used as they are.
        case identity
    }

    /// Classifies a raw `Content-Transfer-Encoding` header value (case-insensitive; comments,
    /// parameters and surrounding white space are ignored).
    static func encoding(named rawValue: String?) -> Encoding {
        guard let rawValue else { return .identity }
        var token: [UInt8] = []
        for byte in rawValue.utf8 {
            if MailByteScanning.isWhitespace(byte) || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "(") {
                if token.isEmpty { continue }
                break
            }
            token.append(MailByteScanning.lowercased(byte))
            if token.count > 32 { return .identity }
        }
        switch String(decoding: token, as: UTF8.self) {
        case "base64", "x-base64":
            return .base64
        case "quoted-printable", "x-quoted-printable":
            return .quotedPrintable
        default:
            return .identity
        }
    }

    /// Decodes `bytes` according to the raw `Content-Transfer-Encoding` header value `transferEncoding`.
    static func decode(_ bytes: ArraySlice<UInt8>, transferEncoding: String?) -> [UInt8] {
        decode(bytes, encoding: encoding(named: transferEncoding))
    }

    /// Decodes `bytes` with the given encoding.
    static func decode(_ bytes: ArraySlice<UInt8>, encoding: Encoding) -> [UInt8] {
        switch encoding {
        case .base64:
            return decodeBase64(bytes)
        case .quotedPrintable:
            return decodeQuotedPrintable(bytes)
        case .identity:
            return Array(bytes)
        }
    }

    // MARK: - Base64

    /// Table value of a byte that is not part of the base64 alphabet.
    private static let invalidSextet: UInt8 = 0xFF
    /// Table value of the padding character `=`.
    private static let paddingSextet: UInt8 = 0xFE

    /// Maps every byte to its 6-bit value, `invalidSextet`, or `paddingSextet`.
    private static let base64DecodingTable: [UInt8] = {
        var table = [UInt8](repeating: invalidSextet, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (value, byte) in alphabet.enumerated() {
            table[Int(byte)] = UInt8(value)
        }
        table[Int(UInt8(ascii: "="))] = paddingSextet
        return table
    }()

    /// Decodes base64, skipping every byte outside the alphabet and tolerating missing padding.
    ///
    /// A trailing group of two or three characters yields one or two bytes; a lone trailing
    /// character carries fewer than 8 bits and is dropped.
    static func decodeBase64(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        let table = base64DecodingTable
        let capacity = bytes.count / 4 * 3 + 3
        return table.withUnsafeBufferPointer { tableBuffer in
            bytes.withUnsafeBufferPointer { input in
                [UInt8](unsafeUninitializedCapacity: capacity) { output, initializedCount in
                    var written = 0
                    var accumulator: UInt32 = 0
                    var sextetCount = 0
                    @inline(__always)
                    func flushPartialGroup() {
                        if sextetCount == 2 {
                            output[written] = UInt8(truncatingIfNeeded: accumulator >> 4)
                            written += 1
                        } else if sextetCount == 3 {
                            output[written] = UInt8(truncatingIfNeeded: accumulator >> 10)
                            output[written + 1] = UInt8(truncatingIfNeeded: accumulator >> 2)
                            written += 2
                        }
                        accumulator = 0
                        sextetCount = 0
                    }
                    for byte in input {
                        let value = tableBuffer[Int(byte)]
                        if value < 64 {
                            accumulator = (accumulator << 6) | UInt32(value)
                            sextetCount += 1
                            if sextetCount == 4 {
                                output[written] = UInt8(truncatingIfNeeded: accumulator >> 16)
                                output[written + 1] = UInt8(truncatingIfNeeded: accumulator >> 8)
                                output[written + 2] = UInt8(truncatingIfNeeded: accumulator)
                                written += 3
                                accumulator = 0
                                sextetCount = 0
                            }
                        } else if value == paddingSextet {
                            flushPartialGroup()
                        }
                    }
                    flushPartialGroup()
                    initializedCount = written
                }
            }
        }
    }

    // MARK: - Quoted-printable

    /// Decodes quoted-printable (RFC 2045 §6.7).
    ///
    /// - Parameter underscoreIsSpace: `true` for the RFC 2047 "Q" encoding, where `_` stands for a space.
    static func decodeQuotedPrintable(_ bytes: ArraySlice<UInt8>, underscoreIsSpace: Bool = false) -> [UInt8] {
        bytes.withUnsafeBufferPointer { input in
            [UInt8](unsafeUninitializedCapacity: input.count) { output, initializedCount in
                var written = 0
                let count = input.count
                var lineStart = 0
                while lineStart < count {
                    // Find the end of this line: `lineEnd` excludes the line break, `next` follows it.
                    let lineEnd = MailByteScanning.indexOfLineFeed(in: input, from: lineStart) ?? count
                    let hasLineFeed = lineEnd < count
                    let next = hasLineFeed ? lineEnd + 1 : count
                    var breakStart = lineEnd
                    if hasLineFeed, breakStart > lineStart, input[breakStart - 1] == MailByteScanning.carriageReturn {
                        breakStart -= 1
                    }
                    // Transport may add white space at line ends; it is not part of the data.
                    var contentEnd = breakStart
                    if hasLineFeed {
                        while contentEnd > lineStart, MailByteScanning.isSpaceOrTab(input[contentEnd - 1]) {
                            contentEnd -= 1
                        }
                    }
                    var softBreak = false
                    var index = lineStart
                    while index < contentEnd {
                        let byte = input[index]
                        if byte == UInt8(ascii: "=") {
                            if index + 1 == contentEnd {
                                // `=` ending a line is a soft line break (at the very end: dropped).
                                softBreak = true
                                index += 1
                                continue
                            }
                            if index + 2 < contentEnd,
                               let high = MailByteScanning.hexValue(input[index + 1]),
                               let low = MailByteScanning.hexValue(input[index + 2]) {
                                output[written] = high << 4 | low
                                written += 1
                                index += 3
                                continue
                            }
                            output[written] = byte
                            written += 1
                            index += 1
                        } else if underscoreIsSpace, byte == UInt8(ascii: "_") {
                            output[written] = MailByteScanning.space
                            written += 1
                            index += 1
                        } else {
                            output[written] = byte
                            written += 1
                            index += 1
                        }
                    }
                    if hasLineFeed, !softBreak {
                        var breakIndex = breakStart
                        while breakIndex < next {
                            output[written] = input[breakIndex]
                            written += 1
                            breakIndex += 1
                        }
                    }
                    lineStart = next
                }
                initializedCount = written
            }
        }
    }

}
