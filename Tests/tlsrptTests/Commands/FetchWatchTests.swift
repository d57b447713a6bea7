import Foundation
import TLSRPTTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `tlsrpt fetch --watch`, XOAUTH2, the read timeout and `kill -9`, through the built binary
/// against a real Dovecot (see ``DovecotServer``).
@Suite("fetch: --watch, XOAUTH2, timeouts and kills against a real Dovecot")
struct FetchWatchTests {
    /// A TLS-RPT e-mail whose report no other message carries.
    static func uniqueMessage(_ number: Int) throws -> Data {
        let id = "watch-\(number)-\(UUID().uuidString)"
        return ReportFactory.message(carrying: try ReportFactory.gzip(ReportFactory.json(reportID: id, successful: number + 1)), messageID: id)
    }

    /// The reports in the database; 0 before tlsrpt made it (it is not created here).
    static func storedReports(_ database: String) -> Int64 {
        guard FileManager.default.fileExists(atPath: database) else { return 0 }
        return (try? DatabaseSurgery.integer("SELECT count(*) FROM report", in: database)) ?? 0
    }

    /// Waits until `condition` holds, checking every 50 ms; returns the seconds it took, or `nil` after `limit`.
    static func seconds(until limit: Double, _ condition: () -> Bool) -> Double? {
        let start = Date()
        while Date().timeIntervalSince(start) < limit {
            if condition() { return Date().timeIntervalSince(start) }
            usleep(50_000)
        }
        return nil
    }

    func arguments(_ server: DovecotServer, database: String, _ extra: [String]) throws -> [String] {
        let passwordFile = try server.directory.write(Data((server.password + "\n").utf8), to: "password")
        return ["fetch", server.url(), "--database", database, "--password-file", passwordFile.path, "--ca-file", server.certificate]
            + extra
    }

    @Test("--watch stores a report delivered while it waits within 5 seconds, and reconnects after Dovecot restarts")
    func watchPicksUpNewMailAndReconnects() throws {
        let server = try DovecotServer()
        for number in 0..<2 { try server.deliver(Self.uniqueMessage(number)) }
        let directory = try TemporaryDirectory()
        let watcher = try CommandRunner.start(try arguments(server, database: directory.database, ["--watch", "--json", "--timeout", "10"]))
        defer { if watcher.process.isRunning { watcher.process.terminate() } }

        #expect(Self.seconds(until: 30) { Self.storedReports(directory.database) == 2 } != nil, "\(server.log)")
        usleep(500_000)  // into IDLE
        try server.deliver(Self.uniqueMessage(2))
        let latency = Self.seconds(until: 10) { Self.storedReports(directory.database) == 3 }
        #expect(latency.map { $0 < 5 } == true, "took \(latency.map { "\($0) s" } ?? "over 10 s")")
        // Flagged just after its report is committed, never before.
        #expect(Self.seconds(until: 5) { (try? server.messages().values.filter { $0.contains("S") }.count) == 3 } != nil)

        server.stop()
        usleep(1_000_000)
        try server.start()
        try server.deliver(Self.uniqueMessage(3))
        #expect(Self.seconds(until: 40) { Self.storedReports(directory.database) == 4 } != nil, "\(server.log)")
        #expect(watcher.process.isRunning)

        watcher.process.terminate()
        let result = watcher.wait()
        #expect(result.standardError.contains("127.0.0.1 closed the connection; reconnecting in"), "\(result.standardError)")
        let passes = try result.jsonLines()
        #expect(passes.first?["accepted"] as? Int == 2, "\(result.standardOutput)")
        #expect(passes.compactMap { $0["accepted"] as? Int }.reduce(0, +) == 4, "\(result.standardOutput)")
    }

