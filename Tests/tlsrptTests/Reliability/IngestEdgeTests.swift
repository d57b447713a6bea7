import Foundation
import TLSRPTTestSupport
import Testing

/// Issue #15, item 9 (besides read-only access, see ReadOnlyAccessTests): `/dev/zero` and pipes
/// as paths, `--json` on an I/O error, and `--move-to` naming the folder being ingested.
@Suite("ingest: devices and pipes as paths, --json on errors, --move-to into the source folder")
struct IngestEdgeTests {
    @Test("/dev/zero is read as a stream and rejected as too large, not as empty")
    func devZero() throws {
        let directory = try TemporaryDirectory()
        let result = try CommandRunner.run(["ingest", "--json", "--database", directory.database, "/dev/zero"])
        #expect(result.status == 1, "\(result.standardOutput) \(result.standardError)")
        let reason = (try result.jsonObject()["rejections"] as? [[String: Any]])?.first?["reason"] as? String
        #expect(reason == "the file is larger than the 64 MiB accepted for one input")
    }

    @Test("a report in a pipe named as a path (bash's <(…)) is read", .enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash")))
    func pipeAsPath() throws {
        let directory = try TemporaryDirectory()
        let report = try directory.write(ReportFactory.json(reportID: "piped"), to: "report.json")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            "-c", "exec \"$0\" ingest --json --database \"$1\" <(cat \"$2\")",
            CommandRunner.executable.path, directory.database, report.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let collected = OutputCollector(output.fileHandleForReading)
        process.waitUntilExit()
        let result = CommandResult(status: process.terminationStatus, standardOutputBytes: collected.wait(), standardError: "")
        #expect(result.status == 0, "\(result.standardOutput)")
        #expect(try result.jsonObject()["accepted"] as? Int == 1)
    }

    @Test("--json prints its object when the database cannot be opened (exit 2)")
    func jsonOnIOError() throws {
        let result = try CommandRunner.run(["ingest", "--json", "--database", "/proc/version/x.sqlite", "-"], input: Data())
        #expect(result.status == 2)
        let object = try result.jsonObject()
        #expect(object["accepted"] as? Int == 0)
        let failures = try #require(object["failures"] as? [String])
        #expect(failures.count == 1)
        #expect(failures.first?.contains("cannot open the database /proc/version/x.sqlite") == true, "\(failures)")
    }

    @Test("--move-to naming the folder being ingested leaves the files as they are, run after run")
    func moveToTheSourceFolder() throws {
        let directory = try TemporaryDirectory()
        try directory.write(ReportFactory.json(reportID: "stay-1"), to: "in/a.json")
        try directory.write(ReportFactory.json(reportID: "stay-2"), to: "in/b.json")
        let input = directory.url.appendingPathComponent("in").path
        for run in 0..<3 {
            let result = try CommandRunner.run(["ingest", "--json", "--move-to", input, "--database", directory.database, input])
            #expect(result.status == 0, "run \(run): \(result.standardOutput)")
            #expect(try result.jsonObject()["accepted"] as? Int == (run == 0 ? 2 : 0))
            #expect(try FileManager.default.contentsOfDirectory(atPath: input).sorted() == ["a.json", "b.json"], "run \(run)")
        }
    }
}
