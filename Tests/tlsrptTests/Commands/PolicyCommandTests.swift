import Foundation
import Testing

@Suite("tlsrpt policy and tlsrpt policy check")
struct PolicyCommandTests {
    @Test("an emitted enforce policy round-trips through policy check, with CRLF and a new id")
    func emitAndCheck() throws {
        let directory = try TemporaryDirectory()
        var dataset = Dataset(domain: "emit.example")
        dataset.addDaily(days: 0...27, patterns: ["mx1.emit.example", "*.backup.emit.example"])
        try dataset.ingest(into: directory)
        let site = directory.url.appendingPathComponent("site")
        let result = try CommandRunner.run([
            "policy", "--database", directory.database, "emit.example", "--as-of", "2026-11-28",
            "--current-id", "20261101000000", "--rua", "mailto:tlsrpt@emit.example", "--output", site.path, "--format", "json",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try result.jsonObject()
        #expect(object["mode"] as? String == "enforce")
        #expect(object["max_age"] as? Int == 2_592_000)
        #expect(object["mx"] as? [String] == ["mx1.emit.example", "*.backup.emit.example"])
        let id = try #require(object["id"] as? String)
        #expect(id != "20261101000000")
        #expect(id.range(of: "^[A-Za-z0-9]{1,32}$", options: .regularExpression) != nil)
        #expect(object["mta_sts_record"] as? String == "_mta-sts.emit.example. 3600 IN TXT \"v=STSv1; id=\(id);\"")
        #expect(object["tlsrpt_record"] as? String == "_smtp._tls.emit.example. 3600 IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@emit.example\"")

        let file = site.appendingPathComponent(".well-known/mta-sts.txt")
        let bytes = try Data(contentsOf: file)
        #expect(String(decoding: bytes, as: UTF8.self)
            == "version: STSv1\r\nmode: enforce\r\nmx: mx1.emit.example\r\nmx: *.backup.emit.example\r\nmax_age: 2592000\r\n")
        let zone = try String(contentsOf: site.appendingPathComponent("dns-records.zone"), encoding: .utf8)
        #expect(zone.contains("id=\(id);"))

        let check = try CommandRunner.run(["policy", "check", file.path])
        #expect(check.status == 0)
        #expect(check.standardOutput.contains("valid: mode enforce, 2 mx patterns, max_age 2592000"))
        #expect(!check.standardOutput.contains("warning"))
    }

    @Test("enforce is refused with the reasons when the domain is not ready, unless --force")
    func refusal() throws {
        let directory = try TemporaryDirectory()
        var dataset = Dataset(domain: "broken.example")
        dataset.addDaily(days: 0...27) { daysAgo, _ in
            daysAgo < 3 ? [.init(resultType: "certificate-expired", mx: "mx2.broken.example", sessions: 1)] : []
        }
        try dataset.ingest(into: directory)
        let refused = try CommandRunner.run(["policy", "--database", directory.database, "broken.example", "--as-of", "2026-11-28"])
        #expect(refused.status == 10)
        #expect(refused.standardOutput.isEmpty)
        #expect(refused.standardError.contains("certificates"))
        let forced = try CommandRunner.run(["policy", "--database", directory.database, "broken.example", "--as-of", "2026-11-28", "--force"])
        #expect(forced.status == 0)
        #expect(forced.standardOutput.contains("mode: enforce"))
        // A rollback is never refused, and keeps serving mode none for the old max_age.
        let rollback = try CommandRunner.run(["policy", "--database", directory.database, "broken.example", "--mode", "none", "--as-of", "2026-11-28"])
        #expect(rollback.status == 0)
        #expect(rollback.standardOutput.contains("mode: none"))
        #expect(rollback.standardOutput.contains("max_age: 86400"))
        #expect(rollback.standardOutput.contains("at least 604800 s"))
    }

    @Test("bad options are usage errors")
    func usage() throws {
        let directory = try TemporaryDirectory()
        for arguments in [["--max-age", "31557601"], ["--mx", "a.*.example.com"], ["--current-id", "has-dash"], ["--rua", "ftp://x"], ["--mode", "strict"]] {
            let result = try CommandRunner.run(["policy", "--database", directory.database, "x.example"] + arguments)
            #expect(result.status == 2, "\(arguments)")
        }
    }

    @Test(
        "the RFC 8461 examples parse",
        arguments: [
            "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmx: backupmx.example.com\r\nmax_age: 604800\r\n",
            "version: STSv1\r\nmode: testing\r\nmx: mx1.example.com\r\nmx: mx2.example.com\r\nmx: mx.backup-example.com\r\nmax_age: 1296000",
            "version: STSv1\nmode: none\nmax_age: 86400\n",
        ]
    )
    func rfcExamples(_ text: String) throws {
        let result = try CommandRunner.run(["policy", "check", "-"], input: Data(text.utf8))
        #expect(result.status == 0, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("valid: mode"))
    }

    @Test(
        "policy check says exactly what is wrong",
        arguments: [
            ("version: STSv1\r\nmode: enforce\r\nmax_age: 604800\r\n", "no mx line"),
            ("version: STSv1\r\nmode: Enforce\r\nmx: a.example\r\nmax_age: 604800\r\n", "mode must be enforce, testing or none"),
            ("version: STSv1\r\nmode: enforce\r\nmx: mx*.example.com\r\nmax_age: 604800\r\n", "is not a valid pattern"),
            ("version: STSv1\r\nmode: enforce\r\nmx: a.example\r\nmax_age: 31557601\r\n", "above the maximum"),
            ("version: STSv2\r\nmode: enforce\r\nmx: a.example\r\nmax_age: 1\r\n", "version must be STSv1"),
            ("version: STSv1\rmode: enforce\r\nmx: a.example\r\nmax_age: 604800\r\n", "bare CR"),
            ("mode: enforce\r\nmx: a.example\r\nmax_age: 604800\r\n", "version: STSv1 is missing"),
        ]
    )
    func invalidPolicies(_ text: String, _ fragment: String) throws {
        let result = try CommandRunner.run(["policy", "check", "-"], input: Data(text.utf8))
        #expect(result.status == 1)
        #expect(result.standardOutput.contains(fragment), "\(result.standardOutput)")
    }
}
