import Foundation

/// Which request bodies the report endpoint takes, by their `Content-Type` and
/// `Content-Encoding`.
///
/// RFC 8460 §3 names `application/tlsrpt+gzip` and `application/tlsrpt+json`; reporters also send
/// `application/json`, `application/gzip`, `application/octet-stream`, `text/plain` or nothing at
/// all, or curl's default `application/x-www-form-urlencoded`. The body is sniffed whatever the
/// type says, as files are, so only types that cannot hold a report are refused: multipart
/// uploads, images, audio, video and fonts, and content encodings other than gzip (which sniffing
/// undoes).
enum ReportMediaType {
    /// Why a body with these headers cannot be used, or `nil` when it can.
    static func refusal(contentType: String?, contentEncoding: String?) -> String? {
        if let encoding = contentEncoding?.trimmingCharacters(in: .whitespaces).lowercased(), !encoding.isEmpty,
            !["gzip", "x-gzip", "identity"].contains(encoding)
        {
            return "Content-Encoding \(encoding) is not supported; send the report as application/tlsrpt+gzip"
        }
        guard let contentType else { return nil }
        let type = contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let refusedPrefixes = ["multipart/", "image/", "audio/", "video/", "font/"]
        guard refusedPrefixes.contains(where: type.hasPrefix) else { return nil }
        return "Content-Type \(type) cannot hold a report; send application/tlsrpt+gzip or application/tlsrpt+json"
    }
}
