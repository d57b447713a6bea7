import Foundation
import TLSRPTTestSupport
import Testing

/// Issue #15, items 6 and 7: a database inside the folder it ingests read itself; symbolic links
/// to directories and link loops made every run fail.
@Suite("the walker skips the store's own files and links that lead to no file")
struct WalkerSafetyTests {
    @Test("ingest --database dir/tlsrpt.sqlite dir, three times: its own files are never inputs")
    func databaseInsideTheIngestedFolder() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.url.appendingPathComponent("reports")
        for index in 0..<3 { try directory.write(ReportFactory.json(reportID: "own-\(index)"), to: "reports/\(index).json") }
        let database = folder.appendingPathComponent("tlsrpt.sqlite").path
        var inputRows: [Int64?] = []
        for run in 0..<3 {
            let result = try CommandRunner.run(["ingest", "--json", "--database", database, folder.path])
            #expect(result.status == 0, "run \(run): \(result.standardOutput) \(result.standardError)")
            let object = try result.jsonObject()
            #expect(object["rejected"] as? Int == 0, "run \(run): \(result.standardOutput)")
            #expect(object["accepted"] as? Int == (run == 0 ? 3 : 0), "run \(run)")
            inputRows.append(try DatabaseSurgery.integer("SELECT count(*) FROM input", in: database))
            if run == 0 {
                // A second name for the database file (a hard link) is the same file: skipped too.
                #expect(link(database, folder.appendingPathComponent("backup-name").path) == 0)
            }
        }
        #expect(inputRows == [3, 3, 3])
        let named = try CommandRunner.run(["ingest", "--json", "--database", database, database])
        #expect(named.status == 0, "\(named.standardOutput)")
        #expect(try named.jsonObject()["inputs"] as? Int == 0)
        let rejects = try CommandRunner.run(["rejects", "--database", database])
        #expect(rejects.standardOutput == "no rejected inputs\n", "\(rejects.standardOutput)")
    }

    @Test("links to a directory, link loops and dangling links are skipped and counted on every run; a link to a file is read")
    func symbolicLinks() throws {
        let directory = try TemporaryDirectory()
        try directory.write(ReportFactory.json(reportID: "plain"), to: "in/plain.json")
        try directory.write(ReportFactory.json(reportID: "elsewhere"), to: "elsewhere/report.json")
        let input = directory.url.appendingPathComponent("in").path
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: input + "/to-directory", withDestinationPath: "../elsewhere")
        try manager.createSymbolicLink(atPath: input + "/to-parent", withDestinationPath: "..")
        try manager.createSymbolicLink(atPath: input + "/loop-a", withDestinationPath: "loop-b")
        try manager.createSymbolicLink(atPath: input + "/loop-b", withDestinationPath: "loop-a")
        try manager.createSymbolicLink(atPath: input + "/dangling", withDestinationPath: "nothing-here")
        try manager.createSymbolicLink(atPath: input + "/to-file.json", withDestinationPath: "../elsewhere/report.json")
        for run in 0..<2 {
            let result = try CommandRunner.run(["ingest", "--json", "--database", directory.database, input])
            #expect(result.status == 0, "run \(run): \(result.standardOutput)")
            let object = try result.jsonObject()
            #expect(object["skipped_links"] as? Int == 5, "run \(run)")
            #expect((object["failures"] as? [Any])?.isEmpty == true, "run \(run): \(result.standardOutput)")
            #expect(object["accepted"] as? Int == (run == 0 ? 2 : 0), "run \(run)")
        }
        let text = try CommandRunner.run(["ingest", "--rescan", "--database", directory.database, input])
        #expect(text.standardOutput.contains("5 symbolic links skipped"), "\(text.standardOutput)")
        let identifiers = Set(try CommandRunner.run(["export", "--database", directory.database]).jsonLines().compactMap { $0["report-id"] as? String })
        #expect(identifiers == ["plain", "elsewhere"])
    }
}
