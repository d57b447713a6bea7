extension TLSReport {
    /// Writes the report as one normalised RFC 8460 JSON object (the export format, without
    /// provenance): `mx-host` always an array, `policy-string` an array of strings, counts as
    /// integers, UTC dates, absent optional fields omitted.
    func write(to writer: inout JSONWriter, closing: Bool = true) {
        writer.beginObject()
        writer.string("organization-name", organizationName)
        writer.beginObject("date-range")
        writer.string("start-datetime", Timestamp.format(startTime))
        writer.string("end-datetime", Timestamp.format(endTime))
        writer.endObject()
        writer.string("contact-info", contactInfo)
        writer.string("report-id", reportID)
        writer.beginArray("policies")
        for policy in policies {
            writer.beginObject()
            writer.beginObject("policy")
            writer.string("policy-type", policy.policyType.rawValue)
            writer.strings("policy-string", policy.policyStrings)
            writer.string("policy-domain", policy.policyDomain.isEmpty ? nil : policy.policyDomain)
            writer.strings("mx-host", policy.mxHosts)
            writer.endObject()
            writer.beginObject("summary")
            writer.integer("total-successful-session-count", policy.successfulSessionCount)
            writer.integer("total-failure-session-count", policy.failedSessionCount)
            writer.endObject()
            writer.beginArray("failure-details")
            for detail in policy.failureDetails {
                writer.beginObject()
                writer.string("result-type", detail.resultType)
                writer.string("sending-mta-ip", detail.sendingMTAIP)
                writer.string("receiving-mx-hostname", detail.receivingMXHostname)
                writer.string("receiving-mx-helo", detail.receivingMXHelo)
                writer.string("receiving-ip", detail.receivingIP)
                writer.integer("failed-session-count", detail.failedSessionCount)
                writer.string("additional-information", detail.additionalInformation)
                writer.string("failure-reason-code", detail.failureReasonCode)
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        if closing { writer.endObject() }
    }

    /// A 64-bit FNV-1a hash of every normalised field, used to tell a true duplicate (same
    /// organisation, report-id and content) from a conflict (same key, different content).
    ///
    /// Stored with each report: changing how it is computed makes re-ingested reports conflict
    /// with the stored ones, so it needs a migration that recomputes the stored values.
    public var fingerprint: UInt64 {
        var hash = FNV1a.offsetBasis
        func field(_ text: String?) {
            hash = FNV1a.hash(text ?? "\u{0}", continuing: hash)
            hash = FNV1a.hash(CollectionOfOne(0x1F), continuing: hash)
        }
        func number(_ value: Int64) {
            hash = FNV1a.hash(decimal: value, continuing: hash)
            hash = FNV1a.hash(CollectionOfOne(0x1F), continuing: hash)
        }
        field(organizationName)
        field(reportID)
        field(contactInfo)
        number(startTime)
        number(endTime)
        for policy in policies {
            field("policy")
            field(policy.policyType.rawValue)
            field(policy.policyDomain)
            for line in policy.policyStrings { field(line) }
            field("mx")
            for host in policy.mxHosts { field(host) }
            number(policy.successfulSessionCount)
            number(policy.failedSessionCount)
            for detail in policy.failureDetails {
                field("detail")
                field(detail.resultType)
                field(detail.sendingMTAIP)
                field(detail.receivingMXHostname)
                field(detail.receivingMXHelo)
                field(detail.receivingIP)
                number(detail.failedSessionCount)
                field(detail.additionalInformation)
                field(detail.failureReasonCode)
            }
        }
        return hash
    }
}

extension TLSReport {
    /// FNV-1a of `organization-name`, NUL, `report-id`: the store's lookup key for deduplication.
    public var keyHash: UInt64 {
        FNV1a.hash(reportID, continuing: FNV1a.hash(CollectionOfOne(0), continuing: FNV1a.hash(organizationName)))
    }
}
