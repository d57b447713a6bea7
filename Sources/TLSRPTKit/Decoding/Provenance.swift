import Foundation

/// Where a report came from: kept with it in the store, used to fill gaps in the report itself.
public struct Provenance: Sendable, Equatable {
    /// The path of the file (with `#offset` for a message inside an mbox), or `-` for standard input.
    public var source: String
    /// The `Message-ID` of the e-mail that carried the report.
    public var messageID: String?
    /// The `Date` header of that e-mail.
    public var messageDate: String?
    /// The `Subject` header of that e-mail.
    public var subject: String?
    /// The `TLS-Report-Domain` header (RFC 8460 §5.3).
    public var reportDomainHeader: String?
    /// The `TLS-Report-Submitter` header (RFC 8460 §5.3).
    public var submitterHeader: String?
    /// The attachment or file name, e.g. `google.com!example.com!1725321600!1725407999!001.json.gz`.
    public var fileName: String?
    /// When tlsrpt received the input, seconds since the epoch.
    public var receivedAt: Int64
    /// The address a report POSTed over HTTPS came from (`203.0.113.9`).
    public var remoteAddress: String?
    /// The `User-Agent` header of that request.
    public var userAgent: String?

    public init(
        source: String,
        messageID: String? = nil,
        messageDate: String? = nil,
        subject: String? = nil,
        reportDomainHeader: String? = nil,
        submitterHeader: String? = nil,
        fileName: String? = nil,
        receivedAt: Int64,
        remoteAddress: String? = nil,
        userAgent: String? = nil
    ) {
        self.source = source
        self.messageID = messageID
        self.messageDate = messageDate
        self.subject = subject
        self.reportDomainHeader = reportDomainHeader
        self.submitterHeader = submitterHeader
        self.fileName = fileName
        self.receivedAt = receivedAt
        self.remoteAddress = remoteAddress
        self.userAgent = userAgent
    }

    /// The policy domain named by the RFC 8460 §5.1 file name `submitter!domain!begin!end[!id].ext`.
    public var fileNameDomain: String? {
        guard let fileName else { return nil }
        let baseName = fileName.split(separator: "/").last.map(String.init) ?? fileName
        let fields = baseName.split(separator: "!", omittingEmptySubsequences: false)
        guard fields.count >= 4, !fields[1].isEmpty else { return nil }
        return DomainName.normalized(String(fields[1]))
    }
}

/// Normalisation of domain names written by reporters.
public enum DomainName {
    /// The longest domain name in its text form (RFC 1035: 255 octets on the wire, 253 characters
    /// without the trailing dot).
    public static let maximumLength = 253

    /// Lowercased, trimmed, without a trailing dot; `nil` when nothing is left.
    public static func normalized(_ text: String) -> String? {
        var name = text.trimmed.lowercased()
        while name.hasSuffix(".") { name.removeLast() }
        return name.isEmpty ? nil : name
    }
}
