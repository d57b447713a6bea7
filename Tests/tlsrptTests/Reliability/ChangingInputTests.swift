import Foundation
import TLSRPTTestSupport
import Testing

/// Issue #13, faults: inputs that are not plain files, change while they are read, cannot be
/// read, or come by the hundred thousand. Each is handled and counted; none hangs a walk.
@Suite("inputs that change under the reader: FIFOs, growing and unreadable files, huge folders")
struct ChangingInputTests {
    /// Runs `tlsrpt arguments…`, killing it after `seconds` (a hang fails the test, not the suite).
    static func run(_ arguments: [String], within seconds: Double, asUnprivilegedUser: Bool = false) throws -> (result: CommandResult, seconds: Double) {
        let start = Date()
        let running = try CommandRunner.start(arguments, asUnprivilegedUser: asUnprivilegedUser)
        let deadline = start.addingTimeInterval(seconds)
        while running.process.isRunning, Date() < deadline { usleep(20_000) }
        if running.process.isRunning { kill(running.process.processIdentifier, SIGKILL) }
        let result = running.wait()
        return (result, Date().timeIntervalSince(start))
    }

    @Test("a FIFO and a socket inside a walked folder are skipped unopened and counted; the reports beside them are stored")
    func specialFiles() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.url.appendingPathComponent("in")
        try directory.write(ReportFactory.json(reportID: "beside-fifo"), to: "in/a.json")
        // Named like a report, so that nothing but its type keeps it from being opened.
        #expect(mkfifo(folder.appendingPathComponent("pipe.json").path, 0o644) == 0)
        let socketPath = folder.appendingPathComponent("socket.json").path
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in socketPath.utf8.enumerated() where index < buffer.count - 1 { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        for run in 0..<2 {
            let (result, _) = try Self.run(["ingest", "--json", "--database", directory.database, folder.path], within: 60)
            #expect(result.status == 0, "run \(run): \(result.status) \(result.standardOutput) \(result.standardError)")
            let object = try result.jsonObject()
            #expect(object["accepted"] as? Int == (run == 0 ? 1 : 0))
            #expect(object["skipped_special_files"] as? Int == 2, "run \(run): \(object)")
            #expect((object["failures"] as? [Any])?.isEmpty == true)
        }
        let text = try CommandRunner.run(["ingest", "--database", directory.database, folder.path])
        #expect(text.standardOutput.contains("2 special files skipped"), "\(text.standardOutput)")
    }

    @Test("a file still being written is rejected while cut, and stored once it is complete")
    func fileStillBeingWritten() throws {
        let directory = try TemporaryDirectory()
        let report = ReportFactory.json(reportID: "growing")
        let file = try directory.write(report.prefix(report.count / 2), to: "in/growing.json")
        let first = try CommandRunner.run(["ingest", "--json", "--database", directory.database, directory.url.appendingPathComponent("in").path])
        #expect(first.status == 1)
        #expect(try first.jsonObject()["rejected"] as? Int == 1)
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: report.dropFirst(report.count / 2))
        try handle.close()
        // The ledger knows the file by its size and modification time: it changed, so it is read again.
        let second = try CommandRunner.run(["ingest", "--json", "--database", directory.database, directory.url.appendingPathComponent("in").path])
        #expect(second.status == 0, "\(second.standardOutput)")
        #expect(try second.jsonObject()["accepted"] as? Int == 1, "\(second.standardOutput)")
        let exported = try CommandRunner.run(["export", "--database", directory.database]).jsonLines()
        #expect(exported.count == 1)
    }

    @Test("an unreadable file is one failure named with its reason; the rest of the folder is stored", .enabled(if: CommandRunner.canRunUnprivileged))
    func unreadableFile() throws {
        let directory = try TemporaryDirectory()
        try directory.write(ReportFactory.json(reportID: "readable"), to: "in/a.json")
        let secret = try directory.write(ReportFactory.json(reportID: "secret"), to: "in/b.json")
        let database = directory.url.appendingPathComponent("db")
        try FileManager.default.createDirectory(at: database, withIntermediateDirectories: true)
        for path in [directory.url.path, directory.url.appendingPathComponent("in").path, database.path] {
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: path)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: directory.url.appendingPathComponent("in/a.json").path)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: secret.path)
        let path = database.appendingPathComponent("tlsrpt.sqlite").path
        let (result, _) = try Self.run(["ingest", "--json", "--database", path, directory.url.appendingPathComponent("in").path], within: 60, asUnprivilegedUser: true)
        #expect(result.status == 2, "\(result.standardOutput) \(result.standardError)")
        let object = try result.jsonObject()
        #expect(object["accepted"] as? Int == 1)
        let failures = object["failures"] as? [String] ?? []
        #expect(failures.count == 1 && failures.first?.contains("b.json") == true && failures.first?.contains("ermission") == true, "\(failures)")
    }

    @Test("a folder of 100,000 files that are not reports is walked in reasonable time, each counted")
    func hundredThousandNonReports() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.url.appendingPathComponent("junk")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let count = 100_000
        let text = Data("Just some notes, not a TLS report.\n".utf8)
        for index in 0..<count {
            guard FileManager.default.createFile(atPath: folder.appendingPathComponent("note-\(index).txt").path, contents: text) else {
                Issue.record("cannot create file \(index)")
                return
            }
        }
        try directory.write(ReportFactory.json(reportID: "needle"), to: "junk/needle.json")
        let (first, seconds) = try Self.run(["ingest", "--json", "--database", directory.database, folder.path], within: 300)
        #expect(first.status == 0, "\(first.standardError)")
        let object = try first.jsonObject()
        #expect(object["inputs"] as? Int == count + 1)
        #expect(object["without_report"] as? Int == count)
        #expect(object["accepted"] as? Int == 1)
        #expect(seconds < 240, "took \(seconds) s")
        let (second, _) = try Self.run(["ingest", "--json", "--database", directory.database, folder.path], within: 120)
        #expect(try second.jsonObject()["already_seen"] as? Int == count + 1, "\(second.standardOutput)")
    }
}
