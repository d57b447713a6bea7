import Foundation
import Testing

/// What `tlsrpt policy` prints is what it says it is: the policy file's line endings, and TXT
/// records a DNS server can load.
@Suite("tlsrpt policy output: line endings and TXT strings")
struct PolicyRecordTextTests {
    static func database() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        var dataset = Dataset(domain: "text.example")
        dataset.addDaily(days: 0...27)
        try dataset.ingest(into: directory)
        return directory
    }

    /// The character-strings of a zone-file TXT line: the contents of each `"…"`, unescaped.
    static func strings(ofZoneLine line: String) -> [String] {
        var strings: [String] = []
        var current: String?
        var escaped = false
        for character in line {
            if var text = current {
                if escaped {
                    text.append(character); escaped = false; current = text
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    strings.append(text); current = nil
                } else {
                    text.append(character); current = text
                }
            } else if character == "\"" {
                current = ""
            }
        }
        return strings
    }

    @Test("the text output does not claim CRLF for LF lines; --output and JSON carry the CRLF file")
    func lineEndingClaim() throws {
        let directory = try Self.database()
        let site = directory.url.appendingPathComponent("site")
        let result = try CommandRunner.run([
            "policy", "--database", directory.database, "text.example", "--as-of", "2026-11-28", "--output", site.path,
        ])
        #expect(result.status == 0)
        #expect(!result.standardOutput.contains("\r"))
        // The only mention of CRLF in the text says the lines shown are LF.
        let comments = result.standardOutput.unwrapped.split(separator: "\n").filter { $0.hasPrefix("#") }
        #expect(
            comments.filter { $0.contains("CRLF") } == [
                "# Serve as Content-Type: text/plain with CRLF line endings (shown here with LF; --output writes CRLF)"
            ])
        #expect(
            !result.standardOutput.unwrapped.split(separator: "\n").contains {
                !$0.hasPrefix("#") && $0.contains("CRLF")
            })
        let served = try Data(contentsOf: site.appendingPathComponent(".well-known/mta-sts.txt"))
        let text = String(decoding: served, as: UTF8.self)
        #expect(text.components(separatedBy: "\r\n").count == 5 + 1)
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test("a rua longer than one TXT string is split into strings of at most 255 octets that join to the record")
    func longReportingAddress() throws {
        let directory = try Self.database()
        let rua = (0..<12).map { "mailto:tlsrpt-reports-\($0)@reporting-mailbox.example.com" }.joined(separator: ",")
        let site = directory.url.appendingPathComponent("site")
        let result = try CommandRunner.run([
            "policy", "--database", directory.database, "text.example", "--as-of", "2026-11-28", "--rua", rua,
            "--output", site.path, "--format", "json",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let record = try #require(object["tlsrpt_record"] as? String)
        let zone = try String(contentsOf: site.appendingPathComponent("dns-records.zone"), encoding: .utf8)
        for line in [
            record, try #require(zone.split(separator: "\n").first { $0.hasPrefix("_smtp._tls.") }.map(String.init)),
        ] {
            #expect(line.hasPrefix("_smtp._tls.text.example. 3600 IN TXT \""))
            let strings = Self.strings(ofZoneLine: line)
            #expect(strings.count >= 3, "\(line)")
            #expect(strings.allSatisfy { $0.utf8.count <= 255 && !$0.isEmpty })
            #expect(strings.joined() == "v=TLSRPTv1; rua=" + rua)
        }
        // A short record stays one string.
        let short = try CommandRunner.run([
            "policy", "--database", directory.database, "text.example", "--as-of", "2026-11-28", "--rua",
            "mailto:a@text.example",
        ])
        let line = try #require(short.standardOutput.split(separator: "\n").first { $0.hasPrefix("_smtp._tls.") })
        #expect(Self.strings(ofZoneLine: String(line)) == ["v=TLSRPTv1; rua=mailto:a@text.example"])
    }
}
