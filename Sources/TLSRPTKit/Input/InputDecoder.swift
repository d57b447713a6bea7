import Foundation

/// Turns the bytes of one input — a report file, an e-mail message — into decoded reports.
///
/// Pure and thread-safe: the ingester runs one decoder per core.
struct InputDecoder: Sendable {
    /// The largest decompressed report accepted (a gzip bomb stops here).
    var maximumReportSize: Int
    /// Normalises the JSON of each report.
    var normalizer = ReportNormalizer()

    /// What one input held.
    enum Outcome: Sendable {
        /// Reports, or inputs that claimed to be reports and were rejected.
        case inputs([DecodedInput])
        /// A message or file that carries no TLS report (a DMARC report, a bounce): skipped.
        case noReport
    }

    /// Decodes a standalone input (a file or standard input) of any supported form except mbox.
    /// - Parameter claimsReport: the input came where only reports are sent (an HTTP report
    ///   endpoint): whatever it holds, it is a report or a reject, never "without a report".
    func decodeInput(_ bytes: [UInt8], provenance: Provenance, claimsReport: Bool = false) -> Outcome {
        let namedLikeReport = claimsReport || Self.hasReportName(provenance.fileName)
        switch ContentSniffer.kind(of: bytes) {
        case .message, .mbox:
            let outcome = decodeMessage(bytes, source: provenance.source, receivedAt: provenance.receivedAt)
            guard claimsReport, case .noReport = outcome else { return outcome }
            return .inputs([rejected(bytes, provenance, .notAReport, "not a report: an e-mail message without a TLS report")])
        case .xml:
            // A DMARC report is not ours; an HTML error page saved as `….json.gz` is a failed report.
            guard namedLikeReport else { return .noReport }
            return .inputs([rejected(bytes, provenance, .notAReport, ContentSniffer.mismatchReason(bytes, fileName: provenance.fileName))])
        case .gzip, .json:
            return decodePayload(bytes, provenance: provenance, claimedReport: true).map { .inputs([$0]) } ?? .noReport
        case .empty:
            return .inputs([rejected(bytes, provenance, .empty, "the input is empty")])
        case .zip:
            return .inputs([rejected(bytes, provenance, .notAReport, "zip archives are not supported; unzip the report first")])
        case .unknown:
            // A README or a list in a reports folder is not a failed report; a binary blob, or a
            // file named like a report, is.
            if namedLikeReport {
                return .inputs([rejected(bytes, provenance, .notAReport, ContentSniffer.mismatchReason(bytes, fileName: provenance.fileName))])
            }
            if Self.isPlainText(bytes) { return .noReport }
            return .inputs([
                rejected(bytes, provenance, .notAReport, "not a report: the input is neither JSON, gzip nor an e-mail message")
            ])
        }
    }

    /// Decodes a report payload (gzip or JSON). Returns `nil` when the payload turns out to be
    /// something other than a TLS report (an XML DMARC report) and was not claimed to be one.
    func decodePayload(_ bytes: [UInt8], provenance: Provenance, claimedReport: Bool) -> DecodedInput? {
        var json = bytes
        if Inflater.isGzip(bytes) {
            do {
                json = try Inflater(limit: maximumReportSize).inflate(bytes)
            } catch {
                return rejected(bytes, provenance, Self.kind(of: error), Self.describe(error))
            }
        } else if bytes.count > maximumReportSize {
            return rejected(bytes, provenance, .tooLarge, "the report is larger than \(maximumReportSize >> 20) MiB")
        }
        switch ContentSniffer.kind(of: json) {
        case .json:
            break
        case .xml where !claimedReport:
            return nil
        case .empty:
            return rejected(bytes, provenance, .empty, "the report is empty")
        default:
            if !claimedReport { return nil }
            return rejected(bytes, provenance, .notAReport, "not a report: the content is not JSON")
        }
        do throws(ReportRejection) {
            let report = try normalizer.normalize(json: json, provenance: provenance)
            return DecodedInput(provenance: provenance, original: bytes, reportJSON: json, outcome: .success(report))
        } catch {
            return DecodedInput(provenance: provenance, original: bytes, outcome: .failure(error))
        }
    }

