import Foundation
import Testing

@testable import TLSRPTKit

@Suite("SummaryEmailComposer: a MIME message for sendmail -t")
struct SummaryEmailComposerTests {
    /// 2026-11-28T06:00:00Z.
    private let date = Date(timeIntervalSince1970: 1_795_845_600)
    private let options = SummaryRenderOptions(top: 3)

    private struct Message {
        var headers: [(name: String, value: String)]
        var body: String

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        init(_ text: String) throws {
            let split = try #require(text.range(of: "\r\n\r\n"))
            var headers: [(String, String)] = []
            for line in text[..<split.lowerBound].components(separatedBy: "\r\n") {
                if line.hasPrefix(" ") || line.hasPrefix("\t") {
                    try #require(!headers.isEmpty)
                    headers[headers.count - 1].1 += line  // unfold: drop the CRLF only
                } else {
                    let colon = try #require(line.firstIndex(of: ":"))
                    headers.append(
                        (
                            String(line[..<colon]),
                            String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                        ))
                }
            }
            self.headers = headers
            self.body = String(text[split.upperBound...])
        }
    }

    private func compose(
        _ summary: PeriodSummary = SummaryFixture.summary, from: String = "TLS reports <tlsrpt@example.com>",
        to: [String] = ["postmaster@example.com", "Ops <ops@example.net>"]
    ) -> String {
        SummaryEmailComposer.compose(
            summary, options: options, from: from, to: to, date: date, messageID: "abc@example.com")
    }

    /// Decodes `=?utf-8?B?…?=` words separated by folding white space.
    private func decodeEncodedWords(_ value: String) throws -> String {
        var bytes: [UInt8] = []
        for word in value.split(whereSeparator: { $0 == " " || $0 == "\r" || $0 == "\n" }) {
            #expect(word.count <= 75)
            #expect(word.hasPrefix("=?utf-8?B?") && word.hasSuffix("?="))
            let base64 = word.dropFirst(10).dropLast(2)
            bytes += try #require(Data(base64Encoded: String(base64)))
        }
        return try #require(String(validating: bytes, as: UTF8.self))
    }

    @Test("CRLF only, and the header fields a mail system needs")
    func headers() throws {
        let text = compose()
        let scalars = Array(text.unicodeScalars)
        for index in scalars.indices {
            if scalars[index] == "\n" { #expect(index > 0 && scalars[index - 1] == "\r") }
            if scalars[index] == "\r" { #expect(index + 1 < scalars.count && scalars[index + 1] == "\n") }
        }
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        let message = try Message(text)
        #expect(
            message.headers.map(\.name) == [
                "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Auto-Submitted", "Content-Type",
            ])
        #expect(message.header("From") == "TLS reports <tlsrpt@example.com>")
        #expect(message.header("To") == "postmaster@example.com, Ops <ops@example.net>")
        #expect(
            message.header("Subject")
                == "TLS report summary 2026-11-22 to 2026-11-28: 2 domains, 12,345 failed sessions")
        #expect(message.header("Date") == "Sat, 28 Nov 2026 06:00:00 +0000")
        #expect(message.header("Message-ID") == "<abc@example.com>")
        #expect(message.header("MIME-Version") == "1.0")
        #expect(message.header("Auto-Submitted") == "auto-generated")
        let contentType = try #require(message.header("Content-Type"))
        #expect(contentType.hasPrefix("multipart/alternative; boundary=\"=_tlsrpt_"))
        let headerBlock = try #require(text.components(separatedBy: "\r\n\r\n").first)
        #expect(headerBlock.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
    }

