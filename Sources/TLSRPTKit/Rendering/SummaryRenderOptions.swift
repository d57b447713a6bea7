/// Choices shared by every ``PeriodSummary`` renderer.
public struct SummaryRenderOptions: Sendable {
    /// Entries shown per breakdown (result types, MX hosts, organisations, sending IPs); the
    /// largest come first. Values below zero count as zero.
    public var top: Int = 10
    /// Terminal width of the text format (at least 40); other formats ignore it.
    public var columns: Int = 80

    /// - Parameters:
    ///   - top: entries shown per breakdown, 10 by default.
    ///   - columns: width of the text format, 80 by default.
    public init(top: Int = 10, columns: Int = 80) {
        self.top = top
        self.columns = columns
    }

    /// `top`, never negative.
    var limit: Int { max(0, top) }
}
