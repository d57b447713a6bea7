import Foundation
import TLSRPTTestSupport
import Testing

/// A folder larger than the walker's 4,096-name chunk: every file is read once, the ledger is
/// consulted chunk by chunk, and a second run reads only what is new.
@Suite("ingest: a folder of more than one chunk of names")
struct LargeFolderTests {
    static let count = 4_100  // one full chunk of 4,096 and a few more

    @Test("every file of a 4,100-file folder is ingested once, and a rerun reads only the new ones")
    func largeFolder() throws {
        let directory = try TemporaryDirectory()
        let reports = directory.url.appendingPathComponent("reports")
        for index in 0..<Self.count {
            try directory.write(ReportFactory.json(reportID: "large-\(index)"), to: "reports/report-\(index).json")
        }
        try directory.write(Data("hidden".utf8), to: "reports/.hidden")

        let first = try Self.ingest(directory.database, reports.path)
        #expect(first["accepted"] as? Int == Self.count)
        #expect(first["inputs"] as? Int == Self.count)
        #expect(first["already_seen"] as? Int == 0)

        for index in Self.count..<(Self.count + 3) {
            try directory.write(ReportFactory.json(reportID: "large-\(index)"), to: "reports/report-\(index).json")
        }
        let second = try Self.ingest(directory.database, reports.path)
        #expect(second["accepted"] as? Int == 3)
        #expect(second["inputs"] as? Int == 3)
        #expect(second["already_seen"] as? Int == Self.count)

        let export = try CommandRunner.run(["export", "--database", directory.database])
        #expect(export.status == 0)
        let ids = Set(try export.jsonLines().compactMap { $0["report-id"] as? String })
        #expect(ids.count == Self.count + 3)
        #expect(ids.contains("large-0") && ids.contains("large-4102"))
    }

    static func ingest(_ database: String, _ path: String) throws -> [String: Any] {
        let result = try CommandRunner.run(["ingest", "--json", "--database", database, path])
        #expect(result.status == 0, "\(result.standardError)")
        return try result.jsonObject()
    }
}