    @Test("two quoted-printable parts that decode to exactly the text and HTML renderings")
    func parts() throws {
        let text = compose()
        let message = try Message(text)
        let contentType = try #require(message.header("Content-Type"))
        let boundary = String(try #require(contentType.components(separatedBy: "boundary=\"").last).dropLast())
        #expect(boundary.count > 20)

        // Body: preamble, two parts, the close delimiter, and nothing after it.
        let sections = message.body.components(separatedBy: "\r\n--" + boundary)
        #expect(sections.count == 4)
        #expect(sections[3] == "--\r\n")
        let expected = [
            ("text/plain", SummaryTextRenderer.render(SummaryFixture.summary, options: options)),
            ("text/html", SummaryHTMLRenderer.render(SummaryFixture.summary, options: options)),
        ]
        for (index, (type, rendering)) in expected.enumerated() {
            let part = sections[index + 1]
            #expect(part.hasPrefix("\r\n"))
            let split = try #require(part.range(of: "\r\n\r\n"))
            // "\r\n" is one Character: index(after:) skips the CRLF that ends the delimiter line.
            let partHeaders = part[part.index(after: part.startIndex)..<split.lowerBound].components(
                separatedBy: "\r\n")
            #expect(
                partHeaders == ["Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: quoted-printable"])
            let encoded = String(part[split.upperBound...])
            #expect(!encoded.contains(boundary))
            let decoded = try QuotedPrintableTestDecoder.decode(encoded)
            #expect(decoded.replacingOccurrences(of: "\r\n", with: "\n") == rendering)
        }
        // No body line over 76 characters.
        for line in message.body.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 76, "\(line)")
        }
    }

    @Test("CR and LF in the sender, recipients and Message-ID cannot add header fields")
    func headerInjection() throws {
        let text = SummaryEmailComposer.compose(
            SummaryFixture.summary, options: options, from: "tlsrpt@example.com\r\nBcc: victim@example.org",
            to: ["a@example.com\nBcc: b@example.org", "\r\nX-Injected: yes", "c@example.com\u{0}"], date: date,
            messageID: "<id@example.com>\r\nX-Injected: yes")
        let message = try Message(text)
        #expect(
            message.headers.map(\.name) == [
                "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Auto-Submitted", "Content-Type",
            ])
        #expect(!text.contains("Bcc"))
        #expect(!text.contains("X-Injected"))
        #expect(message.header("From") == "tlsrpt@example.com")
        #expect(message.header("To") == "a@example.com, c@example.com")
        #expect(message.header("Message-ID") == "<id@example.com>")
        let noRecipients = try Message(compose(to: []))
        #expect(noRecipients.header("To") == "undisclosed-recipients:;")
    }

    @Test("non-ASCII subjects and display names become RFC 2047 encoded-words")
    func encodedWords() throws {
        var summary = SummaryFixture.summary
        summary.domains = [SummaryFixture.exampleCom]
        summary.domains[0].domain = "bücher-straße-ñandú-日本語-" + String(repeating: "ü", count: 30) + ".example"
        let message = try Message(compose(summary, from: "Jörg Müller <tlsrpt@example.com>"))
        let subject = try #require(message.header("Subject"))
        #expect(
            try decodeEncodedWords(subject)
                == "TLS report summary 2026-11-22 to 2026-11-28: \(summary.domains[0].domain), 12,345 failed sessions")
        let from = try #require(message.header("From"))
        #expect(from.hasSuffix(" <tlsrpt@example.com>"))
        #expect(try decodeEncodedWords(String(from.dropLast(" <tlsrpt@example.com>".count))) == "Jörg Müller")

        // Plain ASCII that looks like an encoded-word is encoded too, so it is shown as written.
        summary.domains[0].domain = "=?utf-8?B?ZXZpbA==?="
        let tricky = try #require(try Message(compose(summary)).header("Subject"))
        #expect(try decodeEncodedWords(tricky).contains("=?utf-8?B?ZXZpbA==?="))
    }

    @Test("a period without reports still makes a message")
    func empty() throws {
        let message = try Message(compose(SummaryFixture.empty))
        #expect(message.header("Subject") == "TLS report summary 2026-11-22 to 2026-11-28: no reports")
        #expect(message.body.contains("No reports between 2026-11-22 and 2026-11-28."))
    }
}
