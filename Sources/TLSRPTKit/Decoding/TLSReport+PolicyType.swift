extension TLSReport {
    /// `policy-type` of a policy entry (RFC 8460 §4.4): `sts`, `tlsa`, `no-policy-found`, or a
    /// value the RFC does not register, kept verbatim (lowercased) as ``other(_:)``, the way
    /// swift-nio's `HTTPMethod` keeps unknown methods.
    public enum PolicyType: Sendable, Hashable, CustomStringConvertible {
        case sts
        case tlsa
        case noPolicyFound
        case other(String)

        /// The type named by `text` (already trimmed and lowercased by the normaliser).
        public init(_ text: String) {
            switch text {
            case "sts": self = .sts
            case "tlsa": self = .tlsa
            case "no-policy-found": self = .noPolicyFound
            default: self = .other(text)
            }
        }

        /// The text the report and the store hold.
        public var rawValue: String {
            switch self {
            case .sts: "sts"
            case .tlsa: "tlsa"
            case .noPolicyFound: "no-policy-found"
            case .other(let text): text
            }
        }

        public var description: String { rawValue }
    }
}
