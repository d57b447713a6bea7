import Foundation
@testable import TLSRPTKit
import TLSRPTTestSupport
import Testing

@testable import TLSRPTDashboard

/// The pages made from an in-memory store: escaping of hostile reporter strings, links, the
/// single file, and figures that are the summary's.
@Suite("dashboard pages")
struct DashboardPageTests {
    /// 2026-11-10 12:00 UTC: the default period (the last 28 days) ends 2026-11-09.
    static let now = Date(timeIntervalSince1970: 1_794_312_000)

    static func store(_ reports: [Data]) async throws -> SQLiteReportStore {
        let store = try SQLiteReportStore.inMemory()
        let decoder = InputDecoder(maximumReportSize: 1 << 20)
        var inputs: [DecodedInput] = []
        for (index, bytes) in reports.enumerated() {
            let provenance = Provenance(source: "in/\(index).json", fileName: "\(index).json", receivedAt: 1_794_000_000)
            guard case .inputs(let decoded) = decoder.decodeInput([UInt8](bytes), provenance: provenance, claimsReport: true) else {
                preconditionFailure("not a report")
            }
            inputs += decoded
        }
        _ = try await store.write(IngestBatch(inputs: inputs))
        return store
    }

    /// A report whose strings are all attacks.
    static func hostileReport() throws -> Data {
        var report = try JSONSerialization.jsonObject(
            with: ReportFactory.json(organization: "<script>alert(1)</script>", reportID: "<img src=x onerror=alert(2)>",
                domain: "hostile.example", day: "2026-11-05", successful: 5, failed: 2)) as! [String: Any]
        var policies = report["policies"] as! [[String: Any]]
        var details = policies[0]["failure-details"] as! [[String: Any]]
        details[0]["additional-information"] = "javascript:alert(3)"
        details[0]["receiving-mx-hostname"] = "\"><svg onload=alert(4)>"
        details.append(["result-type": "validation-failure", "failed-session-count": 0, "additional-information": "https://reporter.example/help?a=1&b=2"])
        policies[0]["failure-details"] = details
        report["policies"] = policies
        return try JSONSerialization.data(withJSONObject: report)
    }

    @Test("reporter strings show as text: no tag, handler or javascript: link they bring reaches the page")
    func escaping() async throws {
        let store = try await Self.store([try Self.hostileReport()])
        let dashboard = Dashboard(store: store, now: { Self.now })
        let domain = try dashboard.domainPage("hostile.example")
        #expect(domain.status == 200)
        let index = try dashboard.indexPage()
        let inputID = try #require(try store.inputs(withStatus: [.accepted]).first?.id)
        let report = try dashboard.reportPage(inputID: inputID)
        #expect(report.status == 200)
        let file = try dashboard.singleFileReport(domains: [], period: ReportingPeriod(fromDay: Timestamp.parseDay("2026-11-01")!, untilDay: Timestamp.parseDay("2026-11-09")!))
        for html in [domain.html, index.html, report.html, file] {
            #expect(!html.contains("<script"), "no script element")
            #expect(!html.contains("<img"), "no img element")
            #expect(!html.contains("<svg onload"), "no handler")
            #expect(!html.contains("href=\"javascript:"), "no javascript: link")
            #expect(!html.lowercased().contains("src=\"http"), "nothing loaded from elsewhere")
        }
        #expect(domain.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(domain.html.contains("&quot;&gt;&lt;svg onload=alert(4)&gt;"))
        #expect(report.html.contains("&lt;img src=x onerror=alert(2)&gt;"))
        #expect(report.html.contains("<a href=\"https://reporter.example/help?a=1&amp;b=2\""), "https links are links")
        #expect(report.html.contains("javascript:alert(3)"), "shown in the JSON as text")
        #expect(file.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test("only http and https URLs with a host become links")
    func webLinks() {
        #expect(HTMLText.webLink("https://example.com/x") == "https://example.com/x")
        #expect(HTMLText.webLink("HTTP://example.com") == "HTTP://example.com")
        for text in ["javascript:alert(1)", "data:text/html,x", "//example.com", "/local", "https://", "https://a.example/\"onmouseover=x", "ftp://a.example"] {
            #expect(HTMLText.webLink(text) == nil, "\(text)")
        }
    }

    @Test("the page's figures are the summary's, and its readiness the analyzer's, for the same period")
    func sameFigures() async throws {
        var reports: [Data] = []
        for day in 1...9 {
            reports.append(ReportFactory.json(organization: "A", reportID: "a\(day)", day: "2026-11-0\(day)", successful: 100 * day, failed: day % 3))
            reports.append(ReportFactory.json(organization: "B", reportID: "b\(day)", day: "2026-11-0\(day)", successful: 50, failed: 1))
        }
        let store = try await Self.store(reports)
        let period = ReportingPeriod(fromDay: Timestamp.parseDay("2026-11-03")!, untilDay: Timestamp.parseDay("2026-11-08")!)
        let summary = try SummaryBuilder(store: store).summary(domains: ["example.com"], fromDay: period.fromDay, untilDay: period.untilDay)
        var options = ReadinessOptions(asOfDay: period.untilDay)
        options.asOfIsExplicit = true
        let overview = try DomainOverviewBuilder(store: store).overview(
            domain: "example.com", fromDay: period.fromDay, untilDay: period.untilDay, readinessOptions: options)
        #expect(overview.summary == summary.domains.first)
        #expect(overview.readiness == (try ReadinessAnalyzer(store: store).analyze(domain: "example.com", options: options)))
        let page = try Dashboard(store: store, now: { Self.now }).domainPage("example.com", parameters: ["since": "2026-11-03", "until": "2026-11-08"])
        let domain = try #require(summary.domains.first)
        #expect(page.html.contains("data-figure=\"successful\">\(Figures.grouped(domain.successfulSessions))</div>"))
        #expect(page.html.contains("data-figure=\"rate\">\(Figures.percent(domain.failureRate))</div>"))
        #expect(try Dashboard(store: store, now: { Self.now }).domainPage("unknown.example").status == 404)
        #expect(try Dashboard(store: store, now: { Self.now }).domainPage("example.com", parameters: ["last": "soon"]).status == 400)
    }

    @Test("normalised JSON is indented, keys in order, strings untouched")
    func prettyJSON() {
        #expect(JSONPrettyPrinter.pretty(#"{"a":[1,{"b":"x,\"y\":[]"}],"c":{},"d":[]}"#) == """
            {
              "a": [
                1,
                {
                  "b": "x,\\"y\\":[]"
                }
              ],
              "c": {},
              "d": []
            }
            """)
    }
}
