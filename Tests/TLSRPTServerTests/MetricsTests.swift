import Foundation
import Hummingbird
import HummingbirdTesting
import TLSRPTKit
import TLSRPTServer
import TLSRPTTestSupport
import Testing

/// `GET /metrics` on a live loopback server: its counters against what the database holds,
/// across a restart, with hostile label values.
@Suite("serve: metrics")
struct MetricsTests {
    typealias Database = ReportReceptionTests.Database

    static func configuration() -> ServerConfiguration { ReportReceptionTests.configuration() }

    /// A report with several policy entries: `(type, domain, successful, failed, [(result type, MX host)])`.
    static func report(
        organization: String, reportID: String, day: String = "2026-11-01",
        policies: [(type: String, domain: String, successful: Int, failed: Int, failures: [(String, String?)])]
    ) -> Data {
        let entries: [[String: Any]] = policies.map { policy in
            var entry: [String: Any] = [
                "policy": [
                    "policy-type": policy.type, "policy-domain": policy.domain,
                    "policy-string": ["version: STSv1", "mode: testing"],
                ],
                "summary": [
                    "total-successful-session-count": policy.successful, "total-failure-session-count": policy.failed,
                ],
            ]
            if !policy.failures.isEmpty {
                entry["failure-details"] = policy.failures.enumerated().map { index, failure -> [String: Any] in
                    var detail: [String: Any] = ["result-type": failure.0, "failed-session-count": index + 1]
                    if let host = failure.1 { detail["receiving-mx-hostname"] = host }
                    return detail
                }
            }
            return entry
        }
        let report: [String: Any] = [
            "organization-name": organization, "report-id": reportID,
            "date-range": ["start-datetime": "\(day)T00:00:00Z", "end-datetime": "\(day)T23:59:59Z"],
            "policies": entries,
        ]
        return try! JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
    }

    static func scrape(_ client: some TestClientProtocol) async throws -> PrometheusText {
        let response = try await client.execute(uri: "/metrics", method: .get)
        #expect(response.status == .ok)
        #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
        return try PrometheusText(String(buffer: response.body))
    }

    /// The counters that come from stored data, as `name{labels}` → value.
    static func storedCounters(_ text: PrometheusText) -> [String: Double] {
        let names = [
            "tlsrpt_sessions_total", "tlsrpt_failed_sessions_total", "tlsrpt_reports_total",
            "tlsrpt_rejected_inputs_total",
        ]
        var counters: [String: Double] = [:]
        for sample in text.samples where names.contains(sample.name) {
            counters[sample.name + sample.labels.sorted { $0.key < $1.key }.description] = sample.value
        }
        return counters
    }

    /// The summary of every stored day: the library's own figures, independent of the metrics code.
    static func summary(of store: SQLiteReportStore) throws -> PeriodSummary {
        let spans = try store.domains()
        let first = spans.map(\.firstDay).min() ?? 0
        let last = spans.map(\.lastDay).max() ?? 0
        return try SummaryBuilder(store: store).summary(domains: [], fromDay: first, untilDay: last)
    }

