import Foundation
import TLSRPTKit
import TLSRPTTestSupport
import Testing

/// The dashboard of the built `tlsrpt serve`, with the sample reports, read with curl: figures
/// equal `tlsrpt summary --format json` for the same period; `tlsrpt report --html` writes the
/// same pages as one file.
@Suite("dashboard through the built binary")
struct DashboardCommandTests {
    /// A database with the sample reports and one hostile report.
    final class SampleDatabase {
        let directory: TemporaryDirectory
        var path: String { directory.database }

        init() throws {
            directory = try TemporaryDirectory()
            let hostile = ReportFactory.json(
                organization: "<script>alert(1)</script>", reportID: "hostile-1", domain: "hostile.example", day: "2026-11-20",
                successful: 90, failed: 10)
            let file = try directory.write(hostile, to: "hostile/report.json")
            let ingest = try CommandRunner.run(["ingest", "--quiet", "--database", path, CommandRunner.sampleReports.path, file.path])
            #expect(ingest.status == 0, "\(ingest.standardError)")
        }
    }

    /// `curl` GETting `path`; the status, the headers (lowercased names) and the body.
    static func get(_ path: String, port: Int, headers: [String] = []) throws -> (status: Int, headers: [String: String], body: String) {
        let directory = try TemporaryDirectory()
        let headerFile = directory.url.appendingPathComponent("headers")
        let bodyFile = directory.url.appendingPathComponent("body")
        var arguments = ["--silent", "--max-time", "30", "--dump-header", headerFile.path, "--output", bodyFile.path, "--write-out", "%{http_code}"]
        for header in headers { arguments += ["--header", header] }
        arguments.append("http://127.0.0.1:\(port)\(path)")
        let status = Int(String(decoding: try CommandRunner.runProgram("/usr/bin/curl", arguments), as: UTF8.self)) ?? -1
        var fields: [String: String] = [:]
        for line in ((try? String(contentsOf: headerFile, encoding: .utf8)) ?? "").split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return (status, fields, (try? String(contentsOf: bodyFile, encoding: .utf8)) ?? "")
    }

    /// The `data-figure` values of the element whose opening tag holds `marker` (a table row or
    /// the whole page), by figure name.
    static func figures(in html: String, row marker: String? = nil) -> [String: String] {
        var text = Substring(html)
        if let marker, let start = html.range(of: marker) {
            text = html[start.lowerBound...]
            if let end = text.range(of: "</tr>") { text = text[..<end.upperBound] }
        }
        var figures: [String: String] = [:]
        var rest = text
        while let range = rest.range(of: "data-figure=\"") {
            let nameEnd = rest[range.upperBound...].firstIndex(of: "\"")!
            let name = String(rest[range.upperBound..<nameEnd])
            let valueStart = rest[nameEnd...].firstIndex(of: ">")!
            let valueEnd = rest[valueStart...].firstIndex(of: "<")!
            figures[name] = String(rest[rest.index(after: valueStart)..<valueEnd])
            rest = rest[valueEnd...]
        }
        return figures
    }

    static func summary(_ database: String, since: String, until: String) throws -> [String: [String: Any]] {
        let result = try CommandRunner.run(["summary", "--database", database, "--since", since, "--until", until, "--format", "json"])
        let domains = (try result.jsonObject()["domains"] as? [[String: Any]]) ?? []
        return Dictionary(uniqueKeysWithValues: domains.map { ($0["domain"] as! String, $0) })
    }

    static func grouped(_ value: Any?) -> String { Figures.grouped((value as? NSNumber)?.int64Value ?? -1) }

    static func percent(successful: Any?, failed: Any?) -> String {
        let successful = (successful as? NSNumber)?.doubleValue ?? 0
        let failed = (failed as? NSNumber)?.doubleValue ?? 0
        return Figures.percent(successful + failed == 0 ? 0 : failed / (successful + failed))
    }

