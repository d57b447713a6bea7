/// An MTA-STS policy file (RFC 8461 §3.2).
public struct STSPolicy: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable {
        case enforce, testing, none
    }

    public var mode: Mode
    /// `mx` patterns, each a host name or `*.` followed by one.
    public var mxPatterns: [String]
    /// `max_age` in seconds, 0…31557600.
    public var maximumAge: Int64

    /// The largest `max_age` RFC 8461 allows: 365.25 days.
    public static let maximumAllowedAge: Int64 = 31_557_600

    public init(mode: Mode, mxPatterns: [String], maximumAge: Int64) {
        self.mode = mode
        self.mxPatterns = mxPatterns
        self.maximumAge = maximumAge
    }

    /// The file as RFC 8461 §3.2 wants it: `version` first, one `mx:` line per pattern, CRLF endings.
    public var fileText: String {
        var lines = ["version: STSv1", "mode: \(mode.rawValue)"]
        lines += mxPatterns.map { "mx: \($0)" }
        lines.append("max_age: \(maximumAge)")
        return lines.map { $0 + "\r\n" }.joined()
    }

    /// Whether `pattern` is a valid `mx` value: an LDH domain of at least two labels whose last
    /// label is not all digits (so not an IPv4 address), optionally preceded by `*.` (the only
    /// wildcard allowed).
    public static func isValidPattern(_ pattern: String) -> Bool {
        var name = Substring(pattern)
        if name.hasPrefix("*.") { name = name.dropFirst(2) }
        guard !name.isEmpty, name.utf8.count <= 253, !name.hasSuffix(".") else { return false }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, !looksLikeIPAddress(String(name)) else { return false }
        // A top-level label is never all digits (RFC 3696 §2), so 192.0.2.1 is no host name.
        guard let top = labels.last, !top.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    /// Whether `text` is written like an IPv4 address (digits and dots only) or an IPv6 address
    /// (hex digits and colons, or in brackets).
    static func looksLikeIPAddress(_ text: String) -> Bool {
        let dotted = text.split(separator: ".", omittingEmptySubsequences: false)
        if dotted.count == 4, dotted.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) { return true }
        let unbracketed = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        return unbracketed.contains(":") && unbracketed.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    }
}
