import Foundation
import TLSRPTTestSupport
import Testing
@testable import TLSRPTKit

/// Parses every real and synthetic report e-mail in the real corpus and checks the report attachment
/// against the attachment extracted independently into the corpus `extracted/` folders.
@Suite("MIME parsing of the report corpus")
struct MIMECorpusTests {
    /// What one corpus message must yield.
    struct Expectation: Sendable, CustomTestStringConvertible {
        /// The `.eml` path relative to the corpus directory.
        var messagePath: String
        /// The boundary of the top-level `multipart/report`.
        var boundary: String
        /// The media type of the report attachment.
        var reportMediaType: String
        /// The report attachment's file name.
        var fileName: String
        /// The extracted attachment, relative to the corpus directory.
        var extractedPath: String
        /// The media type of the human-readable part.
        var textMediaType: String
        /// The `TLS-Report-Domain` header, `nil` where the stored copy lacks it.
        var reportDomain: String?

        var testDescription: String { messagePath }
    }

    static let expectations: [Expectation] = [
        Expectation(
            messagePath: "gene-hightower-internet-message-parser/google.com!digilicious.com!1641686400!1641772799!001.eml",
            boundary: "000000000000447d8005d537639b",
            reportMediaType: "application/tlsrpt+gzip",
            fileName: "google.com!digilicious.com!1641686400!1641772799!001.json.gz",
            extractedPath: "gene-hightower-internet-message-parser/extracted/google.com!digilicious.com!1641686400!1641772799!001.json.gz",
            textMediaType: "text/plain",
            reportDomain: nil
        ),
        Expectation(
            messagePath: "isseis-tlsrpt-digest/tlsrpt_failure.eml",
            boundary: "000000000000b06cc30651b4d5d9",
            reportMediaType: "application/tlsrpt+gzip",
            fileName: "google.com!example.com!1778544000!1778630399!001.json.gz",
            extractedPath: "isseis-tlsrpt-digest/extracted/tlsrpt_failure__google.com!example.com!1778544000!1778630399!001.json.gz",
            textMediaType: "text/plain",
            reportDomain: "example.com"
        ),
        Expectation(
            messagePath: "isseis-tlsrpt-digest/tlsrpt_success_google_1.eml",
            boundary: "0000000000003729310651a0be19",
            reportMediaType: "application/tlsrpt+gzip",
            fileName: "google.com!example.com!1778457600!1778543999!001.json.gz",
            extractedPath: "isseis-tlsrpt-digest/extracted/tlsrpt_success_google_1__google.com!example.com!1778457600!1778543999!001.json.gz",
            textMediaType: "text/plain",
            reportDomain: "example.com"
        ),
        Expectation(
            messagePath: "isseis-tlsrpt-digest/tlsrpt_success_google_2.eml",
            boundary: "000000000000b06cc30651b4d5d9",
            reportMediaType: "application/tlsrpt+gzip",
            fileName: "google.com!example.com!1778544000!1778630399!001.json.gz",
            extractedPath: "isseis-tlsrpt-digest/extracted/tlsrpt_success_google_2__google.com!example.com!1778544000!1778630399!001.json.gz",
            textMediaType: "text/plain",
            reportDomain: "example.com"
        ),
        Expectation(
            messagePath: "isseis-tlsrpt-digest/tlsrpt_success_microsoft.eml",
            boundary: "_ef7ba0ff-fc83-492a-bd16-ed8162e24e7c_",
            reportMediaType: "application/tlsrpt+gzip",
            fileName: "microsoft.com!example.com!1778630400!1778716799!134232617934286362.json.gz",
            extractedPath: "isseis-tlsrpt-digest/extracted/tlsrpt_success_microsoft__microsoft.com!example.com!1778630400!1778716799!134232617934286362.json.gz",
            textMediaType: "text/html",
            reportDomain: "example.com"
        ),
        Expectation(
            messagePath: "mox/example.eml",
            boundary: "000000000000f47cb005e8c8905b",
            reportMediaType: "application/tlsrpt+gzip",
            fileName: "google.com!test.xmox.nl!1663200000!1663286399!001.json.gz",
            extractedPath: "mox/extracted/google.com!test.xmox.nl!1663200000!1663286399!001.json.gz",
            textMediaType: "text/plain",
            reportDomain: "test.xmox.nl"
        ),
        Expectation(
            messagePath: "mox/microsoft.eml",
            boundary: "_078e4900-4595-46ae-b003-a8055864441a_",
            reportMediaType: "application/tlsrpt+gzip",
            fileName: "microsoft.com!test.xmox.nl!1673308800!1673395199!133198585438131172.json.gz",
            extractedPath: "mox/extracted/microsoft.com!test.xmox.nl!1673308800!1673395199!133198585438131172.json.gz",
            textMediaType: "text/plain",
            reportDomain: "test.xmox.nl"
        ),
        Expectation(
            messagePath: "parsedmarc/google.com_smtp_tls_report.eml",
            boundary: "0000000000007877ce062148fba9",
            reportMediaType: "application/tlsrpt+gzip",
            fileName: "google.com!cardinalhealth.ca!1725321600!1725407999!001.json.gz",
            extractedPath: "parsedmarc/extracted/google.com!cardinalhealth.ca!1725321600!1725407999!001.json.gz",
            textMediaType: "text/plain",
            reportDomain: "cardinalhealth.ca"
        ),
        Expectation(
            messagePath: "stalwart-mail-auth/rpt01.eml",
            boundary: "----=_NextPart_000_024E_01CC9B0A.AFE54C00",
            reportMediaType: "application/tlsrpt+gzip",
            fileName: "mail.sender.example!example.com!1013662812!1013749130.json.gz",
            extractedPath: "stalwart-mail-auth/extracted/mail.sender.example!example.com!1013662812!1013749130.json.gz",
            textMediaType: "text/plain",
            reportDomain: "example.net"
        ),
        Expectation(
            messagePath: "stalwart-mail-auth/rpt02.eml",
            boundary: "----=_NextPart_000_024E_01CC9B0A.AFE54C00",
            reportMediaType: "application/tlsrpt",
            fileName: "mail.sender.example!example.com!1013662812!1013749130.json",
            extractedPath: "stalwart-mail-auth/extracted/mail.sender.example!example.com!1013662812!1013749130.json",
            textMediaType: "text/plain",
            reportDomain: "example.net"
        ),
    ]

