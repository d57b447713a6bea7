import Foundation
import TLSRPTTestSupport
import Testing

/// `tlsrpt fetch` through the built binary against a real Dovecot (see ``DovecotServer``).
@Suite("fetch from a real Dovecot")
struct FetchCommandTests {
    /// The corpus e-mails that carry TLS reports.
    static let reportMessages = RealReports.paths(endingWith: ".eml")

    /// A DMARC aggregate report: an e-mail with no TLS report in it.
    static let dmarcMessage = Data(
        """
        From: noreply-dmarc-support@google.com\r
        To: dmarc@example.com\r
        Subject: Report domain: example.com Submitter: google.com Report-ID: 123\r
        Message-ID: <dmarc-123@google.com>\r
        MIME-Version: 1.0\r
        Content-Type: application/zip; name="google.com!example.com!1!2.zip"\r
        Content-Transfer-Encoding: base64\r
        \r
        UEsDBAoAAAAAAAAAIQAAAAAAAAAAAAAAAAAAAAAA\r

        """.utf8)

    /// A server holding the corpus e-mails and the DMARC mail; the base names of each.
    static func serverWithCorpus() throws -> (DovecotServer, reports: [String], dmarc: String) {
        let server = try DovecotServer()
        let reports = try reportMessages.map { try server.deliver(Data(RealReports.bytes($0))) }
        return (server, reports, try server.deliver(dmarcMessage))
    }

