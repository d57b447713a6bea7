/// Thresholds of the readiness analysis; each has a command-line flag.
public struct ReadinessOptions: Sendable, Equatable {
    /// The last day of the window (days since the epoch); the default is today, UTC.
    public var asOfDay: Int64
    /// Whether ``asOfDay`` was chosen (`--as-of`) rather than today: suggested commands repeat it.
    public var asOfIsExplicit = false
    /// Days in the window, ending at ``asOfDay``: 28.
    public var windowDays = 28
    /// The last days of the window that make the recent period: 7.
    public var recentDays = 7
    /// Fewer distinct days with reports give `insufficient-data`: 14.
    public var minimumDays = 14
    /// Fewer sessions in the window give `insufficient-data`: 100.
    public var minimumSessions: Int64 = 100
    /// Other TLS and policy-fetch failures above this share of recent sessions fail: 0.1 %.
    public var maximumFailureRate = 0.001
    /// The domain's real MX host names, checked against the policy's patterns.
    public var mxHosts: [String] = []

    public init(asOfDay: Int64) {
        self.asOfDay = asOfDay
    }
}