    @Test("every corpus e-mail has an expectation")
    func everyMessageIsCovered() throws {
        let paths = RealReports.paths(endingWith: ".eml")
        #expect(paths.count >= 10)
        #expect(Set(paths) == Set(Self.expectations.map(\.messagePath)))
    }

    @Test("report attachment matches the extracted file", arguments: expectations)
    func reportAttachmentMatchesExtractedFile(_ expectation: Expectation) throws {
        let message = MIMEEntity.parse(try RealReports.bytes(expectation.messagePath))

        #expect(message.mediaType == "multipart/report")
        #expect(message.mediaParameters["report-type"] == "tlsrpt")
        #expect(message.mediaParameters["boundary"] == expectation.boundary)
        #expect(message.body.isEmpty)
        #expect(message.children.count == 2)

        let leaves = message.leaves()
        try #require(leaves.count == 2)
        #expect(leaves[0].mediaType == expectation.textMediaType)
        #expect(leaves[0].fileName == nil)

        let report = leaves[1]
        #expect(report.mediaType == expectation.reportMediaType)
        #expect(report.fileName == expectation.fileName)
        #expect(report.dispositionType == "attachment")
        #expect(report.dispositionParameters["filename"] == expectation.fileName)
        #expect(MailTestSupport.reportLeaves(message).count == 1)

        let extracted = try RealReports.bytes(expectation.extractedPath)
        #expect(report.body.count == extracted.count)
        #expect(report.body == extracted)
        if expectation.fileName.hasSuffix(".gz") {
            #expect(Array(report.body.prefix(2)) == [0x1F, 0x8B])
        } else {
            #expect(report.body.first == UInt8(ascii: "{"))
        }
    }

    @Test("TLS-RPT headers and subject are read", arguments: expectations)
    func reportHeaders(_ expectation: Expectation) throws {
        let bytes = try RealReports.bytes(expectation.messagePath)
        let message = MIMEEntity.parse(bytes)
        let subject = try #require(message.headers.decoded("subject"))
        #expect(subject.hasPrefix("Report Domain: "))
        #expect(subject.contains("Submitter: "))
        #expect(subject.contains("Report-ID:"))
        #expect(!subject.contains("\n") && !subject.contains("\r"))
        #expect(message.headers["TLS-Report-Domain"] == expectation.reportDomain)
        #expect(message.headers["from"]?.isEmpty == false)
        #expect(MIMEEntity.looksLikeMessage(bytes.prefix(512)))
    }

    @Test("Microsoft's folded subject and Content-Description are unfolded")
    func microsoftFoldedHeaders() throws {
        let message = MIMEEntity.parse(try RealReports.bytes("mox/microsoft.eml"))
        #expect(message.headers["Subject"]
            == "Report Domain: test.xmox.nl Submitter: microsoft.com Report-ID: 133198585438131172+test.xmox.nl")
        let report = try #require(message.leaves().last)
        #expect(report.headers["content-description"]
            == "microsoft.com!test.xmox.nl!1673308800!1673395199!133198585438131172.json.gz")
        #expect(report.mediaParameters.isEmpty)
        #expect(report.mediaType == "application/tlsrpt+gzip")
    }

    @Test("quoted-printable text parts are decoded")
    func quotedPrintableTextParts() throws {
        let google = MIMEEntity.parse(try RealReports.bytes("parsedmarc/google.com_smtp_tls_report.eml"))
        let banner = String(decoding: try #require(google.leaves().first).body, as: UTF8.self)
        #expect(banner.contains("External Email \u{2013} Please use caution before opening attachments or clicking links"))
        #expect(banner.contains("This is an aggregate TLS report from google.com"))

        let microsoft = MIMEEntity.parse(
            try RealReports.bytes("isseis-tlsrpt-digest/tlsrpt_success_microsoft.eml"))
        let html = String(decoding: try #require(microsoft.leaves().first).body, as: UTF8.self)
        #expect(html.contains(#"<meta http-equiv="Content-Type" content="text/html; charset=us-ascii">"#))
        #expect(html.contains(#"<a href="https://privacy.microsoft.com/en-us/privacystatement">"#))
        #expect(!html.contains("=3D"))
    }

    @Test("Google's text part keeps its parameters")
    func googleTextPartParameters() throws {
        let message = MIMEEntity.parse(try RealReports.bytes("mox/example.eml"))
        let text = try #require(message.leaves().first)
        #expect(text.mediaParameters == ["charset": "UTF-8", "format": "flowed", "delsp": "yes"])
        #expect(String(decoding: text.body, as: UTF8.self) == "This is an aggregate TLS report from google.com\r\n")
    }
}
