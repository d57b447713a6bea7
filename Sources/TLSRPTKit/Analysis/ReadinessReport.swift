/// The answer to "can this domain switch MTA-STS from `testing` to `enforce`?", with evidence.
public struct ReadinessReport: Sendable, Equatable {
    public var domain: String
    public var verdict: ReadinessVerdict
    /// The last day of the window (days since the epoch).
    public var asOfDay: Int64
    /// Whether ``asOfDay`` was chosen (`--as-of`) rather than today: suggested commands repeat it.
    public var asOfIsExplicit = false
    public var window: Window
    /// Every check, in a fixed order, each with its status and evidence.
    public var checks: [ReadinessCheck]
    /// The policy reporters saw, if any: the most recent one at least two reporting organisations
    /// agree on, else (``PolicySeen/isCorroborated`` false) the most recent one.
    public var policySeen: PolicySeen?
    /// `mx` patterns a single organisation reported that the agreed policy does not list: claims
    /// anyone can make by mailing a report, never to be published unchecked.
    public var unconfirmedPatterns: [UnconfirmedPattern] = []

    public struct Window: Sendable, Equatable {
        public var fromDay: Int64
        public var untilDay: Int64
        public var recentFromDay: Int64
        /// Distinct UTC days with reports for the domain.
        public var daysWithReports: Int
        /// Sessions in the window, counted as in summaries.
        public var sessions: Int64
        /// Sessions in the recent period.
        public var recentSessions: Int64
        /// The last day in the window with a report for the domain, if any.
        public var lastReportDay: Int64?
    }

    /// The policy as reporters copied it into `policy-string`.
    public struct PolicySeen: Sendable, Equatable {
        /// The `mode:` value as reporters copied it (lowercased), known or not.
        public var mode: String?
        public var maximumAge: Int64?
        public var mxPatterns: [String]
        public var policyStrings: [String]
        public var lastSeenDay: Int64
        /// The organisation of the most recent report showing it.
        public var organization: String
        /// Every organisation that reported this policy in the window.
        public var organizations: [String]
        /// Whether at least two organisations reported it.
        public var isCorroborated: Bool

        /// ``mode`` when it is one RFC 8461 defines; `nil` for a missing or unknown value.
        public var knownMode: STSPolicy.Mode? { mode.flatMap(STSPolicy.Mode.init(rawValue:)) }
    }

    /// An `mx` pattern only one reporting organisation claims.
    public struct UnconfirmedPattern: Sendable, Equatable {
        public var pattern: String
        public var organization: String
        /// The last day a report of that organisation listed it.
        public var lastSeenDay: Int64
    }
}

/// The four verdicts, each with its own exit status.
public enum ReadinessVerdict: String, Sendable, Equatable, CaseIterable {
    case ready
    case notReady = "not-ready"
    case insufficientData = "insufficient-data"
    case enforced

    /// The documented exit status of `tlsrpt readiness` for this verdict.
    public var exitStatus: Int32 {
        switch self {
        case .ready: 0
        case .notReady: 10
        case .insufficientData: 11
        case .enforced: 12
        }
    }
}

/// One check of the readiness analysis.
public struct ReadinessCheck: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable {
        case pass, warn, fail
    }

    /// Which check it is; its raw value (`certificates`, `tls-failures`…) is the stable
    /// identifier the text and JSON outputs print.
    public enum Identifier: String, Sendable, Equatable, CaseIterable, CustomStringConvertible {
        case data
        case policyVisible = "policy-visible"
        case policyMode = "policy-mode"
        case certificates
        case mxCoverage = "mx-coverage"
        case tlsFailures = "tls-failures"
        case policyFetch = "policy-fetch"
        case reporters
        case dane
        case maximumAge = "max-age"
        case counters

        /// The raw value, so that `"\(check.id)"` prints `mx-coverage`, not `mxCoverage`.
        public var description: String { rawValue }
    }

    public var id: Identifier
    public var status: Status
    /// What was found, in one or two sentences.
    public var message: String
    /// What to do about it (empty for a pass).
    public var remedy: String
    /// The figures behind the message.
    public var evidence: [Evidence]

    public init(id: Identifier, status: Status, message: String, remedy: String = "", evidence: [Evidence] = []) {
        self.id = id
        self.status = status
        self.message = message
        self.remedy = remedy
        self.evidence = evidence
    }
}

/// One named figure behind a check: a count, a rate, a day, or a list of names.
public struct Evidence: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        /// A number of things (sessions, days, reports): written `34,755` for people.
        case count(Int64)
        /// A duration copied from a policy (`max_age`): written as the policy writes it.
        case seconds(Int64)
        case rate(Double)
        case day(Int64)
        case text(String)
        case list([String])
    }

    public var name: String
    public var value: Value

    public init(_ name: String, _ value: Value) {
        self.name = name
        self.value = value
    }
}
