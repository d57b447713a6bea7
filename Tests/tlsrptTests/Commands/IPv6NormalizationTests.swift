import Foundation
import TLSRPTTestSupport
import Testing

/// Issue #9: IPv6 sending and receiving IPs were stored as reporters wrote them, so
/// `2001:0db8:0000:…` and `2001:db8::…` counted as two addresses.
@Suite("IPv6 addresses in RFC 5952 form")
struct IPv6NormalizationTests {
    /// A report with one failure detail from `sending` to `receiving`.
    static func report(id: String, organization: String, sending: String, receiving: String, failed: Int) -> Data {
        let report: [String: Any] = [
            "organization-name": organization, "report-id": id, "contact-info": "tlsrpt@reporter.example",
            "date-range": ["start-datetime": "2026-11-01T00:00:00Z", "end-datetime": "2026-11-01T23:59:59Z"],
            "policies": [
                [
                    "policy": [
                        "policy-type": "sts", "policy-domain": "example.com", "mx-host": ["mx.example.com"],
                        "policy-string": ["version: STSv1", "mode: testing", "mx: mx.example.com", "max_age: 86400"],
                    ],
                    "summary": ["total-successful-session-count": 10, "total-failure-session-count": failed],
                    "failure-details": [
                        [
                            "result-type": "certificate-expired", "sending-mta-ip": sending, "receiving-ip": receiving,
                            "receiving-mx-hostname": "mx.example.com", "failed-session-count": failed,
                        ]
                    ],
                ]
            ],
        ]
        return try! JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
    }

    /// The `by_sending_ip` entries of the summary of 2026-11-01, as IP → failed sessions.
    static func sendingIPs(_ directory: TemporaryDirectory) throws -> [String: Int] {
        let result = try CommandRunner.run([
            "summary", "--format", "json", "--day", "2026-11-01", "--database", directory.database,
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: result.standardOutputBytes) as? [String: Any])
        let domain = try #require((object["domains"] as? [[String: Any]])?.first)
        let entries = try #require(domain["by_sending_ip"] as? [[String: Any]])
        return Dictionary(
            uniqueKeysWithValues: entries.map { ($0["ip"] as! String, ($0["failed_sessions"] as! NSNumber).intValue) })
    }

    @Test("one address written two ways is one address in summaries and export; show prints what the reporter wrote")
    func groupsSpellings() throws {
        let directory = try TemporaryDirectory()
        let long = "2001:0DB8:0000:0000:0000:0000:0000:0001"
        try directory.write(
            Self.report(id: "a", organization: "A", sending: long, receiving: "2001:db8:0:0:1:0:0:2", failed: 3),
            to: "in/a.json")
        try directory.write(
            Self.report(id: "b", organization: "B", sending: "2001:db8::1", receiving: "2001:DB8::1:0:0:2", failed: 4),
            to: "in/b.json")
        try directory.write(
            Self.report(id: "c", organization: "C", sending: "192.0.2.010", receiving: "fe80::1%eth0", failed: 5),
            to: "in/c.json")
        let input = directory.url.appendingPathComponent("in").path
        let ingest = try CommandRunner.run(["ingest", "--database", directory.database, input])
        #expect(ingest.status == 0, "\(ingest.standardError)")

        #expect(try Self.sendingIPs(directory) == ["2001:db8::1": 7, "192.0.2.010": 5])
        let export = try CommandRunner.run(["export", "--database", directory.database]).standardOutput
        #expect(export.contains("\"receiving-ip\":\"2001:db8::1:0:0:2\""), "\(export)")
        #expect(!export.localizedCaseInsensitiveContains("0db8"), "\(export)")
        #expect(
            export.contains("\"receiving-ip\":\"fe80::1%eth0\""), "an address with a zone stays as written: \(export)")

        // The stored original is what the reporter wrote.
        let exported = export.split(separator: "\n").map {
            try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        let reportA = try #require(exported.first { $0["organization-name"] as? String == "A" })
        let inputID = try #require(((reportA["x-tlsrpt"] as? [String: Any])?["input-id"] as? NSNumber)?.stringValue)
        let show = try CommandRunner.run(["show", "--database", directory.database, inputID])
        #expect(show.standardOutput.contains(long), "\(show.standardOutput)")

        // Read again, they are duplicates of what is stored, not conflicts.
        let again = try CommandRunner.run(["ingest", "--rescan", "--database", directory.database, input])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardOutput.contains("3 duplicates"), "\(again.standardOutput)")
        #expect(!again.standardOutput.contains("conflicting"), "\(again.standardOutput)")
    }

    @Test(
        "a database whose addresses were stored as written is brought to RFC 5952 form, and re-reading its files gives duplicates"
    )
    func migratesStoredAddresses() throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            Self.report(id: "a", organization: "A", sending: "2001:0db8::0001", receiving: "2001:db8::2", failed: 3),
            to: "in/a.json")
        try directory.write(
            Self.report(id: "b", organization: "B", sending: "2001:db8::1", receiving: "2001:db8::2", failed: 4),
            to: "in/b.json")
        let input = directory.url.appendingPathComponent("in").path
        #expect(try CommandRunner.run(["ingest", "--database", directory.database, input]).status == 0)
        // As a build before v6 left it: the address as written, a fingerprint of other content.
        try DatabaseSurgery.execute(
            """
            UPDATE failure_detail SET sending_mta_ip = '2001:0db8::0001'
            WHERE policy_row IN (SELECT policy.id FROM policy JOIN report ON report.id = policy.report_row WHERE organization_name = 'A');
            UPDATE report SET fingerprint = fingerprint + 1 WHERE organization_name = 'A';
            DELETE FROM grdb_migrations WHERE identifier LIKE 'v6:%';
            -- and without what later versions added.
            DROP TABLE imap_finished_message;
            DROP TABLE imap_mailbox;
            DELETE FROM grdb_migrations WHERE identifier LIKE 'v7:%';
            """ + OlderSchemas.beforePolicyTallies, in: directory.database)
        let again = try CommandRunner.run(["ingest", "--rescan", "--database", directory.database, input])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardOutput.contains("2 duplicates"), "\(again.standardOutput)")
        #expect(try Self.sendingIPs(directory) == ["2001:db8::1": 7])
        let check = try CommandRunner.run(["check-database", "--database", directory.database])
        #expect(check.status == 0, "\(check.standardOutput)")
    }
}
