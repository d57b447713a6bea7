import Foundation

/// Turns the JSON bytes of one report into a ``TLSReport``, or says in one sentence why they are
/// not a report.
///
/// This is where every deviation listed in `quirks.md` is resolved: missing or bare-string
/// `mx-host`, `policy-string` lines with `\r`, Microsoft's JSON-encoded TLSA strings, missing
/// `policy-domain` (taken from the e-mail headers, the file name, or the report-id), datetimes
/// without a zone, counters sent as strings, `""` for absent fields, upper-case domains with
/// trailing dots, IPv6 addresses spelt in other ways than RFC 5952's (``IPAddressText``).
struct ReportNormalizer: Sendable {
    /// Longest `receiving-mx-helo` kept; Postfix may send a whole multi-line EHLO reply.
    static let maximumHeloLength = 1024

    /// Decodes and normalises `json`.
    /// - Throws: ``ReportRejection`` when the bytes are not JSON or not a TLS-RPT report.
    func normalize(json: [UInt8], provenance: Provenance) throws(ReportRejection) -> TLSReport {
        let document: JSONValue
        do {
            document = try JSONValue.parse(json)
        } catch {
            throw ReportRejection(.badJSON, reason: "not JSON: \(error.message) at byte \(error.offset)")
        }
        let raw = try RawReport(document)
        return try normalize(raw, provenance: provenance)
    }

    func normalize(_ raw: RawReport, provenance: Provenance) throws(ReportRejection) -> TLSReport {
        guard raw.organizationName != nil || raw.reportID != nil else {
            throw ReportRejection(.notAReport, reason: "not a TLS report: the JSON has neither \"organization-name\" nor \"report-id\"")
        }
        guard let rawPolicies = raw.policies else {
            throw ReportRejection(.notAReport, reason: "not a TLS report: the JSON has no \"policies\" array")
        }
        guard raw.hasDateRange else {
            throw ReportRejection(reason: "the report has no \"date-range\"")
        }
        let startTime = try Self.time(raw.startDatetime, field: "date-range.start-datetime")
        let endTime = try Self.time(raw.endDatetime, field: "date-range.end-datetime")
        let organizationName =
            raw.organizationName
            ?? raw.contactInfo.flatMap(Self.emailDomain)
            ?? provenance.submitterHeader
            ?? "unknown"

        var policies: [TLSReport.Policy] = []
        policies.reserveCapacity(rawPolicies.count)
        for (index, rawPolicy) in rawPolicies.enumerated() {
            policies.append(
                try normalize(rawPolicy, at: index, report: raw, siblings: rawPolicies, provenance: provenance)
            )
        }
        var report = TLSReport(
            organizationName: organizationName,
            reportID: raw.reportID ?? "",
            contactInfo: raw.contactInfo,
            startTime: startTime,
            endTime: endTime,
            policies: policies
        )
        if raw.reportID == nil {
            report.reportID = "x-tlsrpt-" + String(report.fingerprint, radix: 16)
        }
        return report
    }

    private func normalize(
        _ raw: RawPolicy,
        at index: Int,
        report: RawReport,
        siblings: [RawPolicy],
        provenance: Provenance
    ) throws(ReportRejection) -> TLSReport.Policy {
        guard let rawType = raw.policyType else {
            throw ReportRejection(reason: "policies[\(index)].policy has no \"policy-type\"")
        }
        let policyType = TLSReport.PolicyType(rawType.trimmed.lowercased())
        let policyDomain =
            raw.policyDomain.flatMap(DomainName.normalized)
            ?? provenance.reportDomainHeader.flatMap(DomainName.normalized)
            ?? provenance.fileNameDomain
            ?? siblings.lazy.compactMap { $0.policyDomain.flatMap(DomainName.normalized) }.first
            ?? report.reportID.flatMap(Self.reportIDDomain)
            ?? ""
        // A domain is at most 253 characters: a longer one is no domain, and would be a key of
        // every summary, label and page.
        if policyDomain.utf8.count > DomainName.maximumLength {
            throw ReportRejection(
                reason: "policies[\(index)].policy.policy-domain is \(policyDomain.utf8.count) characters long; "
                    + "a domain name has at most \(DomainName.maximumLength)")
        }

        var policyStrings: [String] = []
        for line in raw.policyStrings {
            if policyType == .tlsa, line.hasPrefix("["), let decoded = JSONValue.stringArray(line) {
                policyStrings.append(contentsOf: decoded.map(Self.trimmingLineEnd))
            } else {
                policyStrings.append(Self.trimmingLineEnd(line))
            }
        }
        // A line of white space only is no line (as an empty one is): kept, it would vanish when
        // the exported report is read again (found by Fuzz/report).
        policyStrings.removeAll { $0.isEmpty }
        var mxHosts = raw.mxHosts.compactMap(DomainName.normalized)
        if mxHosts.isEmpty, policyType == .sts {
            mxHosts = PolicyLines.values(of: "mx", in: policyStrings).compactMap(DomainName.normalized)
        }

        var details: [TLSReport.FailureDetail] = []
        details.reserveCapacity(raw.failureDetails.count)
        for (detailIndex, detail) in raw.failureDetails.enumerated() {
            guard let resultType = detail.resultType?.trimmed,
                !resultType.isEmpty
            else {
                throw ReportRejection(
                    reason: "policies[\(index)].failure-details[\(detailIndex)] has no \"result-type\""
                )
            }
            details.append(
                TLSReport.FailureDetail(
                    resultType: resultType,
                    sendingMTAIP: detail.sendingMTAIP.flatMap(Self.trimmedOrNil).map(IPAddressText.normalized),
                    receivingMXHostname: detail.receivingMXHostname.flatMap(DomainName.normalized),
                    receivingMXHelo: detail.receivingMXHelo.map { String($0.prefix(Self.maximumHeloLength)) },
                    receivingIP: detail.receivingIP.flatMap(Self.trimmedOrNil).map(IPAddressText.normalized),
                    failedSessionCount: detail.failedSessionCount,
                    additionalInformation: detail.additionalInformation,
                    failureReasonCode: detail.failureReasonCode
                )
            )
        }
        return TLSReport.Policy(
            policyType: policyType,
            policyDomain: policyDomain,
            policyStrings: policyStrings,
            mxHosts: mxHosts,
            successfulSessionCount: raw.successfulSessionCount,
            failedSessionCount: raw.failedSessionCount,
            failureDetails: details
        )
    }

    private static func time(_ text: String?, field: String) throws(ReportRejection) -> Int64 {
        guard let text else { throw ReportRejection(reason: "the report has no \"\(field)\"") }
        guard let seconds = Timestamp.parse(text) else {
            throw ReportRejection(reason: "\(field) \"\(text.prefix(64))\" is not an RFC 3339 date-time")
        }
        return seconds
    }

    private static func trimmingLineEnd(_ line: String) -> String {
        line.trimmed
    }

    private static func trimmedOrNil(_ text: String) -> String? {
        let trimmed = text.trimmed
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The domain of `user@domain`, or of a `mailto:` URI.
    private static func emailDomain(_ address: String) -> String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        return DomainName.normalized(String(address[address.index(after: at)...]))
    }

    /// The domain at the end of Google's (`…Z_example.com`) and Microsoft's (`digits+example.com`) report-ids.
    private static func reportIDDomain(_ reportID: String) -> String? {
        guard let separator = reportID.lastIndex(where: { $0 == "_" || $0 == "+" }) else { return nil }
        let candidate = reportID[reportID.index(after: separator)...]
        guard candidate.contains("."),
            candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") })
        else { return nil }
        return DomainName.normalized(String(candidate))
    }
}
