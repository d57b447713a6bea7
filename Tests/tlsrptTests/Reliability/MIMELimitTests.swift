import Foundation
import TLSRPTTestSupport
import Testing

@testable import TLSRPTKit

/// Issue #15, item 8: messages past the MIME limits were counted "without a report" and lost.
@Suite("messages past the MIME limits are rejected with the limit named, their bytes kept")
struct MIMELimitTests {
    func attachment(_ reportID: String) throws -> String {
        let gzipped = try ReportFactory.gzip(ReportFactory.json(reportID: reportID))
        return """
            Content-Type: application/tlsrpt+gzip; name="reporter.example!example.com!1761955200!1762041599.json.gz"\r
            Content-Transfer-Encoding: base64\r
            \r
            \(gzipped.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]))\r

            """
    }

    func message(body: String) -> Data {
        let headers = """
            From: noreply@reporter.example\r
            To: tlsrpt@example.com\r
            Subject: Report Domain: example.com\r
            Message-ID: <limits@reporter.example>\r
            MIME-Version: 1.0\r

            """
        return Data((headers + body).utf8)
    }

    /// A report attachment inside `levels` nested multiparts.
    func nested(levels: Int) throws -> Data {
        var entity = try attachment("nested-\(levels)")
        for level in (0..<levels).reversed() {
            entity = "Content-Type: multipart/mixed; boundary=\"level\(level)\"\r\n\r\n--level\(level)\r\n\(entity)--level\(level)--\r\n"
        }
        return message(body: entity)
    }

    /// `fillers` text parts, then the report attachment, in one multipart.
    func wide(fillers: Int) throws -> Data {
        var body = "Content-Type: multipart/mixed; boundary=\"B\"\r\n\r\n"
        for index in 0..<fillers { body += "--B\r\nContent-Type: text/plain\r\n\r\nfiller \(index)\r\n" }
        body += "--B\r\n" + (try attachment("wide-\(fillers)")) + "--B--\r\n"
        return message(body: body)
    }

    func ingest(_ data: Data, named name: String) throws -> (CommandResult, TemporaryDirectory) {
        let directory = try TemporaryDirectory()
        try directory.write(data, to: "in/\(name)")
        let result = try CommandRunner.run(
            ["ingest", "--json", "--database", directory.database, directory.url.appendingPathComponent("in").path])
        return (result, directory)
    }

    @Test("within the limits the report is read; past them the message is a reject whose original is kept", arguments: [
        ("deep", 16, 17), ("wide", 998, 999),
    ])
    func limits(kind: String, within: Int, past: Int) throws {
        let build = { (size: Int) throws -> Data in kind == "deep" ? try self.nested(levels: size) : try self.wide(fillers: size) }
        let (readable, _) = try ingest(try build(within), named: "within.eml")
        #expect(readable.status == 0, "\(readable.standardError)")
        let readableObject = try JSONSerialization.jsonObject(with: Data(readable.standardOutput.utf8)) as? [String: Any]
        #expect(readableObject?["accepted"] as? Int == 1, "\(readable.standardOutput)")

        let message = try build(past)
        let (result, directory) = try ingest(message, named: "past.eml")
        #expect(result.status == 1, "\(result.standardOutput)")
        let object = try result.jsonObject()
        #expect(object["without_report"] as? Int == 0)
        #expect(object["rejected"] as? Int == 1)
        let reason = (object["rejections"] as? [[String: Any]])?.first?["reason"] as? String
        #expect(reason == (kind == "deep"
            ? "the message nests MIME parts deeper than 16 levels, the most that are read"
            : "the message has more than 1000 MIME parts, the most that are read"))
        let rejects = try CommandRunner.run(["rejects", "--json", "--database", directory.database]).jsonLines()
        let id = try #require(rejects.first?["id"] as? Int)
        #expect(rejects.first?["message_id"] as? String == "limits@reporter.example")
        let store = try SQLiteReportStore(path: directory.database, access: .readOnly)
        #expect(try store.original(ofInput: Int64(id)) == [UInt8](message))
    }
}
