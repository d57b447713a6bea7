import Foundation
import Testing

@testable import TLSRPTKit

@Suite("Quoted-printable encoding of the e-mail parts")
struct QuotedPrintableEncoderTests {
    private func physicalLines(_ encoded: String) -> [Substring] {
        encoded.split(separator: "\r\n", omittingEmptySubsequences: false)
    }

    @Test(
        "escapes, line breaks and the bytes old mail software would change",
        arguments: [
            ("plain text\n", "plain text\r\n"), ("a=b\n", "a=3Db\r\n"), ("trailing \n", "trailing=20\r\n"),
            ("tab\t\n", "tab=09\r\n"), ("inner space\n", "inner space\r\n"), ("é\n", "=C3=A9\r\n"),
            (".\n", "=2E\r\n"), ("..x\n", "=2E.x\r\n"), ("a.\n", "a.\r\n"), ("From me\n", "=46rom me\r\n"),
            ("Fromage\n", "Fromage\r\n"), ("a\r\nb", "a\r\nb"), ("a\rb\n", "a=0Db\r\n"), ("\u{1B}[31m", "=1B[31m"),
            ("", ""), ("\n\n", "\r\n\r\n"),
        ])
    func examples(input: String, expected: String) throws {
        let encoded = QuotedPrintableEncoder.encode(input)
        #expect(encoded == expected)
        let canonical = input.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try QuotedPrintableTestDecoder.decode(encoded) == canonical)
    }

    @Test("long lines get soft breaks, no line over 76, escapes never split")
    func softBreaks() throws {
        let long = String(repeating: "a", count: 200) + "\n"
        let encoded = QuotedPrintableEncoder.encode(long)
        let lines = physicalLines(encoded)
        #expect(lines.map(\.count) == [76, 76, 50, 0])
        #expect(lines[0].hasSuffix("=") && lines[1].hasSuffix("="))
        #expect(try QuotedPrintableTestDecoder.decode(encoded) == String(repeating: "a", count: 200) + "\r\n")

        for padding in 70...76 {
            let text = String(repeating: "x", count: padding) + "é=é \n. after a break"
            let encoded = QuotedPrintableEncoder.encode(text)
            #expect(physicalLines(encoded).allSatisfy { $0.utf8.count <= 76 })
            #expect(try QuotedPrintableTestDecoder.decode(encoded) == text.replacingOccurrences(of: "\n", with: "\r\n"))
        }
        // A line of exactly 76 characters needs no soft break; 77 does.
        #expect(QuotedPrintableEncoder.encode(String(repeating: "b", count: 76)) == String(repeating: "b", count: 76))
        #expect(QuotedPrintableEncoder.encode(String(repeating: "b", count: 77)).contains("=\r\n"))
    }

    @Test("a dot that a soft break puts at the start of a line is escaped")
    func dotAfterSoftBreak() throws {
        let text = String(repeating: "y", count: 75) + ".."
        let encoded = QuotedPrintableEncoder.encode(text)
        #expect(encoded == String(repeating: "y", count: 75) + "=\r\n=2E.")
        // Ending the line, the dot fits: 76 characters need no soft break.
        #expect(
            QuotedPrintableEncoder.encode(String(repeating: "y", count: 75) + ".") == String(repeating: "y", count: 75)
                + ".")
        #expect(try QuotedPrintableTestDecoder.decode(encoded) == text)
    }

    @Test("random text round-trips and keeps the line limit")
    func roundTrip() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let alphabet: [String] = ["a", "Z", " ", "\t", "=", ".", "\n", "é", "株", "F", "rom ", "😀", "\u{1B}", "-", "_"]
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<Int(next() % 300) {
                text += alphabet[Int(next() % UInt64(alphabet.count))]
            }
            let encoded = QuotedPrintableEncoder.encode(text)
            #expect(encoded.utf8.allSatisfy { $0 < 0x80 })
            #expect(physicalLines(encoded).allSatisfy { $0.utf8.count <= 76 })
            #expect(!physicalLines(encoded).contains { $0 == "." || $0.hasPrefix("From ") })
            #expect(try QuotedPrintableTestDecoder.decode(encoded) == text.replacingOccurrences(of: "\n", with: "\r\n"))
        }
    }
}
