import Foundation
import TLSRPTTestSupport
import Testing

/// Issue #13, kills during POSTs: `tlsrpt serve` killed with SIGKILL while curl clients POST
/// reports. A report answered 201 or 200 before the kill is in the database; after each kill the
/// database is intact; resending everything once more stores each report exactly once.
@Suite("serve SIGKILLed during POSTs")
struct ServeKillTests {
    /// A running `tlsrpt serve` whose log is read all the time: a server that logs a line per
    /// request to a pipe nobody reads blocks once the pipe is full (64 KiB, about 250 requests).
    final class Server {
        let process = Process()
        let port: Int
        private var log: OutputCollector!
        private var banner = ""

        init(database: String) throws {
            process.executableURL = CommandRunner.executable
            process.arguments = ["serve", "--bind", "127.0.0.1:0", "--database", database]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let prefix = "tlsrpt: listening on http://127.0.0.1:"
            while !banner.contains(prefix) || !banner.hasSuffix("\n") {
                let chunk = errors.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                banner += String(decoding: chunk, as: UTF8.self)
            }
            guard let range = banner.range(of: prefix), let port = Int(banner[range.upperBound...].prefix(while: \.isNumber)) else {
                throw CocoaError(.coderReadCorrupt, userInfo: [NSDebugDescriptionErrorKey: banner])
            }
            self.port = port
            log = OutputCollector(errors.fileHandleForReading)
        }

        deinit {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }

        /// Sends `signal` and returns the exit status and everything logged.
        func stop(_ signal: Int32 = SIGTERM) -> (status: Int32, log: String) {
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            return (process.terminationStatus, banner + String(decoding: log.wait(), as: UTF8.self))
        }
    }

    static let reports = 600

    /// POSTs the bodies `indexes` with 8 parallel curl clients; the HTTP status of each (`000`
    /// when the connection failed).
    static func post(_ indexes: [Int], bodies: URL, port: Int, config: URL) throws -> Process {
        let lines = indexes.map { index in
            """
            url = "http://127.0.0.1:\(port)/tlsrpt"
            data-binary = "@\(bodies.path)/\(index).json.gz"
            header = "Content-Type: application/tlsrpt+gzip"
            output = "/dev/null"
            write-out = "%{http_code} \(index)\\n"

            """
        }
        try Data(lines.joined(separator: "next\n").utf8).write(to: config)
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["--silent", "--parallel", "--parallel-max", "8", "--max-time", "30", "--config", config.path]
        return curl
    }

    static func statuses(_ output: Data) -> [Int: String] {
        var result: [Int: String] = [:]
        for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let index = Int(parts[1]) { result[index] = String(parts[0]) }
        }
        return result
    }

    @Test("5 kills mid-POST: every acknowledged report kept, intact after each, each report once after resending")
    func killsDuringPosts() throws {
        let directory = try TemporaryDirectory()
        let bodies = directory.url.appendingPathComponent("bodies")
        try FileManager.default.createDirectory(at: bodies, withIntermediateDirectories: true)
        for index in 0..<Self.reports {
            try ReportFactory.gzip(ReportFactory.json(reportID: "posted-\(index)", day: "2026-11-\(10 + index % 10)"))
                .write(to: bodies.appendingPathComponent("\(index).json.gz"))
        }
        var acknowledged: Set<Int> = []
        var kills = 0
        var generator = SystemRandomNumberGenerator()
        for round in 0..<5 {
            let server = try Server(database: directory.database)
            let pending = (0..<Self.reports).filter { !acknowledged.contains($0) }
            let curl = try Self.post(pending, bodies: bodies, port: server.port, config: directory.url.appendingPathComponent("curl-\(round).config"))
            let output = Pipe()
            curl.standardOutput = output
            try curl.run()
            let collected = OutputCollector(output.fileHandleForReading)
            usleep(UInt32.random(in: 100_000...700_000, using: &generator))
            if server.process.isRunning {
                _ = server.stop(SIGKILL)
                kills += 1
            }
            curl.waitUntilExit()
            let statuses = Self.statuses(collected.wait())
            let answered = statuses.filter { $0.value == "201" || $0.value == "200" }.map(\.key)
            acknowledged.formUnion(answered)

            let check = try CommandRunner.run(["check-database", "--database", directory.database])
            #expect(check.status == 0, "round \(round): \(check.standardOutput) \(check.standardError)")
            let stored = try CommandRunner.run(["export", "--database", directory.database]).jsonLines().compactMap { $0["report-id"] as? String }
            #expect(Set(stored).count == stored.count, "round \(round): a report stored twice")
            let storedIndexes = Set(stored.compactMap { Int($0.dropFirst("posted-".count)) })
            let lost = acknowledged.subtracting(storedIndexes)
            #expect(lost.isEmpty, "round \(round): acknowledged but not stored: \(lost.sorted().prefix(10))")
            #expect(Set(statuses.values).isSubset(of: ["201", "200", "000"]), "round \(round): \(Set(statuses.values))")
        }
        #expect(kills == 5)
        // Everything once more: what was stored is answered 200, the rest 201.
        let server = try Server(database: directory.database)
        let curl = try Self.post(Array(0..<Self.reports), bodies: bodies, port: server.port, config: directory.url.appendingPathComponent("curl-final.config"))
        let output = Pipe()
        curl.standardOutput = output
        try curl.run()
        let collected = OutputCollector(output.fileHandleForReading)
        curl.waitUntilExit()
        let statuses = Self.statuses(collected.wait())
        #expect(server.stop().status == 0)
        #expect(statuses.count == Self.reports && statuses.values.allSatisfy { $0 == "201" || $0 == "200" }, "\(Dictionary(grouping: statuses.values, by: { $0 }).mapValues(\.count))")
        #expect(acknowledged.allSatisfy { statuses[$0] == "200" }, "an acknowledged report was stored again")
        let complete = try CommandRunner.run(["export", "--database", directory.database]).jsonLines()
        #expect(complete.count == Self.reports)
        #expect(Set(complete.compactMap { $0["report-id"] as? String }).count == Self.reports)
        print("killsDuringPosts: \(kills) kills, \(acknowledged.count) of \(Self.reports) acknowledged before the last run")
    }
}
