import Prometheus
import TLSRPTKit

/// The metrics `GET /metrics` serves, in the Prometheus text format.
///
/// Counters of stored data start from the store's totals (``TLSRPTKit/ReportStore/reportTotals()``),
/// so a restart does not reset them, and grow with every report the server stores. Reports
/// stored by another process (`tlsrpt ingest`) while the server runs are counted at its next
/// start. Label values from reporters go through a ``LabelLimiter`` each.
///
/// | metric | labels |
/// |---|---|
/// | `tlsrpt_sessions_total` | `policy_domain`, `result` (`successful`, `failed`) |
/// | `tlsrpt_failed_sessions_total` | `policy_domain`, `result_type`, `mx_host` |
/// | `tlsrpt_reports_total` | `organization` |
/// | `tlsrpt_rejected_inputs_total` | `kind` (``TLSRPTKit/ReportRejection/Kind`` raw values) |
/// | `tlsrpt_http_request_duration_seconds` | `route`, `status_class` |
/// | `tlsrpt_write_queue_depth` | none |
final class ServerMetrics: Sendable {
    /// The buckets of the request duration histogram: 5 ms to 30 s.
    static let durationBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        .seconds(30),
    ]

    let registry = PrometheusCollectorRegistry()
    private let sessions: CounterFamily
    private let failedSessions: CounterFamily
    private let reports: CounterFamily
    private let rejectedInputs: CounterFamily
    private let queueDepth: Gauge

    private let domains: LabelLimiter
    private let mxHosts: LabelLimiter
    private let resultTypes: LabelLimiter
    private let organizations: LabelLimiter

    /// - Parameter totals: what the store holds when the server starts.
    init(_ configuration: ServerConfiguration, totals: ReportTotals) {
        sessions = CounterFamily(
            "tlsrpt_sessions_total", help: "TLS sessions reported, by policy domain and result (successful or failed).",
            labelNames: ["policy_domain", "result"], registry: registry)
        failedSessions = CounterFamily(
            "tlsrpt_failed_sessions_total",
            help: "Failed TLS sessions in failure details, by policy domain, result type and MX host.",
            labelNames: ["policy_domain", "result_type", "mx_host"], registry: registry)
        reports = CounterFamily(
            "tlsrpt_reports_total", help: "Reports stored, by reporting organization.", labelNames: ["organization"],
            registry: registry)
        rejectedInputs = CounterFamily(
            "tlsrpt_rejected_inputs_total", help: "Inputs kept as rejects (not a valid report), by kind.",
            labelNames: ["kind"], registry: registry)
        queueDepth = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                metricName: "tlsrpt_write_queue_depth", unitName: "",
                helpText: "Reports decoded and waiting for the database to commit them."))
        domains = LabelLimiter(maximumValues: configuration.maximumDomainLabels)
        mxHosts = LabelLimiter(maximumValues: configuration.maximumMXHostLabels)
        resultTypes = LabelLimiter(maximumValues: configuration.maximumResultTypeLabels)
        organizations = LabelLimiter(maximumValues: configuration.maximumOrganizationLabels)
        for kind in ReportRejection.Kind.allCases { rejectedInputs.add(0, labelValues: [kind.rawValue]) }
        add(totals)
    }

    /// Counts what an ingest stored: accepted reports and rejected inputs (duplicates and
    /// conflicts store no report).
    func record(_ ingested: [IngestedInput]) {
        var totals = ReportTotals()
        for input in ingested {
            switch input.result {
            case .accepted: if let report = input.report { totals.add(report) }
            case .rejected(_, let rejection): totals.addRejections(rejection.kind)
            case .duplicate, .conflict: break
            }
        }
        add(totals)
    }

    /// Counts one answered request.
    /// - Parameter route: the route that answered it, `nil` when none did (404).
    func recordRequest(route: String?, status: Int, duration: Duration) {
        let labels = [("route", route ?? "unmatched"), ("status_class", "\(min(max(status / 100, 1), 5))xx")]
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                metricName: "tlsrpt_http_request_duration", unitName: "seconds",
                helpText: "Time from a request's head to its answer, by route and status class."),
            labels: labels, buckets: Self.durationBuckets
        ).record(duration)
    }

    /// Every metric in the Prometheus text format, the queue depth read now.
    func exposition(queueDepth depth: Int) -> [UInt8] {
        queueDepth.set(Double(depth))
        return registry.emitToBuffer()
    }

    /// Adds `totals` to the counters; in each label, the values with the largest counts get a
    /// series first.
    private func add(_ totals: ReportTotals) {
        // Double: the sum of two saturated counts cannot overflow.
        func sessionTotal(_ counts: ReportTotals.Sessions) -> Double {
            Double(counts.successful) + Double(counts.failed)
        }
        let sessionsByDomain = totals.sessionsByDomain.sorted {
            (sessionTotal($0.value), $1.key) > (sessionTotal($1.value), $0.key)
        }
        for (domain, counts) in sessionsByDomain {
            let label = domains.label(for: domain)
            sessions.add(counts.successful, labelValues: [label, "successful"])
            sessions.add(counts.failed, labelValues: [label, "failed"])
        }
        for (key, count) in totals.failedSessions.sorted(by: { ($0.value, $1.key.order) > ($1.value, $0.key.order) }) {
            failedSessions.add(
                count,
                labelValues: [
                    domains.label(for: key.domain), resultTypes.label(for: key.resultType),
                    mxHosts.label(for: key.mxHost ?? ""),
                ])
        }
        let reportsByOrganization = totals.reportsByOrganization.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        for (organization, count) in reportsByOrganization {
            reports.add(count, labelValues: [organizations.label(for: organization)])
        }
        for (kind, count) in totals.rejectedInputs {
            rejectedInputs.add(count, labelValues: [kind.rawValue])
        }
    }
}

extension ReportTotals.FailureKey {
    /// A text that orders keys deterministically (ties in counts).
    fileprivate var order: String { domain + "\u{0}" + resultType + "\u{0}" + (mxHost ?? "") }
}
