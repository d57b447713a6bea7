/// The JSON of a TLS-RPT report exactly as a sender wrote it, read leniently.
///
/// Field types follow what real senders send rather than what RFC 8460 says (see
/// `quirks.md`): lists may be a bare string, `null` or missing; counts may be strings of digits or
/// missing; strings may be `null` or `""`; draft and misspelled keys are aliases. What cannot be a
/// report at all throws a ``ReportRejection`` whose sentence names the JSON path.
/// ``ReportNormalizer`` turns this into a ``TLSReport``.
struct RawReport: Sendable {
    var organizationName: String?
    var startDatetime: String?
    var endDatetime: String?
    var hasDateRange: Bool
    var contactInfo: String?
    var reportID: String?
    var policies: [RawPolicy]?

    init(_ json: JSONValue) throws(ReportRejection) {
        guard case .object = json else { throw ReportRejection(reason: "not a TLS report: the JSON is not an object") }
        let reader = LenientReader(json, path: "")
        organizationName = try reader.text("organization-name")
        contactInfo = try reader.text("contact-info")
        reportID = try reader.text("report-id")
        if let range = try reader.object("date-range") {
            startDatetime = try range.text("start-datetime")
            endDatetime = try range.text("end-datetime")
            hasDateRange = true
        } else {
            hasDateRange = false
        }
        policies = try reader.array("policies")?.map { entry throws(ReportRejection) in try RawPolicy(entry) }
    }
}

/// One `policies[]` entry as sent.
struct RawPolicy: Sendable {
    var policyType: String?
    var policyStrings: [String]
    var policyDomain: String?
    var mxHosts: [String]
    var successfulSessionCount: Int64
    var failedSessionCount: Int64
    var failureDetails: [RawFailureDetail]

    init(_ reader: LenientReader) throws(ReportRejection) {
        guard let policy = try reader.object("policy") else {
            throw ReportRejection(reason: "\(reader.path) lacks \"policy\": the policy entry has no \"policy\" object")
        }
        policyType = try policy.text("policy-type")
        policyStrings = try policy.textList("policy-string")
        policyDomain = try policy.text("policy-domain")
        let hosts = try policy.textList("mx-host")
        mxHosts = hosts.isEmpty ? try policy.textList("mx-host-pattern") : hosts
        if let summary = try reader.object("summary") {
            successfulSessionCount = try summary.count("total-successful-session-count")
            failedSessionCount = try summary.count("total-failure-session-count")
        } else {
            successfulSessionCount = 0
            failedSessionCount = 0
        }
        failureDetails = try reader.array("failure-details")?.map { entry throws(ReportRejection) in
            try RawFailureDetail(entry)
        } ?? []
    }
}

/// One `failure-details[]` entry as sent, with draft and misspelled keys accepted as aliases.
struct RawFailureDetail: Sendable {
    var resultType: String?
    var sendingMTAIP: String?
    var receivingMXHostname: String?
    var receivingMXHelo: String?
    var receivingIP: String?
    var failedSessionCount: Int64
    var additionalInformation: String?
    var failureReasonCode: String?

    init(_ reader: LenientReader) throws(ReportRejection) {
        guard case .object = reader.value else {
            throw ReportRejection(reason: "\(reader.path) has the wrong type: expected an object")
        }
        resultType = try reader.text("result-type")
        sendingMTAIP = try reader.text("sending-mta-ip")
        receivingMXHostname = try reader.text("receiving-mx-hostname", alias: "receiving-mx-host-name")
        receivingMXHelo = try reader.text("receiving-mx-helo")
        receivingIP = try reader.text("receiving-ip")
        failedSessionCount = try reader.count("failed-session-count")
        additionalInformation = try reader.text("additional-information", alias: "additional-info-uri")
        failureReasonCode = try reader.text("failure-reason-code", alias: "failure-error-code")
    }
}

/// Reads members of a JSON object the lenient way, knowing its own path for error sentences.
struct LenientReader {
    let value: JSONValue
    /// Where `value` is, e.g. `policies[0].summary`; empty for the top level.
    let path: String

    init(_ value: JSONValue, path: String) {
        self.value = value
        self.path = path
    }

