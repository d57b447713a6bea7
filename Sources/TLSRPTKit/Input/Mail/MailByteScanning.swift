#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Small byte-level helpers shared by the mail parsers.
///
/// Everything works on `ArraySlice<UInt8>` with the slice's own indices, never assumes
/// `startIndex == 0`, and never traps on hostile input.
enum MailByteScanning {
    /// `\n`
    static let lineFeed: UInt8 = 0x0A
    /// `\r`
    static let carriageReturn: UInt8 = 0x0D
    /// ` `
    static let space: UInt8 = 0x20
    /// `\t`
    static let horizontalTab: UInt8 = 0x09

    /// Whether `byte` is a space or a horizontal tab (RFC 5322 `WSP`).
    @inline(__always)
    static func isSpaceOrTab(_ byte: UInt8) -> Bool {
        byte == space || byte == horizontalTab
    }

    /// Whether `byte` is any ASCII white space, including CR and LF.
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == horizontalTab || byte == carriageReturn || byte == lineFeed
            || byte == 0x0B || byte == 0x0C
    }

    /// The index of the first line feed in `bytes` at or after `start`, or `nil` when there is none.
    static func indexOfLineFeed(in bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
        let lower = max(start, bytes.startIndex)
        guard lower < bytes.endIndex else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            indexOfLineFeed(in: buffer, from: lower - bytes.startIndex).map { $0 + bytes.startIndex }
        }
    }

    /// The offset of the first line feed in `buffer` at or after offset `start` (`memchr`, vectorised).
    static func indexOfLineFeed(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start >= 0, start < buffer.count, let base = buffer.baseAddress else { return nil }
        guard let found = memchr(base + start, Int32(lineFeed), buffer.count - start) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// Describes one line of `bytes` starting at `start`.
    ///
    /// - Returns: `contentEnd`, the end of the line without its `\n` and without a `\r` right before it,
    ///   and `nextLineStart`, the index just after the `\n` (or `bytes.endIndex` for a last line without one).
    static func line(in bytes: ArraySlice<UInt8>, startingAt start: Int) -> (contentEnd: Int, nextLineStart: Int) {
        guard let lineFeedIndex = indexOfLineFeed(in: bytes, from: start) else {
            return (bytes.endIndex, bytes.endIndex)
        }
        var contentEnd = lineFeedIndex
        if contentEnd > start, bytes[contentEnd - 1] == carriageReturn {
            contentEnd -= 1
        }
        return (contentEnd, lineFeedIndex + 1)
    }

    /// Whether `bytes` starts with `prefix` (byte-wise, case-sensitive).
    static func hasPrefix(_ bytes: ArraySlice<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard bytes.count >= prefix.count else { return false }
        var index = bytes.startIndex
        for byte in prefix {
            if bytes[index] != byte { return false }
            index += 1
        }
        return true
    }

    /// `bytes` without leading and trailing white space (including CR and LF).
    static func trimmingWhitespace(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var lower = bytes.startIndex
        var upper = bytes.endIndex
        while lower < upper, isWhitespace(bytes[lower]) { lower += 1 }
        while upper > lower, isWhitespace(bytes[upper - 1]) { upper -= 1 }
        return bytes[lower..<upper]
    }

    /// Turns header or parameter bytes into a `String`: UTF-8 when valid, otherwise ISO 8859-1,
    /// which maps every byte to a character and so never fails.
    static func string(fromHeaderBytes bytes: ArraySlice<UInt8>) -> String {
        let isASCII = bytes.withUnsafeBufferPointer { buffer -> Bool in
            var combined: UInt8 = 0
            for byte in buffer { combined |= byte }
            return combined < 0x80
        }
        if isASCII {
            return String(decoding: bytes, as: UTF8.self)
        }
        let array = Array(bytes)
        if let text = validUTF8String(array) {
            return text
        }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: array.map { Unicode.Scalar($0) })
        return String(scalars)
    }

    /// Turns header or parameter bytes into a `String` (see the `ArraySlice` overload).
    static func string(fromHeaderBytes bytes: [UInt8]) -> String {
        string(fromHeaderBytes: bytes[...])
    }

    /// `text` with ASCII letters lowercased; other characters are kept (cheaper than `lowercased()`).
    static func asciiLowercased(_ text: String) -> String {
        var needsChange = false
        for byte in text.utf8 where byte >= 0x41 && byte <= 0x5A {
            needsChange = true
            break
        }
        guard needsChange else { return text }
        return String(decoding: text.utf8.map(lowercased), as: UTF8.self)
    }

    /// Whether `text` contains the two-byte sequence `first`, `second`.
    static func contains(_ text: String, _ first: UInt8, _ second: UInt8) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == first, byte == second { return true }
            previous = byte
        }
        return false
    }

    /// `bytes` as a string when they are valid UTF-8, `nil` when any sequence is malformed.
    static func validUTF8String(_ bytes: [UInt8]) -> String? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalars.append(scalar)
            case .emptyInput:
                return String(scalars)
            case .error:
                return nil
            }
        }
    }

    /// The ASCII-lowercased copy of `byte`.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte
    }

    /// The value of an ASCII hexadecimal digit (either case), or `nil`.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
