import Foundation
import TLSRPTTestSupport
import Testing

/// Issue #13, contention: several writers on one database file at once — four `tlsrpt ingest`
/// processes and a `tlsrpt serve` receiving POSTs — while `summary` and `export` read it. WAL,
/// the busy timeout, bounded retries and short write transactions must make every run succeed
/// with exact totals, and none may fail with "database is locked".
@Suite("contention: four ingests and a serve writing one database while summary and export read")
struct ContentionTests {
    static let reportsPerIngest = 1_500
    static let posts = 300

    @Test("every writer exits 0, no run says locked, and the totals are exact")
    func writersAndReaders() throws {
        let directory = try TemporaryDirectory()
        // A database that exists, so the test is about contention, not about creating it (item 2).
        #expect(try CommandRunner.run(["ingest", "--database", directory.database, "-"], input: ReportFactory.json(reportID: "seed")).status == 0)
        for writer in 0..<4 {
            for index in 0..<Self.reportsPerIngest {
                try directory.write(
                    ReportFactory.json(reportID: "ingest-\(writer)-\(index)", day: "2026-11-\(10 + index % 10)", successful: 3, failed: 1),
                    to: "in-\(writer)/\(index).json")
            }
        }
        for index in 0..<Self.posts {
            try directory.write(try ReportFactory.gzip(ReportFactory.json(reportID: "post-\(index)", day: "2026-11-15", successful: 3, failed: 1)), to: "bodies/\(index).json.gz")
        }
        let server = try ServeKillTests.Server(database: directory.database)
        let config = (0..<Self.posts).map { index in
            """
            url = "http://127.0.0.1:\(server.port)/tlsrpt"
            data-binary = "@\(directory.url.path)/bodies/\(index).json.gz"
            header = "Content-Type: application/tlsrpt+gzip"
            output = "/dev/null"
            write-out = "%{http_code}\\n"

            """
        }.joined(separator: "next\n")
        let configFile = try directory.write(Data(config.utf8), to: "curl.config")

        let ingests = try (0..<4).map { writer in
            try CommandRunner.start(["ingest", "--json", "--database", directory.database, directory.url.appendingPathComponent("in-\(writer)").path])
        }
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["--silent", "--parallel", "--parallel-max", "8", "--max-time", "120", "--config", configFile.path]
        let curlOutput = Pipe()
        curl.standardOutput = curlOutput
        try curl.run()
        let codes = OutputCollector(curlOutput.fileHandleForReading)
        // Readers while the writers run.
        var readerRuns = 0
        var readerFailures: [String] = []
        while ingests.contains(where: { $0.process.isRunning }) || curl.isRunning {
            for command in [["summary", "--format", "json", "--since", "2026-11-01", "--until", "2026-11-30"], ["export"]] {
                let result = try CommandRunner.run(command + ["--database", directory.database])
                readerRuns += 1
                if result.status != 0 { readerFailures.append("\(command[0]): \(result.standardError)") }
            }
        }
        curl.waitUntilExit()
        let statuses = String(decoding: codes.wait(), as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(statuses.count == Self.posts && statuses.allSatisfy { $0 == "201" }, "\(Dictionary(grouping: statuses, by: { $0 }).mapValues(\.count))")
        for (writer, ingest) in ingests.enumerated() {
            let result = ingest.wait()
            #expect(result.status == 0, "ingest \(writer): \(result.standardError)")
            #expect(!result.standardError.contains("locked"), "ingest \(writer): \(result.standardError)")
            #expect(try result.jsonObject()["accepted"] as? Int == Self.reportsPerIngest, "ingest \(writer): \(result.standardOutput)")
        }
        let (status, log) = server.stop()
        #expect(status == 0)
        #expect(!log.contains("locked") && !log.contains("cannot store"), "\(log.suffix(2000))")
        #expect(readerFailures.isEmpty, "\(readerFailures.prefix(3))")
        #expect(readerRuns >= 2)

        let total = 4 * Self.reportsPerIngest + Self.posts
        let exported = try CommandRunner.run(["export", "--database", directory.database]).jsonLines()
        #expect(exported.count == total + 1)
        #expect(Set(exported.compactMap { $0["report-id"] as? String }).count == total + 1)
        let summary = try CommandRunner.run(["summary", "--format", "json", "--since", "2026-11-10", "--until", "2026-11-30", "--database", directory.database])
        let domains = try #require(try summary.jsonObject()["domains"] as? [[String: Any]])
        #expect(domains.first?["successful_sessions"] as? Int == 3 * total, "\(domains)")
        #expect(domains.first?["failed_sessions"] as? Int == total)
        #expect(domains.first?["reports"] as? Int == total)
        print("writersAndReaders: \(total) reports from 5 writers, \(readerRuns) reader runs meanwhile")
    }
}
