/// Everything to publish to move a domain to a new MTA-STS mode: the policy file, the DNS
/// records as zone-file lines, and the steps in the order that is safe (RFC 8461 §3.3, §8.3).
public struct PolicyPublication: Sendable, Equatable {
    public var domain: String
    public var policy: STSPolicy
    /// The new `id` of the `_mta-sts` TXT record.
    public var id: String
    /// The `rua` of the `_smtp._tls` record, when one was asked for.
    public var reportingAddress: String?
    /// The `max_age` of the policy being replaced, when known: a rollback must outlive it.
    public var previousMaximumAge: Int64?

    public init(domain: String, policy: STSPolicy, id: String, reportingAddress: String? = nil, previousMaximumAge: Int64? = nil) {
        self.domain = domain
        self.policy = policy
        self.id = id
        self.reportingAddress = reportingAddress
        self.previousMaximumAge = previousMaximumAge
    }

    /// Default `max_age` per mode: a month for enforce, a day for testing and none.
    public static func defaultMaximumAge(for mode: STSPolicy.Mode) -> Int64 {
        mode == .enforce ? 2_592_000 : 86_400
    }

    /// A new TXT `id`: the UTC time as `YYYYMMDDHHMMSS`, made different from `currentID`.
    public static func newID(at seconds: Int64, differentFrom currentID: String?) -> String {
        var candidate = seconds
        while true {
            let text = Timestamp.format(candidate).filter { $0.isNumber }
            if text != currentID { return text }
            candidate += 1
        }
    }

    /// Whether `id` is a valid `_mta-sts` id: 1–32 ASCII letters and digits.
    public static func isValidID(_ id: String) -> Bool {
        (1...32).contains(id.utf8.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// Whether `rua` is a TLSRPT reporting URI list of `mailto:` and `https:` URIs (RFC 8460 §3).
    public static func isValidReportingAddress(_ rua: String) -> Bool {
        let uris = rua.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return !uris.isEmpty && uris.allSatisfy { uri in
            (uri.hasPrefix("mailto:") && uri.count > 7 && uri.contains("@") || uri.hasPrefix("https://") && uri.count > 8)
                && !uri.contains(";") && !uri.contains("!") && !uri.contains(" ") && !uri.contains("\"")
                && uri.allSatisfy { $0.isASCII && !$0.isNewline }
        }
    }

    /// `_mta-sts.DOMAIN. IN TXT "v=STSv1; id=…;"` as a zone-file line.
    public var mtaSTSRecord: String { "_mta-sts.\(domain). 3600 IN TXT " + TXTRecordText.quoted("v=STSv1; id=\(id);") }

    /// `_smtp._tls.DOMAIN. IN TXT "v=TLSRPTv1; rua=…"` as a zone-file line, when a rua was given;
    /// a value over 255 octets is split into several quoted strings, which receivers join.
    public var tlsrptRecord: String? {
        reportingAddress.map { "_smtp._tls.\(domain). 3600 IN TXT " + TXTRecordText.quoted("v=TLSRPTv1; rua=\($0)") }
    }

    /// Where the policy file must be served.
    public var policyURL: String { "https://mta-sts.\(domain)/.well-known/mta-sts.txt" }

    /// The zone snippet: the records with a comment line.
    public var zoneSnippet: String {
        var lines = ["; MTA-STS \(policy.mode.rawValue) for \(domain), made by tlsrpt", mtaSTSRecord]
        if let tlsrptRecord { lines.append(tlsrptRecord) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The publishing steps, in order.
    public var checklist: [String] {
        var steps = [
            "Serve the new policy file at \(policyURL) over HTTPS with a valid certificate for mta-sts.\(domain), as Content-Type: text/plain.",
            "Check it: curl -sS \(policyURL) | tlsrpt policy check -",
            "Only then update the _mta-sts TXT record to the new id (\(id)); the reverse order lets senders cache the old file under the new id.",
        ]
        if tlsrptRecord != nil { steps.append("Publish the _smtp._tls TXT record so reports keep coming.") }
        switch policy.mode {
        case .enforce:
            steps.append("Keep reading the reports: under enforce, failing sessions are refused. Run tlsrpt readiness \(domain) daily.")
        case .testing:
            steps.append("Collect reports for a few weeks, then run tlsrpt readiness \(domain).")
        case .none:
            let previous = previousMaximumAge.map { "\($0) s" } ?? "the old policy's max_age"
            steps.append("Keep serving this mode: none policy for at least \(previous) after the new id is published, so every cached policy expires; only then remove the TXT record and the HTTPS endpoint.")
        }
        return steps
    }
}
