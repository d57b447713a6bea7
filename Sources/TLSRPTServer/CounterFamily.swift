import Prometheus
import Synchronization

/// One Prometheus counter name and its series, one per combination of label values, with
/// additions that saturate.
///
/// swift-prometheus counters wrap around past `Int64.max` and trap on a negative amount; session
/// counts come from reporters (up to 10^12 per entry, any number of entries), so this family
/// keeps each series' total and adds only what keeps it at or below `Int64.max`, and ignores
/// negative amounts (counts a version without the bound may have stored).
final class CounterFamily: Sendable {
    let name: String
    let help: String
    let labelNames: [String]
    private let registry: PrometheusCollectorRegistry
    private let series = Mutex([[String]: Series]())

    private struct Series {
        var counter: Counter
        var total: Int64
    }

    init(_ name: String, help: String, labelNames: [String], registry: PrometheusCollectorRegistry) {
        self.name = name
        self.help = help
        self.labelNames = labelNames
        self.registry = registry
    }

    /// Adds `amount` to the series of `labelValues` (in ``labelNames`` order), creating it when
    /// it does not exist yet (at zero, when `amount` is 0).
    func add(_ amount: Int64, labelValues: [String]) {
        precondition(labelValues.count == labelNames.count)
        series.withLock { series in
            if series[labelValues] == nil {
                let descriptor = MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
                let counter = registry.makeCounter(descriptor: descriptor, labels: Array(zip(labelNames, labelValues)))
                series[labelValues] = Series(counter: counter, total: 0)
            }
            let added = min(max(amount, 0), Int64.max - series[labelValues]!.total)
            guard added > 0 else { return }
            series[labelValues]!.total += added
            series[labelValues]!.counter.increment(by: added)
        }
    }
}