    @Test("the domain list and each domain page show the figures of summary --format json for the same period")
    func figuresEqualSummary() throws {
        let database = try SampleDatabase()
        let server = try ServeCommandTests.Server(database: database.path)
        defer { _ = server.stop() }
        let (since, until, weekFrom) = ("2026-10-27", "2026-11-23", "2026-11-17")
        let period = try Self.summary(database.path, since: since, until: until)
        let week = try Self.summary(database.path, since: weekFrom, until: until)
        #expect(Set(period.keys) == ["alpha.example", "bravo.example", "charlie.example", "hostile.example"])
        let index = try Self.get("/?since=\(since)&until=\(until)", port: server.port)
        #expect(index.status == 200)
        for (name, domain) in period {
            let row = Self.figures(in: index.body, row: "<tr data-domain=\"\(name)\">")
            let total = ((domain["successful_sessions"] as? NSNumber)?.int64Value ?? 0) + ((domain["failed_sessions"] as? NSNumber)?.int64Value ?? 0)
            #expect(row["sessions"] == Figures.grouped(total), "\(name)")
            #expect(row["rate"] == Self.percent(successful: domain["successful_sessions"], failed: domain["failed_sessions"]), "\(name)")
            #expect(row["reporters"] == Self.grouped(domain["organizations"]), "\(name)")
            #expect(row["modes"] == (domain["policy_modes"] as? [String])?.joined(separator: ", "), "\(name)")
            let recent = try #require(week[name])
            let recentTotal = ((recent["successful_sessions"] as? NSNumber)?.int64Value ?? 0) + ((recent["failed_sessions"] as? NSNumber)?.int64Value ?? 0)
            #expect(row["recent-sessions"] == Figures.grouped(recentTotal), "\(name)")
            #expect(row["recent-rate"] == Self.percent(successful: recent["successful_sessions"], failed: recent["failed_sessions"]), "\(name)")

            let page = try Self.get("/domains/\(name)?since=\(since)&until=\(until)", port: server.port)
            #expect(page.status == 200, "\(name)")
            let cards = Self.figures(in: page.body)
            #expect(cards["successful"] == Self.grouped(domain["successful_sessions"]), "\(name)")
            #expect(cards["failed"] == Self.grouped(domain["failed_sessions"]), "\(name)")
            #expect(cards["reports"] == Self.grouped(domain["reports"]), "\(name)")
            #expect(cards["organizations"] == Self.grouped(domain["organizations"]), "\(name)")
            #expect(cards["rate"] == Self.percent(successful: domain["successful_sessions"], failed: domain["failed_sessions"]), "\(name)")
            for (type, count) in (domain["by_result_type"] as? [String: Any]) ?? [:] {
                #expect(page.body.contains("<td class=\"name\">\(type)</td><td class=\"n\">\(Self.grouped(count))</td>"), "\(name) \(type)")
            }
        }
        // The readiness verdicts of the sample domains, as `readiness --as-of` gives them.
        #expect(index.body.contains("<span class=\"badge ready\">ready</span>"))
        #expect(index.body.contains("<span class=\"badge not-ready\">not-ready</span><br><span class=\"muted\">failing: certificates</span>"))
        #expect(index.body.contains("<span class=\"badge enforced\">enforced</span>"))
        let sorted = try Self.get("/?since=\(since)&until=\(until)&sort=failure-rate", port: server.port).body
        let order = ["alpha.example", "bravo.example", "charlie.example", "hostile.example"].sorted {
            sorted.range(of: "data-domain=\"\($0)\"")!.lowerBound < sorted.range(of: "data-domain=\"\($1)\"")!.lowerBound
        }
        #expect(order == ["hostile.example", "bravo.example", "alpha.example", "charlie.example"], "highest failure rate first")
        let searched = try Self.get("/?since=\(since)&until=\(until)&q=BRAVO", port: server.port).body
        #expect(searched.contains("data-domain=\"bravo.example\"") && !searched.contains("data-domain=\"alpha.example\""))
    }

