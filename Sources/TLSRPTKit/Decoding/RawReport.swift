import Foundation

/// The JSON of a TLS-RPT report exactly as a sender wrote it, decoded leniently.
///
/// Field types follow what real senders send rather than what RFC 8460 says (see
/// `quirks.md`): lists may be a bare string, `null` or missing; counts may be strings of digits or
/// missing; strings may be `null`. What cannot be a report at all still throws, with the coding
/// path saying where. ``ReportNormalizer`` turns this into a ``TLSReport``.
struct RawReport: Decodable, Sendable {
    var organizationName: String?
    var startDatetime: String?
    var endDatetime: String?
    var hasDateRange: Bool
    var contactInfo: String?
    var reportID: String?
    var policies: [RawPolicy]?

    private enum CodingKeys: String, CodingKey {
        case organizationName = "organization-name"
        case dateRange = "date-range"
        case contactInfo = "contact-info"
        case reportID = "report-id"
        case policies
    }

    private enum DateRangeKeys: String, CodingKey {
        case start = "start-datetime"
        case end = "end-datetime"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        organizationName = try container.lenientText(.organizationName)
        contactInfo = try container.lenientText(.contactInfo)
        reportID = try container.lenientText(.reportID)
        if container.contains(.dateRange), try !container.decodeNil(forKey: .dateRange) {
            let range = try container.nestedContainer(keyedBy: DateRangeKeys.self, forKey: .dateRange)
            startDatetime = try range.lenientText(.start)
            endDatetime = try range.lenientText(.end)
            hasDateRange = true
        } else {
            hasDateRange = false
        }
        if container.contains(.policies), try !container.decodeNil(forKey: .policies) {
            policies = try container.decode([RawPolicy].self, forKey: .policies)
        }
    }
}

/// One `policies[]` entry as sent.
struct RawPolicy: Decodable, Sendable {
    var policyType: String?
    var policyStrings: [String]
    var policyDomain: String?
    var mxHosts: [String]
    var successfulSessionCount: Int64
    var failedSessionCount: Int64
    var failureDetails: [RawFailureDetail]

    private enum CodingKeys: String, CodingKey {
        case policy, summary
        case failureDetails = "failure-details"
    }

    private enum PolicyKeys: String, CodingKey {
        case policyType = "policy-type"
        case policyString = "policy-string"
        case policyDomain = "policy-domain"
        case mxHost = "mx-host"
        case mxHostPattern = "mx-host-pattern"
    }

    private enum SummaryKeys: String, CodingKey {
        case successful = "total-successful-session-count"
        case failed = "total-failure-session-count"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.policy), try !container.decodeNil(forKey: .policy) {
            let policy = try container.nestedContainer(keyedBy: PolicyKeys.self, forKey: .policy)
            policyType = try policy.lenientText(.policyType)
            policyStrings = try policy.lenientTextList(.policyString)
            policyDomain = try policy.lenientText(.policyDomain)
            let hosts = try policy.lenientTextList(.mxHost)
            mxHosts = hosts.isEmpty ? try policy.lenientTextList(.mxHostPattern) : hosts
        } else {
            throw DecodingError.keyNotFound(
                CodingKeys.policy,
                .init(codingPath: decoder.codingPath, debugDescription: "the policy entry has no \"policy\" object")
            )
        }
        if container.contains(.summary), try !container.decodeNil(forKey: .summary) {
            let summary = try container.nestedContainer(keyedBy: SummaryKeys.self, forKey: .summary)
            successfulSessionCount = try summary.lenientCount(.successful)
            failedSessionCount = try summary.lenientCount(.failed)
        } else {
            successfulSessionCount = 0
            failedSessionCount = 0
        }
        if container.contains(.failureDetails), try !container.decodeNil(forKey: .failureDetails) {
            failureDetails = try container.decode([RawFailureDetail].self, forKey: .failureDetails)
        } else {
            failureDetails = []
        }
    }
}

/// One `failure-details[]` entry as sent, with draft and misspelled keys accepted as aliases.
struct RawFailureDetail: Decodable, Sendable {
    var resultType: String?
    var sendingMTAIP: String?
    var receivingMXHostname: String?
    var receivingMXHelo: String?
    var receivingIP: String?
    var failedSessionCount: Int64
    var additionalInformation: String?
    var failureReasonCode: String?

    private enum CodingKeys: String, CodingKey {
        case resultType = "result-type"
        case sendingMTAIP = "sending-mta-ip"
        case receivingMXHostname = "receiving-mx-hostname"
        case receivingMXHostnameMisspelled = "receiving-mx-host-name"
        case receivingMXHelo = "receiving-mx-helo"
        case receivingIP = "receiving-ip"
        case failedSessionCount = "failed-session-count"
        case additionalInformation = "additional-information"
        case additionalInformationDraft = "additional-info-uri"
        case failureReasonCode = "failure-reason-code"
        case failureReasonCodeDraft = "failure-error-code"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        resultType = try container.lenientText(.resultType)
        sendingMTAIP = try container.lenientText(.sendingMTAIP)
        receivingMXHostname = try container.lenientText(.receivingMXHostname)
            ?? container.lenientText(.receivingMXHostnameMisspelled)
        receivingMXHelo = try container.lenientText(.receivingMXHelo)
        receivingIP = try container.lenientText(.receivingIP)
        failedSessionCount = try container.lenientCount(.failedSessionCount)
        additionalInformation = try container.lenientText(.additionalInformation)
            ?? container.lenientText(.additionalInformationDraft)
        failureReasonCode = try container.lenientText(.failureReasonCode)
            ?? container.lenientText(.failureReasonCodeDraft)
    }
}
