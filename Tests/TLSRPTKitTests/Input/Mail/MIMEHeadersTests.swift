import Testing
@testable import TLSRPTKit

@Suite("Header block parsing")
struct MIMEHeadersTests {
    @Test("folded headers with tabs and spaces are unfolded; names are case-insensitive")
    func folding() {
        let bytes = MailTestSupport.lf("""
        Subject: Report Domain: example.net
        \tSubmitter: mail.sender.example.com
            Report-ID: <1@x>
        content-TYPE: multipart/report;
        \tboundary="b"
        X-Empty:
        Received: one
        RECEIVED: two

        body
        """)
        let (headers, bodyStart) = MIMEHeaders.parse(bytes[...])
        #expect(headers["subject"] == "Report Domain: example.net\tSubmitter: mail.sender.example.com    Report-ID: <1@x>")
        #expect(headers["Content-Type"] == "multipart/report;\tboundary=\"b\"")
        #expect(headers["x-empty"] == "")
        #expect(headers.values(named: "received") == ["one", "two"])
        #expect(headers["Received"] == "one")
        #expect(headers["missing"] == nil)
        #expect(Array(bytes[bodyStart...]) == Array("body".utf8))
        #expect(headers.fields.map(\.name) == ["Subject", "content-TYPE", "X-Empty", "Received", "RECEIVED"])
    }

    @Test("mixed CRLF and LF line endings")
    func mixedLineEndings() {
        let bytes = Array("A: 1\r\nB: 2\n\tcontinued\r\n\r\nbody\r\n".utf8)
        let (headers, bodyStart) = MIMEHeaders.parse(bytes[...])
        #expect(headers["a"] == "1")
        #expect(headers["b"] == "2\tcontinued")
        #expect(Array(bytes[bodyStart...]) == Array("body\r\n".utf8))
    }

    @Test("a header block without a body ends at the end of the input")
    func noBody() {
        let bytes = Array("A: 1\r\nB: 2".utf8)
        let (headers, bodyStart) = MIMEHeaders.parse(bytes[...])
        #expect(headers.fields.count == 2)
        #expect(bodyStart == bytes.count)
    }

    @Test("a body without a blank line starts at the first non-header line")
    func bodyWithoutBlankLine() {
        let bytes = Array("Content-Type: text/plain\nhello world\nmore".utf8)
        let (headers, bodyStart) = MIMEHeaders.parse(bytes[...])
        #expect(headers["content-type"] == "text/plain")
        #expect(Array(bytes[bodyStart...]) == Array("hello world\nmore".utf8))
    }

    @Test("white space before the colon and odd values")
    func obsoleteSyntax() {
        let bytes = Array("Subject : hi\nX-Bin: \u{00E9}t\u{00E9}\n\n".utf8)
        let (headers, _) = MIMEHeaders.parse(bytes[...])
        #expect(headers["subject"] == "hi")
        #expect(headers["x-bin"] == "été")
    }

    @Test("8-bit header bytes that are not UTF-8 are read as ISO 8859-1")
    func latin1Header() {
        let bytes: [UInt8] = Array("X: caf".utf8) + [0xE9] + Array("\n\n".utf8)
        #expect(MIMEHeaders.parse(bytes[...]).headers["x"] == "café")
    }

    @Test("decoded() applies RFC 2047 to the value")
    func decodedSubject() {
        let bytes = Array("Subject: =?utf-8?B?UmVwb3J0?=\n =?utf-8?Q?_Domain=3A_ex=C3=A4mple.com?=\n\n".utf8)
        let (headers, _) = MIMEHeaders.parse(bytes[...])
        #expect(headers["subject"] == "=?utf-8?B?UmVwb3J0?= =?utf-8?Q?_Domain=3A_ex=C3=A4mple.com?=")
        #expect(headers.decoded("SUBJECT") == "Report Domain: exämple.com")
        #expect(headers.decoded("missing") == nil)
    }

    @Test("a leading continuation line means there are no headers")
    func leadingContinuation() {
        let bytes = Array(" indented\nA: 1\n\n".utf8)
        let (headers, bodyStart) = MIMEHeaders.parse(bytes[...])
        #expect(headers.fields.isEmpty)
        #expect(bodyStart == 0)
    }
}