    func path(of key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// The member, or `nil` when it is missing or `null`.
    func member(_ key: String) -> JSONValue? {
        guard let member = value[key], member != .null else { return nil }
        return member
    }

    /// A string field: missing, `null` and `""` give `nil`; numbers and booleans are kept as text.
    func text(_ key: String) throws(ReportRejection) -> String? {
        guard let member = member(key) else { return nil }
        let text: String
        switch member {
        case .string(let string): text = string
        case .integer(let integer): text = String(integer)
        case .number(_, let written): text = written
        case .bool(let flag): text = String(flag)
        default: throw ReportRejection(reason: "\(path(of: key)) has the wrong type: expected a string")
        }
        return text.isEmpty ? nil : text
    }

    /// `text(key)`, or when that gives nothing, `text(alias)`: a draft or misspelled key.
    func text(_ key: String, alias: String) throws(ReportRejection) -> String? {
        if let value = try text(key) { return value }
        return try text(alias)
    }

    /// A list of strings: missing or `null` give `[]`, a bare string gives one element, and
    /// `null` or `""` elements are dropped.
    func textList(_ key: String) throws(ReportRejection) -> [String] {
        guard let member = member(key) else { return [] }
        switch member {
        case .string(let single):
            return single.isEmpty ? [] : [single]
        case .array(let elements):
            var result: [String] = []
            for element in elements {
                switch element {
                case .string(let string): if !string.isEmpty { result.append(string) }
                case .null: continue
                default:
                    throw ReportRejection(reason: "\(path(of: key)) has the wrong type: expected a string or an array of strings")
                }
            }
            return result
        default:
            throw ReportRejection(reason: "\(path(of: key)) has the wrong type: expected a string or an array of strings")
        }
    }

    /// A session count: missing or `null` give 0; a string of digits is read as a number; a
    /// negative, fractional or non-numeric value, or one above ``TLSReport/maximumSessionCount``,
    /// throws with the field named.
    func count(_ key: String) throws(ReportRejection) -> Int64 {
        guard let member = member(key) else { return 0 }
        func invalid(_ shown: String) -> ReportRejection {
            ReportRejection(reason: "\(path(of: key)) is \(shown); counts must be non-negative integers")
        }
        func tooLarge(_ shown: String) -> ReportRejection {
            ReportRejection(
                reason: "\(path(of: key)) is \(shown); counts above \(TLSReport.maximumSessionCount) sessions are not accepted")
        }
        let count: Int64
        switch member {
        case .integer(let integer):
            guard integer >= 0 else { throw invalid(String(integer)) }
            count = integer
        case .number(let number, let written):
            guard number >= 0, number.rounded() == number else { throw invalid(String(written.prefix(40))) }
            guard number <= Double(TLSReport.maximumSessionCount) else { throw tooLarge(String(written.prefix(40))) }
            count = Int64(number)
        case .string(let text):
            let digits = text.utf8.drop { $0 == 0x20 }.reversed().drop { $0 == 0x20 }.reversed()
            guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw invalid("\"\(text.prefix(40))\"")
            }
            // More digits than the maximum has cannot be in range (and would overflow).
            let significant = digits.drop { $0 == 0x30 }
            guard significant.count <= String(TLSReport.maximumSessionCount).utf8.count else {
                throw tooLarge("\"\(text.prefix(40))\"")
            }
            count = significant.reduce(0) { $0 * 10 + Int64($1 - 0x30) }
        default:
            throw invalid("not a number")
        }
        guard count <= TLSReport.maximumSessionCount else { throw tooLarge(String(count)) }
        return count
    }

    /// A nested object, or `nil` when missing or `null`.
    func object(_ key: String) throws(ReportRejection) -> LenientReader? {
        guard let member = member(key) else { return nil }
        guard case .object = member else {
            throw ReportRejection(reason: "\(path(of: key)) has the wrong type: expected an object")
        }
        return LenientReader(member, path: path(of: key))
    }

    /// The elements of an array member, each with its path, or `nil` when missing or `null`.
    func array(_ key: String) throws(ReportRejection) -> [LenientReader]? {
        guard let member = member(key) else { return nil }
        guard case .array(let elements) = member else {
            throw ReportRejection(reason: "\(path(of: key)) has the wrong type: expected an array")
        }
        let base = path(of: key)
        return elements.enumerated().map { LenientReader($1, path: "\(base)[\($0)]") }
    }
}