    @Test("counters equal what the database holds (summary's counting rules), and survive a restart")
    func countersMatchTheDatabase() async throws {
        let database = try Database()
        let hostile = "\u{1B}[31mEvil\r\nReporter\" \\ \u{202E}x"
        let reports: [Data] = [
            // Microsoft style: the same sessions under sts and tlsa, only the larger one counts.
            Self.report(
                organization: "Microsoft Corporation", reportID: "ms-1",
                policies: [
                    (
                        "sts", "example.com", 90, 3,
                        [("certificate-expired", "mx1.example.com"), ("starttls-not-supported", nil)]
                    ),
                    ("tlsa", "example.com", 40, 1, [("dane-required", "mx1.example.com")]),
                    ("sts", "example.org", 7, 0, []),
                ]),
            Self.report(
                organization: "Google Inc.", reportID: "g-1", day: "2026-11-02",
                policies: [("sts", "example.com", 500, 2, [("certificate-expired", "mx2.example.com")])]),
            Self.report(
                organization: hostile, reportID: "h-1",
                policies: [
                    ("sts", "evil\u{0}\n.example", 1, 1, [("validation-failure\n# TYPE x counter", "mx\"}\n.example")])
                ]),
        ]
        let rejected: [[UInt8]] = [
            Array("<html><body>502</body></html>".utf8), Array("{\"organization-name\":".utf8), [],
            [0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02],
            Array("{\"organization-name\":\"x\",\"report-id\":\"y\",\"policies\":[]}".utf8),
        ]
        // The kind of each reject as the decoder sees it, in a scratch database.
        let scratch = try Database()
        var expectedRejects: [String: Double] = [:]
        for body in rejected {
            let results = try await ReportIngestor(store: scratch.store)
                .ingest(body, provenance: Provenance(source: "scratch", receivedAt: 0), as: .report)
            guard case .rejected(_, let rejection)? = results.first else {
                Issue.record("not a reject: \(body)"); continue
            }
            expectedRejects[rejection.kind.rawValue, default: 0] += 1
        }

        let beforeRestart: [String: Double]
        let app = try buildApplication(Self.configuration(), store: database.store)
        beforeRestart = try await app.test(.live) { client in
            for report in reports {
                let response = try await client.execute(uri: "/tlsrpt", method: .post, body: ByteBuffer(bytes: report))
                #expect(response.status == .created, "\(String(buffer: response.body))")
            }
            // A duplicate stores nothing new.
            _ = try await client.execute(uri: "/tlsrpt", method: .post, body: ByteBuffer(bytes: reports[0]))
            for body in rejected {
                let response = try await client.execute(uri: "/tlsrpt", method: .post, body: ByteBuffer(bytes: body))
                #expect(response.status == .badRequest, "\(String(buffer: response.body))")
            }
            return Self.storedCounters(try await Self.scrape(client))
        }

        // What the database holds, by the summary's counting rules and the stored rows.
        let summary = try Self.summary(of: database.store)
        var expected: [String: Double] = [:]
        func key(_ name: String, _ labels: [String: String]) -> String {
            name + labels.sorted { $0.key < $1.key }.description
        }
        for domain in summary.domains {
            let label = TerminalText.stripped(domain.domain)
            expected[key("tlsrpt_sessions_total", ["policy_domain": label, "result": "successful"])] = Double(
                domain.successfulSessions)
            expected[key("tlsrpt_sessions_total", ["policy_domain": label, "result": "failed"])] = Double(
                domain.failedSessions)
            for mx in domain.byMX {
                for type in mx.byResultType {
                    let host = mx.mx == "(not reported)" ? "" : TerminalText.stripped(mx.mx)
                    expected[
                        key(
                            "tlsrpt_failed_sessions_total",
                            ["policy_domain": label, "result_type": TerminalText.stripped(type.key), "mx_host": host])] =
                        Double(type.sessions)
                }
            }
        }
        for (organization, stored) in Dictionary(grouping: try database.reports(), by: \.report.organizationName) {
            expected[key("tlsrpt_reports_total", ["organization": TerminalText.stripped(organization)])] = Double(
                stored.count)
        }
        #expect(try database.store.inputs(withStatus: [.rejected]).count == rejected.count)
        for kind in ReportRejection.Kind.allCases {
            expected[key("tlsrpt_rejected_inputs_total", ["kind": kind.rawValue])] = expectedRejects[kind.rawValue] ?? 0
        }
        #expect(summary.domains.count == 3)
        #expect(beforeRestart == expected)

        // A new app on the same database (reopened) starts from what it holds.
        let reopened = try SQLiteReportStore(path: database.directory.appendingPathComponent("tlsrpt.sqlite").path)
        let restarted = try buildApplication(Self.configuration(), store: reopened)
        let afterRestart = try await restarted.test(.live) { client in
            Self.storedCounters(try await Self.scrape(client))
        }
        #expect(afterRestart == beforeRestart)
    }

    /// Report `index` of a set where every organization, domain and MX host is new.
    static func distinctReport(_ index: Int) -> Data {
        report(
            organization: "Reporter \(index)", reportID: "r-\(index)",
            policies: [
                ("sts", "d\(index).example", index, 1, [("certificate-expired", "mx\(index).d\(index).example")])
            ])
    }

