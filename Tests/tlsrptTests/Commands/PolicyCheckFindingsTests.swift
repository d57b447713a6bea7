import Foundation
import Testing

/// `tlsrpt policy check` findings: each on its line, each as RFC 8461 §3.2 has it.
@Suite("tlsrpt policy check findings")
struct PolicyCheckFindingsTests {
    static func check(_ text: String) throws -> (status: Int32, output: String, findings: [[String: Any]]) {
        let textResult = try CommandRunner.run(["policy", "check", "-"], input: Data(text.utf8))
        let json = try CommandRunner.run(["policy", "check", "-", "--format", "json"], input: Data(text.utf8))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(json.status == textResult.status)
        return (textResult.status, textResult.standardOutput, object["findings"] as? [[String: Any]] ?? [])
    }

    @Test(
        "findings about version, mode and max_age carry the line they are on",
        arguments: [
            (
                "version: STSv2\r\nmode: enforce\r\nmx: a.example\r\nmax_age: 604800\r\n",
                "-:1: error: version must be STSv1"
            ),
            (
                "version: STSv1\r\nmode: Enforce\r\nmx: a.example\r\nmax_age: 604800\r\n",
                "-:2: error: mode must be enforce"
            ),
            (
                "version: STSv1\r\nmode: enforce\r\nmx: a.example\r\nmax_age: 31557601\r\n",
                "-:4: error: max_age 31557601 is above the maximum"
            ),
            (
                "version: STSv1\r\nmode: enforce\r\nmx: a.example\r\nmax_age: 1w\r\n",
                "-:4: error: max_age must be a whole number"
            ),
            (
                "version: STSv1\r\nmode: testing\r\nmax_age: 3600\r\nmx: a.example\r\n",
                "-:3: warning: max_age 3600 is under a day"
            ),
        ]
    )
    func lineNumbers(_ text: String, _ expected: String) throws {
        let result = try Self.check(text)
        #expect(result.output.contains(expected), "\(result.output)")
    }

    @Test("a second mode, version or max_age is an error on its line: the grammar allows each once")
    func duplicates() throws {
        let mode = try Self.check("version: STSv1\nmode: testing\nmx: a.example\nmode: enforce\nmax_age: 604800\n")
        #expect(mode.status == 1)
        #expect(mode.output.contains("-:4: error: mode appears again (first on line 2)"), "\(mode.output)")
        let age = try Self.check("version: STSv1\nmode: testing\nmx: a.example\nmax_age: 604800\nmax_age: 86400\n")
        #expect(age.status == 1)
        #expect(age.output.contains("-:5: error: max_age appears again (first on line 4)"))
        // mx may repeat: that is how several patterns are given.
        let patterns = try Self.check("version: STSv1\nmode: testing\nmx: a.example\nmx: b.example\nmax_age: 604800\n")
        #expect(patterns.status == 0, "\(patterns.output)")
    }

    @Test(
        "an IP address is not an mx host name",
        arguments: ["192.0.2.1", "[2001:db8::1]", "*.192.0.2.1", "mx.example.123"])
    func addressIsNotAHostName(_ value: String) throws {
        let result = try Self.check("version: STSv1\r\nmode: enforce\r\nmx: \(value)\r\nmax_age: 604800\r\n")
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("-:3: error: mx \"\(value)\""), "\(result.output)")
    }

    @Test("--mx refuses an IP address too")
    func emitRefusesAddress() throws {
        let directory = try TemporaryDirectory()
        let result = try CommandRunner.run([
            "policy", "--database", directory.database, "x.example", "--mx", "192.0.2.1",
        ])
        #expect(result.status == 2)
        #expect(result.standardError.contains("--mx 192.0.2.1 is not a valid pattern"))
    }

    @Test("LF and mixed line endings are what RFC 8461's ABNF allows: no finding at all")
    func lineEndings() throws {
        for text in [
            "version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 604800\n",
            "version: STSv1\r\nmode: enforce\nmx: a.example\r\nmax_age: 604800\n",
        ] {
            let result = try Self.check(text)
            #expect(result.status == 0)
            #expect(result.findings.isEmpty, "\(result.output)")
        }
    }

    @Test("a byte-order mark is one finding on line 1, and its U+FEFF is never echoed raw")
    func byteOrderMark() throws {
        let result = try Self.check("\u{FEFF}version: STSv1\r\nmode: enforce\r\nmx: a.example\r\nmax_age: 604800\r\n")
        #expect(result.status == 1)
        #expect(result.findings.count == 1, "\(result.output)")
        #expect(result.findings.first?["line"] as? Int == 1)
        #expect(result.output.contains("byte-order mark"))
        #expect(!result.output.unicodeScalars.contains("\u{FEFF}"))
        // A mark elsewhere in a value is shown escaped, not raw.
        let inside = try Self.check("version: STSv1\r\nmode: enforce\r\nmx: a\u{FEFF}.example\r\nmax_age: 604800\r\n")
        #expect(inside.status == 1)
        #expect(!inside.output.unicodeScalars.contains("\u{FEFF}"))
        #expect(inside.output.contains("\\u{FEFF}"), "\(inside.output)")
    }
}