    /// The reports in a database as exported, without where they came from, sorted.
    static func exportedReports(_ database: String) throws -> [String] {
        try CommandRunner.run(["export", "--database", database]).jsonLines().map { object in
            var report = object
            report.removeValue(forKey: "x-tlsrpt")
            return String(decoding: try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys]), as: UTF8.self)
        }.sorted()
    }

    func fetch(_ server: DovecotServer, _ arguments: [String], database: String, url: String? = nil) throws -> CommandResult {
        let directory = server.directory
        let passwordFile = try directory.write(Data((server.password + "\n").utf8), to: "password")
        return try CommandRunner.run(
            ["fetch", url ?? server.url(), "--database", database, "--password-file", passwordFile.path, "--ca-file", server.certificate]
                + arguments)
    }

    @Test("stores what file ingest of the same .eml files stores, flags them \\Seen, leaves the DMARC mail alone; a rerun fetches nothing")
    func fetchMarksSeen() throws {
        #expect(Self.reportMessages.count >= 5)
        let (server, reports, dmarc) = try Self.serverWithCorpus()
        let directory = try TemporaryDirectory()
        let result = try fetch(server, [], database: directory.database)
        #expect(result.status == 0, "\(result.standardError)\n\(server.log)")
        #expect(result.standardOutput.hasPrefix("fetched \(Self.reportMessages.count) reports (1 without a report)"), "\(result.standardOutput)")

        let files = try TemporaryDirectory()
        for path in Self.reportMessages {
            try files.write(Data(RealReports.bytes(path)), to: "in/" + path.replacingOccurrences(of: "/", with: "_"))
        }
        let ingest = try CommandRunner.run(["ingest", "--database", files.database, files.url.appendingPathComponent("in").path])
        #expect(ingest.status == 0, "\(ingest.standardError)")
        let fetched = try Self.exportedReports(directory.database)
        #expect(fetched.count == Self.reportMessages.count)
        #expect(fetched == (try Self.exportedReports(files.database)))

        let flags = try server.messages()
        for name in reports { #expect(flags[name]?.contains("S") == true, "\(name): \(flags[name] ?? "missing")") }
        #expect(flags[dmarc].map { !$0.contains("S") } == true, "the DMARC mail stays unread: \(flags[dmarc] ?? "missing")")

        let source = try CommandRunner.run(["export", "--database", directory.database]).jsonLines().first?["x-tlsrpt"] as? [String: Any]
        let sourceText = source?["source"] as? String ?? ""
        #expect(sourceText.hasPrefix("imaps://tester@127.0.0.1:\(server.imapsPort)/INBOX;UIDVALIDITY="), "\(sourceText)")

        let again = try fetch(server, ["--json"], database: directory.database)
        #expect(again.status == 0, "\(again.standardError)")
        let summary = try again.jsonLines().first
        #expect(summary?["inputs"] as? Int == 0)
        #expect(summary?["accepted"] as? Int == 0)
        #expect(summary?["already_seen"] as? Int == Self.reportMessages.count + 1)
    }

    @Test("over STARTTLS, --move-to creates the folder and moves the reports; --delete removes them; --move-others-to moves a new bounce, the finished DMARC mail stays")
    func moveAndDelete() throws {
        let (server, reports, dmarc) = try Self.serverWithCorpus()
        let directory = try TemporaryDirectory()
        let moved = try fetch(server, ["--move-to", "TLS-RPT.done"], database: directory.database, url: server.url(startTLS: true))
        #expect(moved.status == 0, "\(moved.standardError)\n\(server.log)")
        #expect(try server.messages() .keys.sorted() == [dmarc])
        // A moved message gets a new file name in the folder; its bytes are the same.
        let movedBodies = try server.messages(folder: "TLS-RPT.done").keys.map { try server.body(of: $0, folder: "TLS-RPT.done") }
        let corpusBodies = try Self.reportMessages.map { Data(try RealReports.bytes($0)) }
        #expect(reports.count == corpusBodies.count)
        #expect(Set(movedBodies) == Set(corpusBodies) && movedBodies.count == corpusBodies.count)

        let bounce = Data("From: MAILER-DAEMON@mx.example.com\r\nSubject: Undelivered Mail\r\n\r\nNo such user.\r\n".utf8)
        try server.deliver(bounce)
        let late = try reportMessages(2).map { try server.deliver(Data(RealReports.bytes($0))) }
        #expect(late.count == 2)
        let deleted = try fetch(server, ["--delete", "--move-others-to", "Other mail"], database: directory.database)
        #expect(deleted.status == 0, "\(deleted.standardError)")
        #expect(deleted.standardOutput.contains("2 duplicates"), "\(deleted.standardOutput)")
        // The bounce is new, so it is moved; the DMARC mail was finished by the first run and stays.
        #expect(try server.messages().keys.sorted() == [dmarc])
        let others = try server.messages(folder: "Other mail")
        #expect(others.count == 1)
        #expect(try others.keys.map { try server.body(of: $0, folder: "Other mail") } == [bounce])
        #expect(try Self.exportedReports(directory.database).count == Self.reportMessages.count)
    }

    func reportMessages(_ count: Int) -> [String] { Array(Self.reportMessages.prefix(count)) }

    @Test("mailbox names outside ASCII travel as modified UTF-7: a percent-encoded source folder and a --move-to folder Dovecot stores as &-encoded")
    func internationalMailboxNames() throws {
        let server = try DovecotServer()
        // Dovecot keeps Maildir++ folders under their modified UTF-7 names (RFC 3501 §5.1.3).
        let names = try server.deliver(reportMessages(2).map { Data(try RealReports.bytes($0)) }, folder: "Berichte-gepr&APw-ft")
        let directory = try TemporaryDirectory()
        let result = try fetch(
            server, ["--move-to", "Erledigt-\u{2713}"], database: directory.database, url: server.url("Berichte-gepr%C3%BCft"))
        #expect(result.status == 0, "\(result.standardError)\n\(server.log)")
        #expect(try Self.exportedReports(directory.database).count == 2)
        #expect(try server.messages(folder: "Berichte-gepr&APw-ft").isEmpty)
        #expect(try server.messages(folder: "Erledigt-&JxM-").count == names.count, "\(server.log)")

        // The folder is empty now: a rerun forgets the UIDs of the moved messages (UIDs are never
        // reused), so the record of finished messages does not grow with every message ever fetched.
        let finished = "SELECT count(*) FROM imap_finished_message"
        #expect(try DatabaseSurgery.integer(finished, in: directory.database) == 2)
        let rerun = try fetch(server, [], database: directory.database, url: server.url("Berichte-gepr%C3%BCft"))
        #expect(rerun.status == 0, "\(rerun.standardError)")
        #expect(try DatabaseSurgery.integer(finished, in: directory.database) == 0)
    }

    @Test("--read-only stores the reports and changes no flag on the server")
    func readOnly() throws {
        let (server, _, _) = try Self.serverWithCorpus()
        let before = try server.messages()
        let directory = try TemporaryDirectory()
        let result = try fetch(server, ["--read-only"], database: directory.database)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try Self.exportedReports(directory.database).count == Self.reportMessages.count)
        let after = try server.messages()
        #expect(after.keys.sorted() == before.keys.sorted())
        #expect(after.values.allSatisfy { $0.isEmpty }, "\(after)")
    }

    @Test("a lost record of finished messages or a new UIDVALIDITY refetches, and every report stays stored exactly once")
    func interruptedAndRenumbered() throws {
        let (server, _, _) = try Self.serverWithCorpus()
        let directory = try TemporaryDirectory()
        #expect(try fetch(server, [], database: directory.database).status == 0)
        let stored = try Self.exportedReports(directory.database)

        // As if killed after the commit and before the UIDs were recorded.
        try DatabaseSurgery.execute("DELETE FROM imap_finished_message", in: directory.database)
        let rerun = try fetch(server, ["--json"], database: directory.database)
        let summary = try rerun.jsonLines().first
        #expect(summary?["accepted"] as? Int == 0, "\(rerun.standardOutput)")
        #expect(summary?["duplicates"] as? Int == Self.reportMessages.count)

        try DatabaseSurgery.execute("UPDATE imap_mailbox SET uid_validity = uid_validity + 1", in: directory.database)
        let renumbered = try fetch(server, ["--json"], database: directory.database)
        #expect(try renumbered.jsonLines().first?["duplicates"] as? Int == Self.reportMessages.count)
        #expect(try Self.exportedReports(directory.database) == stored)
    }

    @Test("a wrong password is exit 2 with a clear sentence and appears nowhere; an unverified certificate is refused")
    func refusals() throws {
        let server = try DovecotServer()
        try server.deliver(Data(RealReports.bytes(Self.reportMessages[0])))
        let directory = try TemporaryDirectory()

        let untrusted = try CommandRunner.run(
            ["fetch", server.url(), "--database", directory.database], environment: ["TLSRPT_IMAP_PASSWORD": server.password])
        #expect(untrusted.status == 2)
        #expect(untrusted.standardError.contains("certificate does not verify"), "\(untrusted.standardError)")

        let wrong = "wrong-\(UUID().uuidString)"
        for extra in [[], ["--json"]] {
            let result = try CommandRunner.run(
                ["fetch", server.url(), "--database", directory.database, "--ca-file", server.certificate] + extra,
                environment: ["TLSRPT_IMAP_PASSWORD": wrong])
            #expect(result.status == 2)
            #expect(result.standardError.contains("login as tester at 127.0.0.1 failed") || result.standardOutput.contains("login as tester"),
                "\(result.standardError)\(result.standardOutput)")
            #expect(!result.standardError.contains(wrong) && !result.standardOutput.contains(wrong))
        }
        #expect(try server.messages().values.allSatisfy { !$0.contains("S") })

        let none = try CommandRunner.run(["fetch", server.url(), "--database", directory.database], environment: ["HOME": directory.url.path])
        #expect(none.status == 2)
        #expect(none.standardError.contains("no password for tester"), "\(none.standardError)")
    }
}
