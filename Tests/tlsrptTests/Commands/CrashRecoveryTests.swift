import Foundation
import TLSRPTTestSupport
import Testing

@Suite("kill -9 in the middle of a batch")
struct CrashRecoveryTests {
    /// `count` small distinct reports (ids `prefix-N`, spread over 28 days) in `reports/`.
    static func writeReports(_ count: Int, named prefix: String, in directory: TemporaryDirectory) throws -> URL {
        let reports = directory.url.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        for index in 0..<count {
            let json = ReportFactory.json(reportID: "\(prefix)-\(index)", day: "2026-11-\(String(format: "%02d", index % 28 + 1))")
            try json.write(to: reports.appendingPathComponent("report-\(index).json"))
        }
        return reports
    }

    @Test("a killed ingest leaves a consistent database, and rerunning completes it without duplicates")
    func killAndRerun() throws {
        let directory = try TemporaryDirectory()
        let count = 6000
        let reports = try Self.writeReports(count, named: "crash", in: directory)

        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["ingest", "--quiet", "--database", directory.database, reports.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until some batches are committed, then kill without warning.
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline {
            let size = (try? FileManager.default.attributesOfItem(atPath: directory.database + "-wal")[.size] as? Int) ?? 0
            if size > 256 * 1024 { break }
            usleep(5_000)
        }
        let killedMidway = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let partial = try CommandRunner.run(["export", "--database", directory.database]).jsonLines()
        #expect(killedMidway, "the ingest finished before it could be killed; make the corpus larger")
        #expect(partial.count < count)

        let rerun = try CommandRunner.run(["ingest", "--database", directory.database, reports.path])
        #expect(rerun.status == 0, "\(rerun.standardError)")
        let complete = try CommandRunner.run(["export", "--database", directory.database]).jsonLines()
        #expect(complete.count == count)
        let identifiers = Set(complete.compactMap { $0["report-id"] as? String })
        #expect(identifiers.count == count)
    }

    /// A generator seeded per run, so that a failing run can be repeated (the seed is printed).
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11 ^ state << 7
        }
    }

    /// Issue #13: a batch of 10,000 small reports, ingest killed with SIGKILL at 20 or more random
    /// moments (a random delay after it started, so some kills fall while it opens the database or
    /// walks the ledger, most while batches commit). After each kill `PRAGMA integrity_check`
    /// (`check-database`) is ok and no report is stored twice; a last run completes the batch and
    /// a rescan finds every report already stored, exactly once.
    @Test("ingest SIGKILLed at 20+ random moments over a 10,000-report batch: intact after each, every report once at the end")
    func repeatedKills() throws {
        let directory = try TemporaryDirectory()
        let count = 10_000
        let reports = try Self.writeReports(count, named: "kill", in: directory)
        let seed = UInt64(Date().timeIntervalSince1970 * 1000)
        var generator = SeededGenerator(state: seed)
        var kills = 0
        var storedBefore = 0
        var attempts = 0
        var rounds = 1
        while kills < 20 && attempts < 80 {
            attempts += 1
            let process = Process()
            process.executableURL = CommandRunner.executable
            process.arguments = ["ingest", "--quiet", "--database", directory.database, reports.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Up to 1.2 s: a whole run of the batch takes a few seconds here, so most kills land
            // mid-run; the run is killed only if it is still running.
            usleep(UInt32.random(in: 20_000...1_200_000, using: &generator))
            let running = process.isRunning
            if running { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            if running && process.terminationReason == .uncaughtSignal { kills += 1 }
            let check = try CommandRunner.run(["check-database", "--database", directory.database])
            #expect(check.status == 0, "seed \(seed), kill \(kills): \(check.standardOutput) \(check.standardError)")
            let stored = try CommandRunner.run(["export", "--database", directory.database]).jsonLines()
                .compactMap { $0["report-id"] as? String }
            #expect(Set(stored).count == stored.count, "seed \(seed): a report stored twice after kill \(kills)")
            #expect(stored.count >= storedBefore, "seed \(seed): committed reports lost after kill \(kills)")
            storedBefore = stored.count
            if stored.count == count {
                // The batch got through before 20 kills: start it again on a new database.
                rounds += 1
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: directory.database + suffix) }
                storedBefore = 0
            }
        }
        #expect(kills >= 20, "seed \(seed): only \(kills) kills landed mid-run in \(attempts) runs (\(storedBefore) stored)")
        let rerun = try CommandRunner.run(["ingest", "--json", "--database", directory.database, reports.path])
        #expect(rerun.status == 0, "\(rerun.standardError)")
        let rescan = try CommandRunner.run(["ingest", "--json", "--rescan", "--database", directory.database, reports.path])
        let object = try rescan.jsonObject()
        #expect(object["accepted"] as? Int == 0 && object["duplicates"] as? Int == count, "seed \(seed): \(object)")
        let complete = try CommandRunner.run(["export", "--database", directory.database]).jsonLines()
        #expect(complete.count == count)
        #expect(Set(complete.compactMap { $0["report-id"] as? String }).count == count)
        print("repeatedKills: seed \(seed), \(kills) kills in \(attempts) runs over \(rounds) batches")
    }
}
