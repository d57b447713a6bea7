import Foundation
import Testing
@testable import TLSRPTKit

/// Synthetic messages covering the MIME quirks report mail shows in the wild.
@Suite("MIME entity parsing (synthetic messages)")
struct MIMEEntityTests {
    /// A small gzip-looking payload.
    static let payload: [UInt8] = [0x1F, 0x8B, 0x08, 0x00] + Array("{\"report-id\":\"x\"}".utf8) + [0x00, 0xFF, 0x7F]

    /// Base64 of `bytes`, wrapped at `width` with CRLF.
    static func base64Lines(_ bytes: [UInt8], width: Int = 76) -> String {
        let encoded = Data(bytes).base64EncodedString()
        var lines: [String] = []
        var current = ""
        for character in encoded {
            current.append(character)
            if current.count == width {
                lines.append(current)
                current = ""
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.joined(separator: "\r\n")
    }

    @Test("RFC 2231 split filename on Content-Type and Content-Disposition")
    func rfc2231SplitFilename() {
        let message = MailTestSupport.crlf("""
        Content-Type: multipart/mixed; boundary=XYZ

        --XYZ
        Content-Type: application/tlsrpt+gzip;
         name*0*=utf-8''google.com%21example.com%21;
         name*1*=1778544000%211778630399%21001.json.gz
        Content-Disposition: attachment;
        \tfilename*0*=utf-8''r%C3%A9port%20;
        \tfilename*1="2026.json.gz"
        Content-Transfer-Encoding: base64

        \(Self.base64Lines(Self.payload))
        --XYZ--
        """)
        let entity = MIMEEntity.parse(message)
        let leaves = entity.leaves()
        #expect(leaves.count == 1)
        let report = leaves[0]
        #expect(report.mediaType == "application/tlsrpt+gzip")
        #expect(report.mediaParameters["name"] == "google.com!example.com!1778544000!1778630399!001.json.gz")
        #expect(report.dispositionParameters["filename"] == "réport 2026.json.gz")
        #expect(report.fileName == "réport 2026.json.gz")
        #expect(report.body == Self.payload)
    }

    @Test("file name falls back to the Content-Type name, RFC 2047-decoded")
    func rfc2047FileName() {
        let message = MailTestSupport.lf("""
        Content-Type: application/tlsrpt+gzip; name="=?utf-8?B?csOpcG9ydC5qc29uLmd6?="
        Content-Transfer-Encoding: base64

        \(Data(Self.payload).base64EncodedString())
        """)
        let entity = MIMEEntity.parse(message)
        #expect(entity.fileName == "réport.json.gz")
        #expect(entity.mediaParameters["name"] == "=?utf-8?B?csOpcG9ydC5qc29uLmd6?=")
        #expect(entity.dispositionType == nil)
        #expect(entity.body == Self.payload)

        let qEncoded = MIMEEntity.parse(MailTestSupport.lf("""
        Content-Disposition: attachment; filename="=?iso-8859-1?Q?r=E9port?= =?iso-8859-1?Q?.json?="

        {}
        """))
        #expect(qEncoded.fileName == "réport.json")
        #expect(qEncoded.dispositionType == "attachment")
    }

    @Test("an empty file name is nil")
    func emptyFileName() {
        let entity = MIMEEntity.parse(Array("Content-Disposition: attachment; filename=\"  \"\n\nx".utf8))
        #expect(entity.fileName == nil)
    }

    @Test("quoted-printable body")
    func quotedPrintableBody() {
        let message = MailTestSupport.crlf("""
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: Quoted-Printable

        Caf=C3=A9 au lait, tr=C3=A8s bon, and a very long line that is wrapped by =
        the encoder=3F Yes.
        Trailing spaces vanish.\u{20}\u{20}
        last line\u{20}
        """)
        let entity = MIMEEntity.parse(message)
        #expect(String(decoding: entity.body, as: UTF8.self)
            == "Café au lait, très bon, and a very long line that is wrapped by the encoder? Yes.\r\nTrailing spaces vanish.\r\nlast line ")
    }

    @Test("base64 without padding and with CRLF wrapping")
    func base64WithoutPadding() {
        let bytes = Array((0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        let unpadded = Self.base64Lines(bytes, width: 64).replacingOccurrences(of: "=", with: "")
        let message = MailTestSupport.crlf("""
        Content-Type: application/tlsrpt+gzip
        Content-Transfer-Encoding: base64

        \(unpadded)

        """)
        #expect(MIMEEntity.parse(message).body == bytes)
    }

    @Test("nested multipart with two report attachments, preamble and epilogue ignored")
    func nestedMultipart() {
        let second = Array("{\"second\":true}".utf8)
        let message = MailTestSupport.lf("""
        From: reporter@example.net
        Content-Type: multipart/report; boundary="outer"; report-type=tlsrpt

        This is the preamble. --outer is not a delimiter here.
        --outer
        Content-Type: text/plain

        Human readable.
        --outer\t
        Content-Type: multipart/mixed; boundary=outer-inner

        inner preamble
        --outer-inner
        Content-Type: application/tlsrpt+gzip; name="a.json.gz"
        Content-Transfer-Encoding: base64

        \(Data(Self.payload).base64EncodedString())
        --outer-inner
        Content-Type: application/tlsrpt+json
        Content-Disposition: attachment; filename=b.json

        {"second":true}
        --outer-inner--
        inner epilogue
        --outer--
        This is the epilogue.
        --outer
        Content-Type: text/plain

        must be ignored
        """)
        let entity = MIMEEntity.parse(message)
        #expect(entity.mediaType == "multipart/report")
        #expect(entity.children.count == 2)
        #expect(entity.children[1].mediaType == "multipart/mixed")
        #expect(entity.children[1].children.count == 2)
        let leaves = entity.leaves()
        #expect(leaves.map(\.mediaType) == ["text/plain", "application/tlsrpt+gzip", "application/tlsrpt+json"])
        #expect(leaves[0].body == Array("Human readable.".utf8))
        #expect(leaves[1].fileName == "a.json.gz")
        #expect(leaves[1].body == Self.payload)
        #expect(leaves[2].fileName == "b.json")
        #expect(leaves[2].body == second)
        #expect(MailTestSupport.reportLeaves(entity).count == 2)
    }

    @Test("message/rfc822 forward: the embedded report message is a child")
    func forwardedMessage() {
        let message = MailTestSupport.crlf("""
        From: admin@example.com
        Subject: Fwd: Report Domain: example.com
        Content-Type: multipart/mixed; boundary="fwd"

        --fwd
        Content-Type: text/plain

        See attached.
        --fwd
        Content-Type: message/rfc822
        Content-Disposition: attachment; filename="original.eml"

        From: noreply-smtp-tls-reporting@google.com
        Subject: Report Domain: example.com
        Content-Type: multipart/report; boundary="orig"; report-type=tlsrpt

        --orig
        Content-Type: text/plain

        This is an aggregate TLS report from google.com
        --orig
        Content-Type: application/tlsrpt+gzip; name="google.com!example.com!1!2!001.json.gz"
        Content-Transfer-Encoding: base64

        \(Self.base64Lines(Self.payload))
        --orig--

        --fwd--
        """)
        let entity = MIMEEntity.parse(message)
        let forwarded = entity.children[1]
        #expect(forwarded.mediaType == "message/rfc822")
        #expect(forwarded.body.isEmpty)
        #expect(forwarded.children.count == 1)
        let inner = forwarded.children[0]
        #expect(inner.headers["subject"] == "Report Domain: example.com")
        #expect(inner.mediaType == "multipart/report")
        let reports = MailTestSupport.reportLeaves(entity)
        #expect(reports.count == 1)
        #expect(reports.first?.fileName == "google.com!example.com!1!2!001.json.gz")
        #expect(reports.first?.body == Self.payload)
        #expect(entity.leaves().count == 3)
    }

    @Test("a base64-encoded message/rfc822 is decoded before parsing")
    func base64EncodedForward() {
        let inner = "Content-Type: application/tlsrpt+json\r\n\r\n{\"a\":1}"
        let message = MailTestSupport.lf("""
        Content-Type: message/rfc822
        Content-Transfer-Encoding: base64

        \(Data(inner.utf8).base64EncodedString())
        """)
        let entity = MIMEEntity.parse(message)
        #expect(entity.leaves().first?.mediaType == "application/tlsrpt+json")
        #expect(entity.leaves().first?.body == Array("{\"a\":1}".utf8))
    }

    @Test("a missing closing boundary keeps what is there")
    func missingClosingBoundary() {
        let message = MailTestSupport.lf("""
        Content-Type: multipart/report; boundary=b

        --b
        Content-Type: text/plain

        text
        --b
        Content-Type: application/tlsrpt+gzip
        Content-Transfer-Encoding: base64

        \(Data(Self.payload).base64EncodedString())

        """)
        let leaves = MIMEEntity.parse(message).leaves()
        #expect(leaves.count == 2)
        #expect(leaves[1].mediaType == "application/tlsrpt+gzip")
        #expect(leaves[1].body == Self.payload)
    }

    @Test("a truncated message keeps the partial attachment")
    func truncatedAttachment() {
        let encoded = Data(Self.payload).base64EncodedString()
        let message = MailTestSupport.lf("""
        Content-Type: multipart/report; boundary=b

        --b
        Content-Type: application/tlsrpt+gzip
        Content-Transfer-Encoding: base64

        \(encoded.prefix(8))
        """)
        let leaves = MIMEEntity.parse(message).leaves()
        #expect(leaves.count == 1)
        #expect(leaves[0].body == Array(Self.payload.prefix(6)))
    }

    @Test("RFC 2047 subject, folded with a tab")
    func encodedSubject() {
        let message = MailTestSupport.crlf("""
        Subject: =?UTF-8?B?UmVwb3J0IERvbWFpbjog?=
        \t=?UTF-8?Q?b=C3=BCcher.example?= Submitter: google.com
        From: =?iso-8859-1?q?J=F6rg?= <j@example.com>

        body
        """)
        let entity = MIMEEntity.parse(message)
        #expect(entity.headers.decoded("subject") == "Report Domain: bücher.example Submitter: google.com")
        #expect(entity.headers.decoded("From") == "Jörg <j@example.com>")
        #expect(entity.mediaType == "text/plain")
        #expect(entity.body == Array("body".utf8))
    }

    @Test("header folding with tabs around parameters")
    func foldedParameters() {
        let message = MailTestSupport.crlf("""
        Content-Type: multipart/report;
        \t boundary="_x_"
        \t;
        \treport-type=tlsrpt;

        --_x_
        Content-Type: application/tlsrpt+gzip;\u{20}
        \tname="r.json.gz"

        raw
        --_x_--
        """)
        let entity = MIMEEntity.parse(message)
        #expect(entity.mediaParameters == ["boundary": "_x_", "report-type": "tlsrpt"])
        #expect(entity.leaves().first?.fileName == "r.json.gz")
        #expect(entity.leaves().first?.body == Array("raw".utf8))
    }

    @Test("mixed line endings, uppercase header names and media types")
    func mixedLineEndingsAndCase() {
        let bytes = Array("CONTENT-TYPE: Multipart/Report; Boundary=\"B\"\r\n\n--B\r\ncontent-type: APPLICATION/TLSRPT+GZIP\n\r\nxyz\n--B--\r\n".utf8)
        let entity = MIMEEntity.parse(bytes)
        #expect(entity.mediaType == "multipart/report")
        #expect(entity.mediaParameters["boundary"] == "B")
        let leaves = entity.leaves()
        #expect(leaves.count == 1)
        #expect(leaves[0].mediaType == "application/tlsrpt+gzip")
        #expect(leaves[0].body == Array("xyz".utf8))
    }

    @Test("a part without headers and a part with a body but no blank line")
    func partsWithoutHeaders() {
        let message = MailTestSupport.lf("""
        Content-Type: multipart/mixed; boundary=b

        --b

        only body
        --b
        Content-Type: application/json
        {"a":1}
        --b
        --b--
        """)
        let leaves = MIMEEntity.parse(message).leaves()
        #expect(leaves.count == 3)
        #expect(leaves[0].mediaType == "text/plain")
        #expect(leaves[0].body == Array("only body".utf8))
        #expect(leaves[1].mediaType == "application/json")
        #expect(leaves[1].body == Array("{\"a\":1}".utf8))
        #expect(leaves[2].body.isEmpty)
    }

    @Test("a header block without a body")
    func headersOnly() {
        let entity = MIMEEntity.parse(Array("Subject: x\r\nContent-Type: application/tlsrpt+gzip\r\n".utf8))
        #expect(entity.headers["subject"] == "x")
        #expect(entity.mediaType == "application/tlsrpt+gzip")
        #expect(entity.body.isEmpty)
        #expect(entity.leaves().count == 1)
    }

    @Test("invalid or absent Content-Type means text/plain", arguments: [
        "Content-Type: nonsense\n\nx", "Content-Type: /json\n\nx", "Content-Type: a/b/c\n\nx",
        "Content-Type: \n\nx", "X: y\n\nx", "Content-Type: text/\u{00E9}\n\nx",
    ])
    func invalidMediaType(text: String) {
        let entity = MIMEEntity.parse(Array(text.utf8))
        #expect(entity.mediaType == "text/plain")
        #expect(entity.body == Array("x".utf8))
    }

    @Test("multipart without a boundary, or whose boundary never appears, is a leaf")
    func multipartWithoutBoundary() {
        let noBoundary = MIMEEntity.parse(Array("Content-Type: multipart/mixed\n\n--x\n\nbody".utf8))
        #expect(noBoundary.children.isEmpty)
        #expect(noBoundary.body == Array("--x\n\nbody".utf8))
        let unused = MIMEEntity.parse(Array("Content-Type: multipart/mixed; boundary=zz\n\nno parts".utf8))
        #expect(unused.children.isEmpty)
        #expect(unused.leaves().count == 1)
    }

    @Test("boundary lines must match exactly; a longer boundary does not split the outer part")
    func boundaryPrefix() {
        let message = MailTestSupport.lf("""
        Content-Type: multipart/mixed; boundary=ab

        --ab
        Content-Type: text/plain

        --abc
        --ab junk
        still the same part
        --ab--
        """)
        let leaves = MIMEEntity.parse(message).leaves()
        #expect(leaves.count == 1)
        #expect(leaves[0].body == Array("--abc\n--ab junk\nstill the same part".utf8))
    }

    @Test("parts of multipart/digest default to message/rfc822")
    func digest() {
        let message = MailTestSupport.lf("""
        Content-Type: multipart/digest; boundary=d

        --d

        Content-Type: application/tlsrpt+json

        {}
        --d--
        """)
        let entity = MIMEEntity.parse(message)
        #expect(entity.children.first?.mediaType == "message/rfc822")
        #expect(entity.leaves().first?.mediaType == "application/tlsrpt+json")
    }

    @Test("a leading mbox From line is skipped")
    func mboxFromLine() {
        let entity = MIMEEntity.parse(Array("From someone@example.com Sat Jan  3 01:05:34 1996\nSubject: hi\n\nbody".utf8))
        #expect(entity.headers["subject"] == "hi")
        #expect(entity.body == Array("body".utf8))
    }

    @Test("nesting deeper than 16 levels stops expanding")
    func depthLimit() {
        var text = ""
        for level in 0..<40 {
            text += "Content-Type: multipart/mixed; boundary=\"level\(level)\"\n\n--level\(level)\n"
        }
        text += "Content-Type: application/tlsrpt+json\n\n{}\n"
        let entity = MIMEEntity.parse(Array(text.utf8))
        #expect(MailTestSupport.depth(of: entity) == MIMEEntityParser.maximumDepth)
        let leaves = entity.leaves()
        #expect(leaves.count == 1)
        #expect(leaves[0].mediaType == "multipart/mixed")
        #expect(!leaves[0].body.isEmpty)
    }

    @Test("nested message/rfc822 forwards are limited in depth too")
    func rfc822DepthLimit() {
        let text = String(repeating: "Content-Type: message/rfc822\n\n", count: 100) + "Subject: end\n\nx"
        let entity = MIMEEntity.parse(Array(text.utf8))
        #expect(MailTestSupport.depth(of: entity) == MIMEEntityParser.maximumDepth)
    }

    @Test("at most 1,000 parts are parsed")
    func partLimit() {
        var text = "Content-Type: multipart/mixed; boundary=p\n\n"
        for index in 0..<3000 {
            text += "--p\nContent-Type: application/tlsrpt+json\n\n{\"n\":\(index)}\n"
        }
        text += "--p--\n"
        let entity = MIMEEntity.parse(Array(text.utf8))
        #expect(MailTestSupport.entityCount(entity) == MIMEEntityParser.maximumPartCount)
        let leaves = entity.leaves()
        #expect(leaves.count == MIMEEntityParser.maximumPartCount - 1)
        #expect(leaves.first?.body == Array("{\"n\":0}".utf8))
        #expect(leaves.last?.body == Array("{\"n\":998}".utf8))
    }

    @Test("the part limit counts nested parts too")
    func nestedPartLimit() {
        var inner = "Content-Type: multipart/mixed; boundary=i\n\n"
        for _ in 0..<600 { inner += "--i\n\nx\n" }
        inner += "--i--\n"
        let text = "Content-Type: multipart/mixed; boundary=o\n\n--o\n\(inner)--o\n\(inner)--o--\n"
        let entity = MIMEEntity.parse(Array(text.utf8))
        #expect(MailTestSupport.entityCount(entity) <= MIMEEntityParser.maximumPartCount)
        #expect(entity.leaves().count <= MIMEEntityParser.maximumPartCount)
    }

    @Test("hostile sizes finish quickly: one huge line, many boundaries, huge headers")
    func hostileSizes() {
        let clock = ContinuousClock()
        let longLine = Array("Content-Type: multipart/mixed; boundary=q\n\n".utf8) + [UInt8](repeating: UInt8(ascii: "-"), count: 4 << 20)
        let manyBoundaries = Array(("Content-Type: multipart/mixed; boundary=q\n\n" + String(repeating: "--q\n", count: 500_000)).utf8)
        let hugeHeader = Array(("Subject: " + String(repeating: "=?a?q?x", count: 200_000) + "\n"
            + String(repeating: "X-A: b\n", count: 200_000) + "Content-Type: text/plain; "
            + String(repeating: "a*1*=%; ", count: 100_000) + "\n\nx").utf8)
        let elapsed = clock.measure {
            let first = MIMEEntity.parse(longLine)
            #expect(first.children.isEmpty)
            let second = MIMEEntity.parse(manyBoundaries)
            #expect(MailTestSupport.entityCount(second) <= MIMEEntityParser.maximumPartCount)
            let third = MIMEEntity.parse(hugeHeader)
            #expect(third.headers.values(named: "x-a").count == 200_000)
            #expect(third.headers.decoded("subject")?.isEmpty == false)
        }
        #expect(elapsed < .seconds(30))
    }

    @Test("looksLikeMessage accepts messages and rejects JSON, gzip and prose")
    func looksLikeMessage() throws {
        func check(_ text: String) -> Bool { MIMEEntity.looksLikeMessage(Array(text.utf8)[...]) }
        #expect(check("From MAILER-DAEMON Thu Jan  1 00:00:00 1970\nX: y\n"))
        #expect(check("Return-Path: <a@b>\r\nReceived: from x\r\n\tby y\r\n\r\nbody"))
        #expect(check("Subject: hi"))
        #expect(check("Received: from x\n by y\nDKIM-Signature: v=1;\n\tb=abc"))
        #expect(check("X-Header : value\n\n"))
        #expect(check("Subject: x\nX-Trunc"))
        #expect(check("X-Odd+Name: y\nSubject: z\n\n"))
        #expect(!check("{\"report-id\": \"x\"}"))
        #expect(!check("  {\n\"a\": 1}"))
        #expect(!check("Hello world, this is text.\n"))
        #expect(!check("\nSubject: x"))
        #expect(!check(""))
        #expect(!check("Subj"))
        #expect(!check(" Subject: x"))
        #expect(!check("Subject: x\nthis is not a header\n"))
        #expect(!MIMEEntity.looksLikeMessage([0x1F, 0x8B, 0x08, 0x00, 0x3A][...]))
        #expect(!MIMEEntity.looksLikeMessage(Array("PK\u{03}\u{04}:".utf8)[...]))
        let slice = Array("xxSubject: y\n".utf8)[2...]
        #expect(MIMEEntity.looksLikeMessage(slice))
    }

    @Test("leaves of a leaf is the leaf itself")
    func leavesOfLeaf() {
        let entity = MIMEEntity.parse(Array("Subject: x\n\nbody".utf8))
        #expect(entity.leaves() == [entity])
    }
}
