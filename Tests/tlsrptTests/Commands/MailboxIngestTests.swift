import Foundation
import TLSRPTTestSupport
import Testing

@Suite("Maildir and mbox ingest: cheap when nothing is new")
struct MailboxIngestTests {
    /// A Maildir with `count` report messages in new/ and one DMARC-like message in cur/.
    static func makeMaildir(in directory: TemporaryDirectory, count: Int) throws -> URL {
        let maildir = directory.url.appendingPathComponent("Maildir")
        for folder in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(at: maildir.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for index in 0..<count {
            let gzipped = try ReportFactory.gzip(ReportFactory.json(reportID: "maildir-\(index)"))
            let message = ReportFactory.message(carrying: gzipped, messageID: "maildir-\(index)@reporter.example")
            try directory.write(message, to: "Maildir/new/1764201600.M\(index)P1.host")
        }
        let dmarc = """
            From: dmarc@reporter.example\r
            Subject: Report domain: example.com\r
            Message-ID: <dmarc-1@reporter.example>\r
            Content-Type: text/plain\r
            \r
            This is a DMARC aggregate report, not a TLS report.\r

            """
        try directory.write(Data(dmarc.utf8), to: "Maildir/cur/1764201600.M999P1.host:2,S")
        try directory.write(Data("half-delivered".utf8), to: "Maildir/tmp/1764201600.M1000P1.host")
        return maildir
    }

    @Test("a second run over an unchanged Maildir reads nothing")
    func ledgerSkipsKnownMessages() throws {
        let directory = try TemporaryDirectory()
        let maildir = try Self.makeMaildir(in: directory, count: 20)
        let first = try CommandRunner.run(["ingest", "--database", directory.database, maildir.path])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.hasPrefix("ingested 20 reports (1 without a report)"), "\(first.standardOutput)")

        let second = try CommandRunner.run(["ingest", "--json", "--database", directory.database, maildir.path])
        let object = try second.jsonObject()
        #expect(object["inputs"] as? Int == 0)
        #expect(object["already_seen"] as? Int == 21)

        // A new message arrives: only it is read.
        let gzipped = try ReportFactory.gzip(ReportFactory.json(reportID: "maildir-new"))
        try directory.write(ReportFactory.message(carrying: gzipped, messageID: "new@reporter.example"), to: "Maildir/new/1764300000.M1P1.host")
        let third = try CommandRunner.run(["ingest", "--json", "--database", directory.database, maildir.path])
        let thirdObject = try third.jsonObject()
        #expect(thirdObject["inputs"] as? Int == 1)
        #expect(thirdObject["accepted"] as? Int == 1)
    }

    @Test("--move-to moves processed messages out of the Maildir")
    func moveTo() throws {
        let directory = try TemporaryDirectory()
        let maildir = try Self.makeMaildir(in: directory, count: 5)
        let done = directory.url.appendingPathComponent("Done")
        let result = try CommandRunner.run(["ingest", "--database", directory.database, "--move-to", done.path, maildir.path])
        #expect(result.status == 0, "\(result.standardError)")
        let remaining = try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("new").path)
        #expect(remaining.isEmpty)
        let moved = try FileManager.default.contentsOfDirectory(atPath: done.path)
        #expect(moved.count == 6)
        #expect(FileManager.default.fileExists(atPath: maildir.appendingPathComponent("tmp/1764201600.M1000P1.host").path))
    }

    @Test("a file --move-to cannot move stays, is an error, and the run still stores every report")
    func moveToFailure() throws {
        let directory = try TemporaryDirectory()
        let maildir = try Self.makeMaildir(in: directory, count: 5)
        // A regular file where the destination folder should be: no move can succeed.
        let blocked = try directory.write(Data("not a folder".utf8), to: "Done")
        let result = try CommandRunner.run(
            ["ingest", "--json", "--database", directory.database, "--move-to", blocked.path, maildir.path])
        #expect(result.status == 2, "\(result.standardError)")
        let object = try result.jsonObject()
        #expect(object["accepted"] as? Int == 5)
        let failures = try #require(object["failures"] as? [String])
        #expect(failures.count == 6)
        #expect(failures.allSatisfy { $0.hasPrefix("cannot move ") && $0.contains(blocked.path) })
        #expect(try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("new").path).count == 5)

        // Once the destination is usable, the next run moves them, storing nothing twice.
        try FileManager.default.removeItem(at: blocked)
        let again = try CommandRunner.run(
            ["ingest", "--json", "--database", directory.database, "--move-to", blocked.path, maildir.path])
        #expect(again.status == 0, "\(again.standardError)")
        let againObject = try again.jsonObject()
        #expect(againObject["accepted"] as? Int == 0)
        #expect(againObject["duplicates"] as? Int == 5)
        #expect(try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("new").path).isEmpty)
    }

    @Test("an mbox is split into its messages, and a rerun skips it unless it grew")
    func mbox() throws {
        let directory = try TemporaryDirectory()
        var mbox = Data()
        for index in 0..<3 {
            let gzipped = try ReportFactory.gzip(ReportFactory.json(reportID: "mbox-\(index)"))
            let message = String(decoding: ReportFactory.message(carrying: gzipped, messageID: "mbox-\(index)@r.example"), as: UTF8.self)
                .replacingOccurrences(of: "\r\n", with: "\n")
            mbox.append(Data("From tlsrpt@reporter.example Sun Nov  1 10:00:00 2026\n".utf8))
            mbox.append(Data(message.utf8))
            mbox.append(Data("\n".utf8))
        }
        let file = try directory.write(mbox, to: "reports.mbox")
        let first = try CommandRunner.run(["ingest", "--database", directory.database, file.path])
        #expect(first.standardOutput.hasPrefix("ingested 3 reports in"), "\(first.standardOutput) \(first.standardError)")
        let lines = try CommandRunner.run(["export", "--database", directory.database]).jsonLines()
        let sources = lines.compactMap { ($0["x-tlsrpt"] as? [String: Any])?["source"] as? String }
        #expect(sources.count == 3)
        #expect(sources.allSatisfy { $0.hasPrefix(file.path + "#") })
        let second = try CommandRunner.run(["ingest", "--database", directory.database, file.path])
        #expect(second.standardOutput.contains("1 files already ingested"), "\(second.standardOutput)")

        // The MTA appends two messages: only the last known one and the new ones are read.
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        for index in 3..<5 {
            let gzipped = try ReportFactory.gzip(ReportFactory.json(reportID: "mbox-\(index)"))
            let message = String(decoding: ReportFactory.message(carrying: gzipped, messageID: "mbox-\(index)@r.example"), as: UTF8.self)
                .replacingOccurrences(of: "\r\n", with: "\n")
            try handle.write(contentsOf: Data("From tlsrpt@reporter.example Mon Nov  2 10:00:00 2026\n\(message)\n".utf8))
        }
        try handle.close()
        let third = try CommandRunner.run(["ingest", "--json", "--database", directory.database, file.path])
        let object = try third.jsonObject()
        #expect(object["inputs"] as? Int == 3)
        #expect(object["accepted"] as? Int == 2)
        #expect(object["duplicates"] as? Int == 1)
        #expect(try CommandRunner.run(["export", "--database", directory.database]).jsonLines().count == 5)
    }
}
