import Foundation
import TLSRPTTestSupport
import Testing

@Suite("kill -9 in the middle of a batch")
struct CrashRecoveryTests {
    @Test("a killed ingest leaves a consistent database, and rerunning completes it without duplicates")
    func killAndRerun() throws {
        let directory = try TemporaryDirectory()
        let count = 6000
        let reports = directory.url.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        for index in 0..<count {
            let json = ReportFactory.json(reportID: "crash-\(index)", day: "2026-11-\(String(format: "%02d", index % 28 + 1))")
            try json.write(to: reports.appendingPathComponent("report-\(index).json"))
        }

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
}
