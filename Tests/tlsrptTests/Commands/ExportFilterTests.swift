import Foundation
import TLSRPTTestSupport
import Testing

@Suite("export: day filters without a domain")
struct ExportFilterTests {
    @Test("--since and --until without --domain keep every report of those days, one without policies too")
    func daysWithoutDomain() throws {
        let directory = try TemporaryDirectory()
        try directory.write(ReportFactory.json(reportID: "october", day: "2026-10-01"), to: "in/october.json")
        try directory.write(ReportFactory.json(reportID: "november", day: "2026-11-01"), to: "in/november.json")
        let empty = """
            {"organization-name":"Example Reporter","date-range":{"start-datetime":"2026-11-02T00:00:00Z",
            "end-datetime":"2026-11-02T23:59:59Z"},"contact-info":"tlsrpt@reporter.example","report-id":"no-policies",
            "policies":[]}
            """
        try directory.write(Data(empty.utf8), to: "in/empty.json")
        let ingest = try CommandRunner.run(["ingest", "--json", "--database", directory.database, directory.url.appendingPathComponent("in").path])
        let summary = try ingest.jsonObject()
        #expect(summary["accepted"] as? Int == 3, "\(ingest.standardOutput)")

        func ids(_ arguments: [String]) throws -> [String] {
            let result = try CommandRunner.run(["export", "--database", directory.database] + arguments)
            #expect(result.status == 0, "\(result.standardError)")
            return try result.jsonLines().compactMap { $0["report-id"] as? String }
        }
        #expect(try ids(["--since", "2026-11-01"]) == ["november", "no-policies"])
        #expect(try ids(["--until", "2026-10-31"]) == ["october"])
        #expect(try ids(["--since", "2026-11-02", "--until", "2026-11-02"]) == ["no-policies"])
        #expect(try ids([]).count == 3)
    }
}
