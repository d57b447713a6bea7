import Foundation

/// MX host matching of RFC 8461 §4.1.
///
/// A literal pattern matches only the same name; `*.suffix` matches a name made of exactly one
/// label followed by `.suffix` (`*.example.com` matches `mx.example.com`, not `example.com` nor
/// `a.b.example.com`). Comparison ignores ASCII case and one trailing dot on either side.
public enum MXPattern {
    /// Whether `host` is matched by `pattern`.
    public static func matches(_ pattern: String, host: String) -> Bool {
        let pattern = normalized(pattern)
        let host = normalized(host)
        guard !pattern.isEmpty, !host.isEmpty else { return false }
        if pattern.hasPrefix("*.") {
            let suffix = pattern.dropFirst(2)
            guard let firstDot = host.firstIndex(of: ".") else { return false }
            let label = host[..<firstDot]
            return !label.isEmpty && !label.contains("*") && host[host.index(after: firstDot)...] == suffix
        }
        return pattern == host
    }

    /// Whether any of `patterns` matches `host`.
    public static func matchesAny(_ patterns: [String], host: String) -> Bool {
        patterns.contains { matches($0, host: host) }
    }

    static func normalized(_ name: String) -> String {
        var text = name.trimmingCharacters(in: .whitespaces).lowercased()
        if text.lowercased().hasPrefix("mx:") { text = String(text.dropFirst(3)).trimmingCharacters(in: .whitespaces) }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
