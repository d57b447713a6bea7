import Foundation
import TLSRPTTestSupport
import Testing

/// Issue #9: `ingest --rescan` doubled the rows of rejects and conflicts (5 → 10 on a second
/// rescan). An input read again is reported again, but recorded once.
@Suite("rejects and conflicts read again are not recorded twice")
struct RescanRejectsTests {
    /// A folder with every broken fixture and two reports that conflict, ingested once.
    func ingestedFolder() throws -> (directory: TemporaryDirectory, input: String) {
        let directory = try TemporaryDirectory()
        let broken = CommandRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/broken")
        for name in try FileManager.default.contentsOfDirectory(atPath: broken.path) {
            try directory.write(try Data(contentsOf: broken.appendingPathComponent(name)), to: "in/\(name)")
        }
        try directory.write(ReportFactory.json(reportID: "conflict-1", successful: 10), to: "in/first.json")
        try directory.write(ReportFactory.json(reportID: "conflict-1", successful: 11), to: "in/second.json")
        let input = directory.url.appendingPathComponent("in").path
        let first = try CommandRunner.run(["ingest", "--database", directory.database, input])
        #expect(first.status == 1, "\(first.standardError)")
        return (directory, input)
    }

    /// The ids `rejects` lists (with `--conflicts`: conflicts too).
    func listedIDs(_ directory: TemporaryDirectory, conflicts: Bool = false) throws -> [Int64] {
        let result = try CommandRunner.run(
            ["rejects", "--json", "--database", directory.database] + (conflicts ? ["--conflicts"] : []))
        return try result.standardOutput.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require((object["id"] as? NSNumber)?.int64Value)
        }
    }

    @Test("two rescans: the same rejects and conflicts, each still reported and counted, exit 1")
    func rescanTwice() throws {
        let (directory, input) = try ingestedFolder()
        let rejects = try listedIDs(directory)
        let all = try listedIDs(directory, conflicts: true)
        try #require(rejects.count >= 5, "the broken fixtures should give several rejects: \(rejects)")
        try #require(all.count == rejects.count + 1, "one conflict expected: \(all)")

        for _ in 1...2 {
            let again = try CommandRunner.run(["ingest", "--rescan", "--database", directory.database, input])
            #expect(again.status == 1, "\(again.standardError)")
            #expect(again.standardOutput.contains("\(rejects.count) rejected"), "\(again.standardOutput)")
            #expect(again.standardOutput.contains("1 conflicting"), "\(again.standardOutput)")
            #expect(
                again.standardError.components(separatedBy: "rejected: ").count - 1 == rejects.count,
                "\(again.standardError)")
            #expect(try listedIDs(directory) == rejects)
            #expect(try listedIDs(directory, conflicts: true) == all)
        }

        let json = try CommandRunner.run(["ingest", "--rescan", "--json", "--database", directory.database, input])
        let object = try #require(try JSONSerialization.jsonObject(with: json.standardOutputBytes) as? [String: Any])
        #expect((object["rejected"] as? NSNumber)?.intValue == rejects.count)
        #expect((object["conflicts"] as? NSNumber)?.intValue == 1)
        #expect(try listedIDs(directory, conflicts: true) == all)
    }

    @Test("reprocess twice, then a rescan: the rejects stay the same rows")
    func reprocessThenRescan() throws {
        let (directory, input) = try ingestedFolder()
        let all = try listedIDs(directory, conflicts: true)
        for _ in 1...2 {
            let reprocess = try CommandRunner.run(["reprocess", "--database", directory.database])
            #expect(reprocess.status == 1, "\(reprocess.standardError)")
            #expect(try listedIDs(directory, conflicts: true) == all)
        }
        _ = try CommandRunner.run(["ingest", "--rescan", "--database", directory.database, input])
        #expect(try listedIDs(directory, conflicts: true) == all)
    }

    @Test("a reject piped twice is one row; a file rewritten with other bytes is a new reject")
    func sameBytesOnlyAreTheSameInput() throws {
        let (directory, input) = try ingestedFolder()
        let before = try listedIDs(directory)
        let junk = Data("this is no report\u{0}\u{1}".utf8)
        for _ in 1...2 {
            let piped = try CommandRunner.run(["ingest", "--database", directory.database, "-"], input: junk)
            #expect(piped.status == 1, "\(piped.standardError)")
        }
        let afterPipe = try listedIDs(directory)
        #expect(afterPipe.count == before.count + 1, "\(afterPipe)")

        try directory.write(Data("{\"organization-name\": 1, \"changed\": true}".utf8), to: "in/invalid.json")
        _ = try CommandRunner.run(["ingest", "--rescan", "--database", directory.database, input])
        #expect(try listedIDs(directory).count == afterPipe.count + 1)
    }
}