    /// Each label has its limit of values plus `other`, and the sums over them are the database's.
    static func checkCaps(_ text: PrometheusText, configuration: ServerConfiguration, database: Database, count: Int)
        throws
    {
        let organizations = text.samples("tlsrpt_reports_total")
        #expect(
            Set(organizations.map { $0.labels["organization"] }).count == configuration.maximumOrganizationLabels + 1)
        #expect(organizations.map(\.value).reduce(0, +) == Double(try database.reports().count))
        #expect(
            try #require(text.value("tlsrpt_reports_total", ["organization": "other"]))
                == Double(count - configuration.maximumOrganizationLabels))

        let hosts = text.samples("tlsrpt_failed_sessions_total")
        #expect(Set(hosts.map { $0.labels["mx_host"] }).count == configuration.maximumMXHostLabels + 1)
        let summary = try Self.summary(of: database.store)
        let failedInDetails = summary.domains.flatMap(\.byMX).map(\.failedSessions).reduce(0, +)
        #expect(hosts.map(\.value).reduce(0, +) == Double(failedInDetails))
        #expect(hosts.filter { $0.labels["mx_host"] == "other" }.map(\.value).reduce(0, +) > 0)

        let sessions = text.samples("tlsrpt_sessions_total", where: ["result": "successful"])
        #expect(Set(sessions.map { $0.labels["policy_domain"] }).count == configuration.maximumDomainLabels + 1)
        #expect(sessions.map(\.value).reduce(0, +) == Double(summary.domains.map(\.successfulSessions).reduce(0, +)))
    }

    @Test(
        "300 distinct organizations, domains and MX hosts: each label keeps its limit of series, `other` holds the rest"
    )
    func labelsAreCapped() async throws {
        let database = try Database()
        let configuration = {
            var configuration = Self.configuration()
            // Organizations at their default limit, domains and MX hosts at limits of their own.
            configuration.maximumDomainLabels = 90
            configuration.maximumMXHostLabels = 70
            return configuration
        }()
        let count = 300
        let app = try buildApplication(configuration, store: database.store)
        try await app.test(.live) { client in
            for index in 0..<count {
                let response = try await client.execute(
                    uri: "/tlsrpt", method: .post, body: ByteBuffer(bytes: Self.distinctReport(index)))
                #expect(response.status == .created)
            }
            try Self.checkCaps(
                try await Self.scrape(client), configuration: configuration, database: database, count: count)
        }
        #expect(try database.reports().count == count)
        // At start-up the values with the largest counts get the series: still capped, nothing lost.
        let restarted = try buildApplication(configuration, store: database.store)
        try await restarted.test(.live) { client in
            let text = try await Self.scrape(client)
            try Self.checkCaps(text, configuration: configuration, database: database, count: count)
            // The busiest domain (the last one, with the most sessions) has a series of its own.
            #expect(
                text.value("tlsrpt_sessions_total", ["policy_domain": "d\(count - 1).example", "result": "successful"])
                    == Double(count - 1))
        }
    }

    @Test("the request duration histogram counts requests by route and status class; the queue depth gauge is live")
    func histogramAndQueueDepth() async throws {
        let database = try Database()
        let app = try buildApplication(Self.configuration(), store: database.store)
        // A second writer holds the database's write lock, so a report POSTed waits in the queue.
        let blocker = try SQLiteReportStore(path: database.directory.appendingPathComponent("tlsrpt.sqlite").path).makeWriteSession()
        try await app.test(.live) { client in
            let posts = 3
            for index in 0..<posts {
                let response = try await client.execute(
                    uri: "/tlsrpt", method: .post,
                    body: ByteBuffer(bytes: ReportFactory.json(reportID: "timed-\(index)")))
                #expect(response.status == .created)
            }
            #expect(try await client.execute(uri: "/nowhere", method: .get).status == .notFound)
            let text = try await Self.scrape(client)
            #expect(text.types["tlsrpt_http_request_duration_seconds"] == "histogram")
            let reportLabels = ["route": "/tlsrpt", "status_class": "2xx"]
            #expect(text.value("tlsrpt_http_request_duration_seconds_count", reportLabels) == Double(posts))
            #expect(
                text.value("tlsrpt_http_request_duration_seconds_bucket", reportLabels.merging(["le": "+Inf"]) { $1 })
                    == Double(posts))
            let buckets = text.samples("tlsrpt_http_request_duration_seconds_bucket", where: reportLabels)
            #expect(buckets.count > 2)
            #expect(zip(buckets, buckets.dropFirst()).allSatisfy { $0.value <= $1.value }, "buckets are cumulative")
            #expect(
                text.value("tlsrpt_http_request_duration_seconds_count", ["route": "unmatched", "status_class": "4xx"])
                    == 1,
                "\(text.samples("tlsrpt_http_request_duration_seconds_count"))")
            #expect(text.types["tlsrpt_write_queue_depth"] == "gauge")
            #expect(text.value("tlsrpt_write_queue_depth") == 0)

            // With the writer blocked, the waiting report shows in the gauge, and leaves it once stored.
            _ = try await blocker.write(
                IngestBatch(inputs: [
                    DecodedInput(
                        provenance: Provenance(source: "blocker", receivedAt: 0), original: [],
                        outcome: .failure(ReportRejection(reason: "x")))
                ]))
            let port = try #require(client.port)
            let waiting = try Curl(
                [
                    "--silent", "--output", "/dev/null", "--write-out", "%{http_code}", "--data-binary", "@-",
                    "http://127.0.0.1:\(port)/tlsrpt",
                ],
                input: ReportFactory.json(reportID: "queued"))
            var depth = try await Self.scrape(client).value("tlsrpt_write_queue_depth")
            while depth == 0, waiting.isRunning {
                try await Task.sleep(for: .milliseconds(10))
                depth = try await Self.scrape(client).value("tlsrpt_write_queue_depth")
            }
            #expect(depth == 1)
            await blocker.rollback()
            #expect(try await waiting.output() == "201")
            #expect(try await Self.scrape(client).value("tlsrpt_write_queue_depth") == 0)
        }
    }
}
