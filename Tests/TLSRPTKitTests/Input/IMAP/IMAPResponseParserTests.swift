import Foundation
import Testing

@testable import TLSRPTKit

@Suite("IMAPResponseParser: literals, tags, limits, any split of the bytes")
struct IMAPResponseParserTests {
    static let body = Array("From: a@example.com\r\n\r\n{3}\r\n* BYE not really\r\n".utf8)
    static let stream: [UInt8] =
        Array("* OK [UIDVALIDITY 7] UIDs valid\r\n* 2 EXISTS\r\n* 1 FETCH (UID 41 BODY[] {\(body.count)}\r\n".utf8) + body
        + Array(")\r\n+ go on\r\nT3 OK [READ-WRITE] done\r\n".utf8)

    static func parseAll(_ bytes: [UInt8], splitAt cuts: [Int], limits: IMAPResponseParser.Limits = .init()) throws -> [IMAPResponse] {
        var parser = IMAPResponseParser(limits: limits)
        var responses: [IMAPResponse] = []
        var start = 0
        for cut in cuts.sorted() + [bytes.count] where cut >= start {
            parser.append(bytes[start..<cut])
            start = cut
            while let response = try parser.next() { responses.append(response) }
        }
        return responses
    }

    @Test("a FETCH literal holding CRLF, braces and a fake BYE is read exactly; kinds, codes and numbers are found")
    func literal() throws {
        let responses = try Self.parseAll(Self.stream, splitAt: [])
        #expect(responses.count == 5)
        #expect(responses[0].responseCode == "UIDVALIDITY 7")
        #expect(responses[1].number(before: "EXISTS") == 2)
        #expect(responses[2].number(before: "FETCH") == 1)
        #expect(responses[2].literals == [Self.body])
        #expect(responses[2].string.hasSuffix("BODY[] {\(Self.body.count)})"))
        #expect(responses[3].kind == .continuation)
        #expect(responses[4].kind == .tagged("T3"))
        #expect(responses[4].status == "OK")
        #expect(responses[4].humanText == "done")
    }

    @Test("every split of the bytes into two or three chunks gives the same responses")
    func splits() throws {
        let whole = try Self.parseAll(Self.stream, splitAt: [])
        for cut in 0...Self.stream.count {
            #expect(try Self.parseAll(Self.stream, splitAt: [cut]) == whole, "cut at \(cut)")
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let cuts = (0..<3).map { _ in Int.random(in: 0...Self.stream.count, using: &generator) }
            #expect(try Self.parseAll(Self.stream, splitAt: cuts) == whole, "cuts \(cuts)")
        }
    }

    @Test("a line without CRLF past the limit, a huge literal, or too many literals fail before they are buffered")
    func limits() throws {
        var limits = IMAPResponseParser.Limits()
        limits.maximumLineLength = 64
        limits.maximumLiteralSize = 100
        limits.maximumLiteralsPerResponse = 2
        #expect(throws: IMAPProtocolError.lineTooLong(limit: 64)) {
            try Self.parseAll(Array(repeating: UInt8(ascii: "a"), count: 70), splitAt: [], limits: limits)
        }
        #expect(throws: IMAPProtocolError.literalTooLarge(size: 101, limit: 100)) {
            try Self.parseAll(Array("* 1 FETCH (BODY[] {101}\r\n".utf8), splitAt: [], limits: limits)
        }
        #expect(throws: IMAPProtocolError.literalTooLarge(size: Int.max, limit: 0)) {
            try Self.parseAll(Array("* 1 FETCH (BODY[] {99999999999999999999}\r\n".utf8), splitAt: [])
        }
        #expect(throws: IMAPProtocolError.tooManyLiterals(limit: 2)) {
            try Self.parseAll(Array("* X {1}\r\na {1}\r\nb {1}\r\nc\r\n".utf8), splitAt: [], limits: limits)
        }
        // Within the limits, random bytes end in responses or an IMAPProtocolError, never a crash.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0..<200, using: &generator)).map { _ in
                [UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "1"), 0x0D, 0x0A, UInt8(ascii: "*"), UInt8(ascii: " "), UInt8(ascii: "a")]
                    .randomElement(using: &generator)!
            }
            do { _ = try Self.parseAll(bytes, splitAt: [bytes.count / 2], limits: limits) } catch {}
        }
    }

    @Test("UID sets, mailbox names in modified UTF-7, quoting, netrc entries, mailbox URLs")
    func helpers() throws {
        #expect(UIDSet([5, 1, 2, 3, 8, 10, 11]).description == "1:3,5,8,10:11")
        #expect(IMAPString.mailbox("Rapports/Été & co") == "\"Rapports/&AMk-t&AOk- &- co\"")
        #expect(IMAPString.quoted("a\"b\\c") == "\"a\\\"b\\\\c\"")
        #expect(IMAPString.quoted("line\r\nbreak") == nil)
        let netrc = NetrcFile(text: "machine other.example login x password no\nmachine IMAP.example.com\n  login reports\n  password \"p w\"\ndefault password fallback\n")
        #expect(netrc.password(machine: "imap.example.com", login: "reports") == "p w")
        #expect(netrc.password(machine: "unknown.example", login: "reports") == "fallback")
        let url = try IMAPMailboxURL("imaps://reports%40example.com@imap.example.com/TLS%20Reports")
        #expect(url.user == "reports@example.com" && url.mailbox == "TLS Reports" && url.port == 993)
        #expect(try IMAPMailboxURL("imap://u@h").port == 143)
        #expect(throws: IMAPFetchError.self) { try IMAPMailboxURL("imaps://u:secret@h/INBOX") }
        #expect(throws: IMAPFetchError.self) { try IMAPMailboxURL("https://u@h/INBOX") }
    }
}