    @Test("XOAUTH2 logs in with the token from a command or a file; a refused or missing token is exit 2 and never printed")
    func oauth2Token() throws {
        let server = try DovecotServer()
        try server.deliver(Self.uniqueMessage(0))
        let directory = try TemporaryDirectory()
        let tokenFile = try directory.write(Data((server.password + "\n").utf8), to: "token")
        let base = ["fetch", server.url(), "--database", directory.database, "--ca-file", server.certificate]

        let byCommand = try CommandRunner.run(base + ["--oauth2-token-command", "cat '\(tokenFile.path)'"])
        #expect(byCommand.status == 0, "\(byCommand.standardError)\n\(server.log)")
        #expect(Self.storedReports(directory.database) == 1)
        #expect(server.log.contains("method=XOAUTH2"), "\(server.log)")
        try server.deliver(Self.uniqueMessage(1))
        let byFile = try CommandRunner.run(base + ["--oauth2-token-file", tokenFile.path, "--json"])
        #expect(byFile.status == 0, "\(byFile.standardError)")
        #expect(try byFile.jsonObject()["accepted"] as? Int == 1)

        let failing = try CommandRunner.run(base + ["--oauth2-token-command", "echo oops >&2; exit 3"])
        #expect(failing.status == 2)
        #expect(failing.standardError.contains("no OAuth 2.0 token: the token command failed (exit status 3)"), "\(failing.standardError)")

        let wrong = "wrong-\(UUID().uuidString)"
        let wrongFile = try directory.write(Data(wrong.utf8), to: "wrong-token")
        let refused = try CommandRunner.run(base + ["--oauth2-token-file", wrongFile.path])
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("login as tester at 127.0.0.1 failed"), "\(refused.standardError)")
        #expect(!refused.standardError.contains(wrong) && !refused.standardOutput.contains(wrong))

        let both = try CommandRunner.run(base + ["--oauth2-token-file", tokenFile.path, "--password-file", tokenFile.path])
        #expect(both.status == 2)
        #expect(both.standardError.contains("give one of --password-file"), "\(both.standardError)")
    }

    @Test("a server that accepts the connection and says nothing is given up after --timeout: exit 2, a clear sentence")
    func silentServerTimesOut() throws {
        let (descriptor, port) = try Self.silentListener()
        defer { close(descriptor) }
        let directory = try TemporaryDirectory()
        let start = Date()
        let result = try CommandRunner.run(
            ["fetch", "imap://tester@127.0.0.1:\(port)/INBOX", "--insecure", "--timeout", "2", "--database", directory.database],
            environment: ["TLSRPT_IMAP_PASSWORD": "secret"])
        let elapsed = Date().timeIntervalSince(start)
        #expect(result.status == 2)
        #expect(result.standardError.contains("127.0.0.1 said nothing for 2 s"), "\(result.standardError)")
        #expect(elapsed < 15, "took \(elapsed) s")
    }

    @Test("fetch killed with SIGKILL again and again mid-way, then rerun: every report stored exactly once, the database intact")
    func killedMidway() throws {
        let server = try DovecotServer()
        let count = 2_000
        try server.deliver((0..<count).map { try Self.uniqueMessage($0) })
        let directory = try TemporaryDirectory()
        let run = try arguments(server, database: directory.database, ["--batch-size", "25", "--quiet"])
        var generator = SystemRandomNumberGenerator()
        var killedWhileRunning = 0
        for _ in 0..<8 {
            let before = Self.storedReports(directory.database)
            let running = try CommandRunner.start(run)
            // Killed at a random moment once this run has committed something, so the kill lands
            // mid-way however fast the machine is (a fixed delay let a fast fetch finish first).
            let deadline = Date().addingTimeInterval(30)
            while running.process.isRunning, Self.storedReports(directory.database) == before, Date() < deadline { usleep(5_000) }
            usleep(UInt32.random(in: 0...20_000, using: &generator))
            if running.process.isRunning {
                kill(running.process.processIdentifier, SIGKILL)
                killedWhileRunning += 1
            }
            _ = running.wait()
            if FileManager.default.fileExists(atPath: directory.database) {
                #expect(try DatabaseSurgery.text("PRAGMA integrity_check", in: directory.database) == "ok")
            }
        }
        #expect(killedWhileRunning >= 6, "only \(killedWhileRunning) kills landed while fetch ran")
        let final = try CommandRunner.run(run)
        #expect(final.status == 0, "\(final.standardError)")
        #expect(Self.storedReports(directory.database) == Int64(count))
        #expect(try DatabaseSurgery.integer("SELECT count(DISTINCT report_id) FROM report", in: directory.database) == Int64(count))
        #expect(try DatabaseSurgery.text("PRAGMA integrity_check", in: directory.database) == "ok")
        #expect(try server.messages().values.allSatisfy { $0.contains("S") })
        let again = try CommandRunner.run(run.filter { $0 != "--quiet" } + ["--json"])
        #expect(try again.jsonObject()["inputs"] as? Int == 0)
    }

    /// A loopback socket that listens and never accepts: connections complete (the kernel's
    /// backlog) and then hear nothing.
    static func silentListener() throws -> (Int32, Int) {
        try LoopbackSocket.bound(listening: true)
    }
}
