/// Choices shared by every ``PeriodSummary`` renderer.
public struct SummaryRenderOptions: Sendable {
    /// Entries shown per breakdown (result types, MX hosts, organisations, sending IPs); the
    /// largest come first. Values below zero count as zero.
    public var top: Int = 10

    /// - Parameter top: entries shown per breakdown, 10 by default.
    public init(top: Int = 10) {
        self.top = top
    }

    /// `top`, never negative.
    var limit: Int { max(0, top) }
}
