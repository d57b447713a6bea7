import Foundation

/// A TLS-RPT report (RFC 8460 §4) after normalisation: every real-world quirk has been resolved,
/// so the rest of the library can rely on these fields.
///
/// Times are seconds since the Unix epoch, UTC. Domains are lowercase without a trailing dot.
public struct TLSReport: Sendable, Equatable {
    /// `organization-name`: who wrote the report.
    public var organizationName: String
    /// `report-id`: with ``organizationName``, what identifies the report.
    public var reportID: String
    /// `contact-info`, if the report gave one.
    public var contactInfo: String?
    /// `date-range.start-datetime`, seconds since the epoch.
    public var startTime: Int64
    /// `date-range.end-datetime`, seconds since the epoch.
    public var endTime: Int64
    /// `policies`, in report order; several entries may share a domain and type.
    public var policies: [Policy]

    /// The largest session count a report may carry in any counter: 10^12 (one trillion).
    ///
    /// A counter covers one policy for one day from one sender; the largest senders handle a few
    /// hundred billion messages a day in total, so anything above this is a broken or hostile
    /// report, rejected with the field named. At this bound, 9 million entries still add up
    /// exactly in an `Int64`; sums beyond that saturate (see `SaturatingSum.swift`).
    public static let maximumSessionCount: Int64 = 1_000_000_000_000

    /// One entry of `policies`: a policy a sender applied, with its session counts.
    public struct Policy: Sendable, Equatable {
        /// `policy-type`: `sts`, `tlsa`, `no-policy-found`, or an unknown value kept verbatim.
        public var policyType: PolicyType
        /// `policy-domain`, or the domain the input's provenance names when the report omitted it.
        public var policyDomain: String
        /// `policy-string` lines, trailing whitespace and `\r` removed; empty when absent.
        public var policyStrings: [String]
        /// `mx-host` patterns; for `sts` policies without them, the `mx:` lines of `policy-string`.
        public var mxHosts: [String]
        /// `summary.total-successful-session-count`.
        public var successfulSessionCount: Int64
        /// `summary.total-failure-session-count`.
        public var failedSessionCount: Int64
        /// `failure-details`, in report order.
        public var failureDetails: [FailureDetail]
    }

    /// One entry of `failure-details`. Optional fields are `nil` when absent, `null` or `""`.
    public struct FailureDetail: Sendable, Equatable {
        /// `result-type`, kept verbatim when it is not a registered value.
        public var resultType: String
        /// `sending-mta-ip`.
        public var sendingMTAIP: String?
        /// `receiving-mx-hostname` (or SocketLabs' misspelling `receiving-mx-host-name`).
        public var receivingMXHostname: String?
        /// `receiving-mx-helo`.
        public var receivingMXHelo: String?
        /// `receiving-ip`.
        public var receivingIP: String?
        /// `failed-session-count`.
        public var failedSessionCount: Int64
        /// `additional-information` (or the draft spelling `additional-info-uri`).
        public var additionalInformation: String?
        /// `failure-reason-code` (or the draft spelling `failure-error-code`).
        public var failureReasonCode: String?
    }
}

extension TLSReport.Policy {
    /// The value of the first `mode:` line of an `sts` policy string, lowercased.
    public var stsMode: String? { PolicyLines.value(of: "mode", in: policyStrings)?.lowercased() }

    /// The value of the `max_age:` line of an `sts` policy string, when it is a number.
    public var stsMaximumAge: Int64? { PolicyLines.value(of: "max_age", in: policyStrings).flatMap { Int64($0) } }
}

/// Reads `key: value` lines of an MTA-STS policy as reporters copy them into `policy-string`.
enum PolicyLines {
    /// The trimmed value of the first line whose key is `key` (case-insensitive).
    static func value(of key: String, in lines: [String]) -> String? {
        values(of: key, in: lines).first
    }

    /// The trimmed values of every line whose key is `key` (case-insensitive), in order.
    static func values(of key: String, in lines: [String]) -> [String] {
        lines.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = line[..<colon].trimmed
            guard name.caseInsensitiveCompare(key) == .orderedSame else { return nil }
            let value = line[line.index(after: colon)...].trimmed
            return value.isEmpty ? nil : value
        }
    }
}
