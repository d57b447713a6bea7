import Foundation
import Testing
@testable import TLSRPTKit

@Suite("Content-Transfer-Encoding decoding")
struct TransferDecodingTests {
    /// Deterministic pseudo-random bytes.
    private static func payload(count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return UInt8(truncatingIfNeeded: mixed ^ (mixed >> 31))
        }
    }

    /// Base64 of `bytes` wrapped at `width` columns with `lineBreak`.
    private static func wrappedBase64(_ bytes: [UInt8], width: Int, lineBreak: String) -> String {
        let encoded = Data(bytes).base64EncodedString()
        var lines: [Substring] = []
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: width, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(encoded[index..<end])
            index = end
        }
        return lines.joined(separator: lineBreak) + lineBreak
    }

    @Test("base64 wrapped at 76 columns with CRLF round-trips for every length remainder", arguments: [0, 1, 2, 3, 56, 57, 58, 1000, 4097])
    func base64WithCRLFWrapping(count: Int) {
        let bytes = Self.payload(count: count, seed: UInt64(count))
        let text = Self.wrappedBase64(bytes, width: 76, lineBreak: "\r\n")
        #expect(TransferDecoding.decodeBase64(Array(text.utf8)[...]) == bytes)
        #expect(TransferDecoding.decode(Array(text.utf8)[...], transferEncoding: " Base64 ") == bytes)
    }

    @Test("base64 without padding decodes the partial last group")
    func base64WithoutPadding() {
        #expect(TransferDecoding.decodeBase64(Array("TWFu".utf8)[...]) == Array("Man".utf8))
        #expect(TransferDecoding.decodeBase64(Array("TWE".utf8)[...]) == Array("Ma".utf8))
        #expect(TransferDecoding.decodeBase64(Array("TQ".utf8)[...]) == Array("M".utf8))
        #expect(TransferDecoding.decodeBase64(Array("T".utf8)[...]) == [])
        let bytes = Self.payload(count: 1001, seed: 7)
        let unpadded = Data(bytes).base64EncodedString().replacingOccurrences(of: "=", with: "")
        #expect(TransferDecoding.decodeBase64(Array(unpadded.utf8)[...]) == bytes)
    }

    @Test("base64 ignores white space, garbage bytes and restarts after inner padding")
    func base64Garbage() {
        let noisy = Array(" TW\tF u\r\n*!~\u{7F}".utf8) + [0x00, 0xFF, 0x80] + Array("IGFuZA==\n\n".utf8)
        #expect(TransferDecoding.decodeBase64(noisy[...]) == Array("Man and".utf8))
        // Two concatenated padded blocks.
        #expect(TransferDecoding.decodeBase64(Array("TWE=TWE=".utf8)[...]) == Array("MaMa".utf8))
        #expect(TransferDecoding.decodeBase64(Array("====".utf8)[...]) == [])
        #expect(TransferDecoding.decodeBase64([][...]) == [])
    }

    @Test("base64 decodes a slice that does not start at index 0")
    func base64Slice() {
        let bytes = Array("xxxxTWFu".utf8)
        #expect(TransferDecoding.decodeBase64(bytes[4...]) == Array("Man".utf8))
    }

    @Test("quoted-printable: escapes, soft line breaks, trailing white space, malformed escapes")
    func quotedPrintable() {
        let input = "caf=C3=A9 =\r\nna=\nive  \r\nlast=3d=3D line\t\nbad =ZZ and =4\nend="
        let decoded = TransferDecoding.decodeQuotedPrintable(Array(input.utf8)[...])
        #expect(String(decoding: decoded, as: UTF8.self) == "café naive\r\nlast== line\nbad =ZZ and =4\nend")
    }

    @Test("quoted-printable soft break with white space after the equals sign")
    func quotedPrintableSoftBreakWithWhitespace() {
        let decoded = TransferDecoding.decodeQuotedPrintable(Array("abc= \t\r\ndef".utf8)[...])
        #expect(decoded == Array("abcdef".utf8))
    }

    @Test("RFC 2047 Q mode turns underscores into spaces")
    func qEncoding() {
        let decoded = TransferDecoding.decodeQuotedPrintable(Array("a_b=5Fc".utf8)[...], underscoreIsSpace: true)
        #expect(decoded == Array("a b_c".utf8))
    }

    @Test("identity encodings and unknown encodings pass bytes through", arguments: [nil, "7bit", "8BIT", "binary", "x-uuencode", "base64x", ""])
    func passThrough(encoding: String?) {
        let bytes: [UInt8] = [0x00, 0x3D, 0x34, 0x31, 0xFF, 0x0D, 0x0A]
        #expect(TransferDecoding.decode(bytes[...], transferEncoding: encoding) == bytes)
    }

    @Test("encoding names are recognised leniently")
    func encodingNames() {
        #expect(TransferDecoding.encoding(named: "BASE64") == .base64)
        #expect(TransferDecoding.encoding(named: "  base64 (comment)") == .base64)
        #expect(TransferDecoding.encoding(named: "Quoted-Printable") == .quotedPrintable)
        #expect(TransferDecoding.encoding(named: "7bit") == .identity)
        #expect(TransferDecoding.encoding(named: nil) == .identity)
    }

    @Test("decoding a large base64 body is fast and exact")
    func largeBase64() {
        let bytes = Self.payload(count: 3 << 20, seed: 42)
        let text = Array(Self.wrappedBase64(bytes, width: 76, lineBreak: "\r\n").utf8)
        let clock = ContinuousClock()
        var decoded: [UInt8] = []
        let elapsed = clock.measure { decoded = TransferDecoding.decodeBase64(text[...]) }
        #expect(decoded == bytes)
        #expect(elapsed < .seconds(10))
    }
}
