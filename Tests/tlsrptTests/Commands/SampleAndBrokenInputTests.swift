import Foundation
import TLSRPTTestSupport
import Testing

@Suite("SampleReports and broken inputs through the built binary")
struct SampleAndBrokenInputTests {
    static let broken = CommandRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/broken")

    static func expectedFigures() throws -> [String: Any] {
        let data = try Data(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/sample-reports-expected.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("every sample report is stored once, nothing is rejected, the non-reports are skipped")
    func sampleReports() throws {
        let expected = try Self.expectedFigures()
        let directory = try TemporaryDirectory()
        let result = try CommandRunner.run(["ingest", "--json", "--database", directory.database, CommandRunner.sampleReports.path])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try result.jsonObject()
        #expect(object["accepted"] as? Int == expected["distinct_reports"] as? Int)
        #expect(object["duplicates"] as? Int == expected["duplicates"] as? Int)
        #expect(object["rejected"] as? Int == 0)
        #expect(object["conflicts"] as? Int == 0)
        // The two non-report mails, plus SampleReports/README.md.
        #expect(object["without_report"] as? Int == (expected["non_report_messages"] as? Int ?? -1) + 1)

        // Per-domain session totals, counting the larger entry per report and domain.
        let lines = try CommandRunner.run(["export", "--database", directory.database]).jsonLines()
        #expect(lines.count == expected["distinct_reports"] as? Int)
        var totals: [String: (successful: Int, failed: Int, reports: Int)] = [:]
        for line in lines {
            var largest: [String: (Int, Int)] = [:]
            for entry in line["policies"] as? [[String: Any]] ?? [] {
                let policy = entry["policy"] as? [String: Any] ?? [:]
                let summary = entry["summary"] as? [String: Any] ?? [:]
                let domain = policy["policy-domain"] as? String ?? "?"
                let counts = (summary["total-successful-session-count"] as? Int ?? 0, summary["total-failure-session-count"] as? Int ?? 0)
                if let current = largest[domain], current.0 + current.1 >= counts.0 + counts.1 { continue }
                largest[domain] = counts
            }
            for (domain, counts) in largest {
                var total = totals[domain] ?? (0, 0, 0)
                total.successful += counts.0
                total.failed += counts.1
                total.reports += 1
                totals[domain] = total
            }
        }
        let domains = try #require(expected["domains"] as? [String: [String: Any]])
        for (domain, figures) in domains {
            #expect(totals[domain]?.successful == figures["successful_sessions"] as? Int, "\(domain)")
            #expect(totals[domain]?.failed == figures["failed_sessions"] as? Int, "\(domain)")
            #expect(totals[domain]?.reports == figures["reports"] as? Int, "\(domain)")
        }
        #expect(Set(totals.keys) == Set(domains.keys))
    }

    @Test("a batch mixing good and broken inputs stores the good ones and rejects each bad one with its reason")
    func brokenBatch() throws {
        let directory = try TemporaryDirectory()
        let batch = directory.url.appendingPathComponent("batch")
        try FileManager.default.copyItem(at: Self.broken, to: batch)
        for index in 0..<3 {
            try ReportFactory.gzip(ReportFactory.json(reportID: "good-\(index)"))
                .write(to: batch.appendingPathComponent("good-\(index).json.gz"))
        }
        let result = try CommandRunner.run(["ingest", "--database", directory.database, batch.path])
        #expect(result.status == 1, "rejects give exit status 1: \(result.standardError)")
        // 3 good reports and the valid report with a hostile organization-name.
        #expect(result.standardOutput.hasPrefix("ingested 4 reports (9 rejected)"), "\(result.standardOutput)")

        let rejects = try CommandRunner.run(["rejects", "--json", "--database", directory.database]).jsonLines()
        var reasons: [String: String] = [:]
        for reject in rejects {
            let name = ((reject["source"] as? String) ?? "").split(separator: "/").last.map(String.init) ?? ""
            reasons[name] = reject["reason"] as? String
        }
        let expectations: [String: String] = [
            "truncated.json.gz": "truncated",
            "not-gzip.json.gz": "not gzip: starts with \"This file only pretends…\" (plain text)",
            "invalid.json": "not JSON",
            "not-a-report.json": "neither \"organization-name\" nor \"report-id\"",
            "empty.json": "empty",
            "binary-junk": "neither JSON, gzip nor an e-mail message",
            "negative-count.json": "counts must be non-negative integers",
            "no-policies.json": "no \"policies\"",
            "bomb.json.gz": "more than 16 MiB",
        ]
        #expect(Set(reasons.keys) == Set(expectations.keys))
        for (name, fragment) in expectations {
            #expect(reasons[name]?.contains(fragment) == true, "\(name): \(reasons[name] ?? "not rejected")")
        }
        // Nothing is lost: the original bytes of each reject are kept (sizes match the files).
        for reject in rejects {
            let source = try #require(reject["source"] as? String)
            let size = try FileManager.default.attributesOfItem(atPath: source)[.size] as? Int
            #expect(reject["size"] as? Int == size, "\(source)")
        }
    }

    @Test("a file named like a report that holds something else is rejected, naming what it holds")
    func misnamedInputs() throws {
        let directory = try TemporaryDirectory()
        let html = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>\n"
        try directory.write(Data(html.utf8), to: "in/google.com!example.com!1725321600!1725407999!001.json.gz")
        try directory.write(Data("Report unavailable, try again later.\n".utf8), to: "in/report.json")
        try directory.write(Data("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n1 0 obj".utf8), to: "in/invoice.gz")
        try directory.write(Data("These are the TLS reports of example.com.\n".utf8), to: "in/README.txt")
        try directory.write(Data("<?xml version=\"1.0\"?><feedback></feedback>".utf8), to: "in/google.com!example.com!1!2.xml")
        let result = try CommandRunner.run(["ingest", "--json", "--database", directory.database, directory.url.appendingPathComponent("in").path])
        #expect(result.status == 1, "\(result.standardError)")
        let summary = try #require(try JSONSerialization.jsonObject(with: result.standardOutputBytes) as? [String: Any])
        #expect(summary["rejected"] as? Int == 3)
        #expect(summary["without_report"] as? Int == 2, "README.txt and the DMARC report")

        let rejects = try CommandRunner.run(["rejects", "--json", "--database", directory.database]).jsonLines()
        let reasons = Dictionary(uniqueKeysWithValues: rejects.map { ($0["file_name"] as? String ?? "", $0["reason"] as? String ?? "") })
        #expect(reasons["google.com!example.com!1725321600!1725407999!001.json.gz"]
            == #"not gzip: starts with "<html><head><title>502 B…" (an HTML page)"#)
        #expect(reasons["report.json"] == #"not JSON: starts with "Report unavailable, try…" (plain text)"#)
        #expect(reasons["invoice.gz"] == #"not gzip: starts with "%PDF-1.7\x0A%\xC3\xA2\xC3\xA3\xC3\x8F\xC3\x93\x0A1 0 o…" (a PDF document)"#)
        for reject in rejects {
            let source = try #require(reject["source"] as? String)
            #expect(reject["size"] as? Int == (try Data(contentsOf: URL(fileURLWithPath: source))).count)
        }
        let text = try CommandRunner.run(["rejects", "--database", directory.database])
        #expect(text.standardOutput.contains("(an HTML page)"))
    }

    @Test("reprocess decodes stored rejects again")
    func reprocess() throws {
        let directory = try TemporaryDirectory()
        try directory.write(Data("{\"organization-name\":".utf8), to: "in/cut.json")
        let ingest = try CommandRunner.run(["ingest", "--database", directory.database, directory.url.appendingPathComponent("in").path])
        #expect(ingest.status == 1)
        let again = try CommandRunner.run(["reprocess", "--database", directory.database])
        #expect(again.status == 1)
        #expect(again.standardOutput.contains("reprocessed 1 rejected inputs"))
        #expect(try CommandRunner.run(["rejects", "--json", "--database", directory.database]).jsonLines().count == 1)
    }
}
