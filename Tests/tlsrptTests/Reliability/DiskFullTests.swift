import Foundation
import TLSRPTTestSupport
import Testing

/// Issue #13, disk full: an ingest whose writes fail because no byte more may be written (a file
/// size limit, `ulimit -f`, with SIGXFSZ ignored so that the write fails with EFBIG as on a full
/// disk instead of killing the process) fails with a clear message and exit 2, leaves the
/// database intact, and loses nothing it had committed.
@Suite("disk full: a file size limit stops ingest cleanly")
struct DiskFullTests {
    /// Runs tlsrpt under `ulimit -f blocks` (1,024-byte blocks) with SIGXFSZ ignored.
    static func runLimited(_ blocks: Int, _ arguments: [String]) throws -> CommandResult {
        let quoted = ([CommandRunner.executable.path] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "trap '' XFSZ; ulimit -f \(blocks); exec \(quoted)"]
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let collectedOutput = OutputCollector(output.fileHandleForReading)
        let collectedError = OutputCollector(error.fileHandleForReading)
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus, standardOutputBytes: collectedOutput.wait(),
            standardError: String(decoding: collectedError.wait(), as: UTF8.self))
    }

    @Test("ingest under a file size limit: exit 2 with the reason, integrity ok, every report it had stored still there", .enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash")))
    func fileSizeLimit() throws {
        let directory = try TemporaryDirectory()
        for index in 0..<200 {
            try directory.write(ReportFactory.json(reportID: "before-\(index)"), to: "before/\(index).json")
        }
        // 9,000 reports need far more than the 3 MiB the limit leaves, which hold the first
        // transaction's 4,096 (8 batches of 512) but not the second's.
        for index in 0..<9_000 {
            try directory.write(ReportFactory.json(reportID: "after-\(index)", domain: "domain-\(index % 50).example"), to: "after/\(index).json")
        }
        let first = try CommandRunner.run(["ingest", "--json", "--database", directory.database, directory.url.appendingPathComponent("before").path])
        #expect(try first.jsonObject()["accepted"] as? Int == 200)
        let sizes = try ["", "-wal"].map { (try? FileManager.default.attributesOfItem(atPath: directory.database + $0)[.size] as? Int) ?? 0 }
        let limit = (sizes.max() ?? 0) / 1024 + 3072

        let limited = try Self.runLimited(limit, ["ingest", "--json", "--database", directory.database, directory.url.appendingPathComponent("after").path])
        #expect(limited.status == 2, "\(limited.status) \(limited.standardOutput) \(limited.standardError)")
        let failures = (try? limited.jsonObject()["failures"] as? [String]) ?? []
        #expect(
            failures.contains { $0.contains("full") || $0.contains("file size limit") },
            "\(failures) \(limited.standardError)")
        #expect(!limited.standardError.contains("Fatal error"))

        let check = try CommandRunner.run(["check-database", "--database", directory.database])
        #expect(check.status == 0, "\(check.standardOutput) \(check.standardError)")
        let stored = Set(try CommandRunner.run(["export", "--database", directory.database]).jsonLines().compactMap { $0["report-id"] as? String })
        #expect((0..<200).allSatisfy { stored.contains("before-\($0)") })
        #expect(stored.count < 200 + 9_000, "the limit did not stop the ingest; lower it")
        // The result counts what the interrupted run had committed.
        #expect(stored.count > 200, "no transaction committed under the limit; raise it")
        #expect((try? limited.jsonObject()["accepted"] as? Int) == stored.count - 200, "\(limited.standardOutput)")

        // With room again, the rest is stored, and nothing twice.
        let rerun = try CommandRunner.run(["ingest", "--json", "--database", directory.database, directory.url.appendingPathComponent("after").path])
        #expect(rerun.status == 0, "\(rerun.standardOutput)")
        let complete = try CommandRunner.run(["export", "--database", directory.database]).jsonLines()
        #expect(complete.count == 9_200)
        #expect(Set(complete.compactMap { $0["report-id"] as? String }).count == 9_200)
        print("fileSizeLimit: \(stored.count - 200) of 9,000 stored under a \(limit) KiB limit; \(failures.first ?? "")")
    }
}