    @Test("a hostile organisation name shows as text; every page has the CSP; unknown domains and reports are 404")
    func escapingHeadersAndMissingPages() throws {
        let database = try SampleDatabase()
        let server = try ServeCommandTests.Server(database: database.path)
        defer { _ = server.stop() }
        let domain = try Self.get("/domains/hostile.example?last=365d", port: server.port)
        #expect(domain.status == 200)
        #expect(domain.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!domain.body.contains("<script"))
        let exported = try CommandRunner.run(["export", "--database", database.path, "--domain", "hostile.example"]).jsonLines()
        let inputID = try #require((exported.first?["x-tlsrpt"] as? [String: Any])?["input-id"] as? Int)
        let report = try Self.get("/reports/\(inputID)", port: server.port)
        #expect(report.status == 200 && report.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !report.body.contains("<script"))
        #expect(report.body.contains("href=\"/reports/\(inputID)/original\""))
        let rejects = try Self.get("/rejects", port: server.port)
        #expect(rejects.status == 200 && rejects.body.contains("No rejected inputs."))
        for path in ["/", "/?last=7d", "/domains/alpha.example", "/reports/\(inputID)", "/rejects", "/domains/nowhere.example", "/reports/424242", "/metrics"] {
            let page = try Self.get(path, port: server.port)
            #expect(page.headers["content-security-policy"]?.hasPrefix("default-src 'none'; style-src 'unsafe-inline'") == true, "\(path)")
            #expect(page.headers["content-security-policy"]?.contains("script-src") != true, "\(path)")
            if path.contains("nowhere") || path.contains("424242") { #expect(page.status == 404, "\(path)") }
        }
    }

    @Test("--dashboard-token FILE closes the pages and /metrics; the report endpoint stays open; the token is never logged")
    func tokenFile() throws {
        let database = try SampleDatabase()
        let token = "0123456789abcdef0123456789abcdef"
        let tokenFile = try database.directory.write(Data((token + "\n").utf8), to: "token")
        let server = try ServeCommandTests.Server(database: database.path, arguments: ["--dashboard-token", tokenFile.path])
        #expect(try Self.get("/", port: server.port).status == 401)
        #expect(try Self.get("/metrics", port: server.port).status == 401)
        #expect(try Self.get("/", port: server.port, headers: ["Authorization: Bearer \(token)"]).status == 200)
        #expect(try Self.get("/metrics", port: server.port, headers: ["Authorization: Bearer \(token)"]).status == 200)
        let posted = try ServeCommandTests.post(ReportFactory.json(reportID: "through-the-gate"), port: server.port)
        #expect(posted.status == 201, "\(posted.text)")
        let (status, log) = server.stop()
        #expect(status == 0)
        #expect(!log.contains(token), "\(log)")
        let short = try CommandRunner.run(["serve", "--bind", "127.0.0.1:0", "--database", database.path, "--dashboard-token", "short"])
        #expect(short.status == 2 && short.standardError.contains("at least 16"))
    }

    @Test("report --html writes one self-contained file: every domain's section, inline style and SVG, no script, no link out")
    func singleFile() throws {
        let database = try SampleDatabase()
        let file = database.directory.url.appendingPathComponent("report.html")
        let result = try CommandRunner.run(["report", "--database", database.path, "--html", file.path, "--since", "2026-10-27", "--until", "2026-11-23"])
        #expect(result.status == 0, "\(result.standardError)")
        let html = try String(contentsOf: file, encoding: .utf8)
        for name in ["alpha.example", "bravo.example", "charlie.example", "hostile.example"] {
            #expect(html.contains("<section id=\"domain-\(name)\">"), "\(name)")
            #expect(html.contains("href=\"#domain-\(name)\""), "\(name)")
        }
        #expect(html.contains("<style>") && html.contains("<svg class=\"chart\""))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href=\"/") && !html.contains("href=\"http"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let period = try Self.summary(database.path, since: "2026-10-27", until: "2026-11-23")
        let section = html[html.range(of: "<section id=\"domain-alpha.example\">")!.lowerBound...]
        let alpha = Self.figures(in: String(section[..<section.range(of: "</section>")!.upperBound]))
        #expect(alpha["successful"] == Self.grouped(period["alpha.example"]?["successful_sessions"]))
        let one = try CommandRunner.run(["report", "--database", database.path, "--html", "-", "--domain", "bravo.example", "--last", "365d"])
        #expect(one.status == 0 && one.standardOutput.contains("<section id=\"domain-bravo.example\">") && !one.standardOutput.contains("id=\"domain-alpha.example\""))
    }
}