    /// Decodes an RFC 5322 message: every attachment that holds (or claims to hold) a TLS report.
    func decodeMessage(_ bytes: [UInt8], source: String, receivedAt: Int64) -> Outcome {
        var messageBytes = bytes
        if messageBytes.starts(with: Array("From ".utf8)), let newline = messageBytes.firstIndex(of: 0x0A) {
            messageBytes.removeSubrange(...newline)  // a single message saved with its mbox separator
        }
        let (message, exceededLimit) = MIMEEntity.parseReportingLimits(messageBytes)
        let headers = message.headers
        if let exceededLimit {
            // What lies past the limit was not read: the whole message is kept as a reject.
            let provenance = Provenance(
                source: source, messageID: headers["message-id"].map(Self.trimmedMessageID), messageDate: headers["date"],
                subject: headers.decoded("subject"), reportDomainHeader: headers["tls-report-domain"],
                submitterHeader: headers["tls-report-submitter"], receivedAt: receivedAt)
            return .inputs([rejected(bytes, provenance, .tooLarge, exceededLimit)])
        }
        var inputs: [DecodedInput] = []
        for part in message.leaves() {
            guard let claim = Self.reportClaim(of: part) else { continue }
            let provenance = Provenance(
                source: source,
                messageID: headers["message-id"].map(Self.trimmedMessageID),
                messageDate: headers["date"],
                subject: headers.decoded("subject"),
                reportDomainHeader: headers["tls-report-domain"],
                submitterHeader: headers["tls-report-submitter"],
                fileName: part.fileName ?? part.headers["content-description"],
                receivedAt: receivedAt
            )
            if let input = decodePayload(part.body, provenance: provenance, claimedReport: claim == .explicit) {
                inputs.append(input)
            }
        }
        return inputs.isEmpty ? .noReport : .inputs(inputs)
    }

    /// How sure a MIME part is to be a TLS report.
    enum Claim { case explicit, possible }

    /// `explicit` for TLS-RPT media types and RFC 8460 file names; `possible` for generic
    /// gzip/JSON/binary attachments, which may as well be DMARC reports; `nil` for anything else.
    static func reportClaim(of part: MIMEEntity) -> Claim? {
        let type = part.mediaType
        let name = (part.fileName ?? "").lowercased()
        if type.hasPrefix("application/tlsrpt") { return .explicit }
        // RFC 8460 names end in .json or .json.gz; DMARC's (RFC 7489) also use "!" but end in .xml.gz.
        if name.contains("!"), name.hasSuffix(".json") || name.hasSuffix(".json.gz") { return .explicit }
        switch type {
        case "application/gzip", "application/x-gzip", "application/json", "application/octet-stream",
            "application/zip", "application/x-zip-compressed":
            return .possible
        default:
            if name.hasSuffix(".json") || name.hasSuffix(".json.gz") || name.hasSuffix(".gz") { return .possible }
            return nil
        }
    }

    /// Whether `bytes` is UTF-8 text without control characters other than tab and line breaks.
    static func isPlainText(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(8192)
        guard !sample.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D || $0 == 0x7F }) else {
            return false
        }
        var decoder = UTF8()
        var iterator = sample.makeIterator()
        var count = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: count += 1
            case .emptyInput: return true
            case .error: return sample.count == 8192 && count > 8000  // a multi-byte character cut at the end
            }
        }
    }

    /// Whether a file name says the file is a report (`.json`, `.gz`, an RFC 8460 `!` name), and
    /// not a DMARC report (`.xml`, `.xml.gz`, whose RFC 7489 names also use `!`).
    static func hasReportName(_ fileName: String?) -> Bool {
        guard let name = fileName?.lowercased() else { return false }
        if name.hasSuffix(".xml") || name.hasSuffix(".xml.gz") { return false }
        return name.hasSuffix(".json") || name.hasSuffix(".gz") || name.contains("!")
    }

    private func rejected(_ bytes: [UInt8], _ provenance: Provenance, _ kind: ReportRejection.Kind, _ reason: String)
        -> DecodedInput
    {
        DecodedInput(provenance: provenance, original: bytes, outcome: .failure(ReportRejection(kind, reason: reason)))
    }

    static func kind(of failure: Inflater.Failure) -> ReportRejection.Kind {
        switch failure {
        case .tooLarge: .tooLarge
        case .truncated, .corrupt: .badCompression
        }
    }

    static func describe(_ failure: Inflater.Failure) -> String {
        switch failure {
        case .tooLarge(let limit):
            "the report decompresses to more than \(limit >> 20) MiB (a gzip bomb?)"
        case .truncated:
            "the gzip data is truncated"
        case .corrupt(let detail):
            "the gzip data is corrupt: \(detail)"
        }
    }

    static func trimmedMessageID(_ value: String) -> String {
        var text = value.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("<"), text.hasSuffix(">") { text = String(text.dropFirst().dropLast()) }
        return text
    }
}
