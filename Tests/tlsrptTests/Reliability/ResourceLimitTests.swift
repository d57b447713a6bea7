import Foundation
import TLSRPTTestSupport
import Testing

/// Issue #13, resource limits: the hostile inputs small enough for `swift test`, each refused
/// with a clear reason or processed. The large ones (a gzip bomb, a 200 MB JSON file, a million
/// failure details, a 1 GB mbox message) and every peak memory are measured by
/// `Benchmarks/limits.sh`; the figures are in RELIABILITY.md.
@Suite("resource limits: huge counts, long domains, deep JSON, long header lines, deep multiparts")
struct ResourceLimitTests {
    /// Ingests `data` as `name` and returns the JSON summary.
    static func ingest(_ data: Data, named name: String, in directory: TemporaryDirectory) throws -> [String: Any] {
        let file = try directory.write(data, to: name)
        let result = try CommandRunner.run(["ingest", "--json", "--database", directory.database, file.path])
        #expect(result.status == 0 || result.status == 1, "\(name): \(result.status) \(result.standardError)")
        return try result.jsonObject()
    }

    static func reasons(_ object: [String: Any]) -> [String] {
        (object["rejections"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
    }

    @Test("a count of 2^63, 2^64 or 1e308 is rejected with the field named", arguments: ["9223372036854775808", "18446744073709551616", "1e308", "1.7976931348623157e308"])
    func hugeCounts(_ count: String) throws {
        let directory = try TemporaryDirectory()
        let report = String(decoding: ReportFactory.json(reportID: "count-\(count)", failed: 1), as: UTF8.self)
            .replacingOccurrences(of: "\"total-failure-session-count\":1", with: "\"total-failure-session-count\":\(count)")
        #expect(report.contains(count))
        let object = try Self.ingest(Data(report.utf8), named: "count.json", in: directory)
        #expect(object["accepted"] as? Int == 0)
        let reason = Self.reasons(object).first ?? ""
        #expect(reason.hasPrefix("policies[0].summary.total-failure-session-count is "), "\(reason)")
        #expect(reason.hasSuffix("counts above 1000000000000 sessions are not accepted"), "\(reason)")
    }

    @Test("a 10,000-character policy domain is rejected as no domain; 253 characters are accepted")
    func longDomain() throws {
        let directory = try TemporaryDirectory()
        let long = String(repeating: "a", count: 10_000) + ".example"
        let object = try Self.ingest(ReportFactory.json(reportID: "long-domain", domain: long), named: "long.json", in: directory)
        #expect(object["accepted"] as? Int == 0)
        #expect(Self.reasons(object) == ["policies[0].policy.policy-domain is 10008 characters long; a domain name has at most 253"])
        let longest = (0..<4).map { _ in String(repeating: "b", count: 62) }.joined(separator: ".") + ".example"  // 4 × 62 + 3 + 8 = 259
        let fitting = String(longest.dropFirst(6))  // 253
        #expect(fitting.count == 253)
        let accepted = try Self.ingest(ReportFactory.json(reportID: "fitting-domain", domain: fitting), named: "fitting.json", in: directory)
        #expect(accepted["accepted"] as? Int == 1, "\(accepted)")
    }

    @Test("JSON nested 100,000 deep is rejected as nested too deeply, without exhausting the stack")
    func deepJSON() throws {
        let directory = try TemporaryDirectory()
        let depth = 100_000
        let objects = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
        let arrays = "{\"organization-name\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        for (name, text) in [("objects.json", objects), ("arrays.json", arrays)] {
            let object = try Self.ingest(Data(text.utf8), named: name, in: directory)
            let reason = Self.reasons(object).first ?? ""
            #expect(reason.hasPrefix("not JSON: the JSON is nested too deeply at byte"), "\(name): \(reason)")
        }
    }

    /// An RFC 8460 message with `header` added before its MIME headers.
    static func message(reportID: String, header: String) throws -> Data {
        let gzipped = try ReportFactory.gzip(ReportFactory.json(reportID: reportID))
        let text = String(decoding: ReportFactory.message(carrying: gzipped, messageID: "\(reportID)@example"), as: UTF8.self)
        return Data(text.replacingOccurrences(of: "MIME-Version: 1.0\r\n", with: header + "MIME-Version: 1.0\r\n").utf8)
    }

    @Test("an e-mail with a 10 MB header line is read: its report is stored")
    func longHeaderLine() throws {
        let directory = try TemporaryDirectory()
        let line = "X-Long: " + String(repeating: "a", count: 10 << 20) + "\r\n"
        let object = try Self.ingest(try Self.message(reportID: "long-header", header: line), named: "long.eml", in: directory)
        #expect(object["accepted"] as? Int == 1, "\(object)")
        // Folded into 10 MB of continuation lines, too.
        let folded = "X-Folded: start" + String(repeating: "\r\n x", count: 3 << 20) + "\r\n"
        let second = try Self.ingest(try Self.message(reportID: "folded-header", header: folded), named: "folded.eml", in: directory)
        #expect(second["accepted"] as? Int == 1, "\(second)")
    }

    @Test("10,000 nested multiparts are one rejected message with the limit named")
    func deepMultiparts() throws {
        let directory = try TemporaryDirectory()
        let depth = 10_000
        let gzipped = try ReportFactory.gzip(ReportFactory.json(reportID: "deep-mime")).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        var text = "From: a@example.com\r\nMessage-ID: <deep@example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n"
        for level in 1..<depth {
            text += "--b\(level - 1)\r\nContent-Type: multipart/mixed; boundary=\"b\(level)\"\r\n\r\n"
        }
        text += "--b\(depth - 1)\r\nContent-Type: application/tlsrpt+gzip\r\nContent-Transfer-Encoding: base64\r\n\r\n\(gzipped)\r\n--b\(depth - 1)--\r\n"
        for level in stride(from: depth - 2, through: 0, by: -1) { text += "--b\(level)--\r\n" }
        let object = try Self.ingest(Data(text.utf8), named: "deep.eml", in: directory)
        #expect(Self.reasons(object) == ["the message nests MIME parts deeper than 16 levels, the most that are read"])
    }
}
