import Synchronization
import TLSRPTKit

/// Keeps the values of one metric label few and harmless, whatever reporters write.
///
/// A report's `policy-domain`, `organization-name`, `result-type` and `receiving-mx-hostname` are
/// chosen by whoever sends it, so a hostile reporter could make a series per report and exhaust
/// the memory of the server and of Prometheus. The first ``maximumValues`` distinct values get a
/// series each; later ones are counted under ``otherValue``. Control characters, bidi controls
/// and zero-width characters are removed (the exposition format escapes only `\`, `"` and line
/// feeds) and values are cut at ``maximumLength`` characters.
final class LabelLimiter: Sendable {
    /// The value every label value past the limit is counted under.
    static let otherValue = "other"
    /// The longest label value kept, in characters: the longest domain name (RFC 1035).
    static let maximumLength = 253

    /// How many distinct values get a series of their own.
    let maximumValues: Int
    private let admitted = Mutex(Set<String>())

    init(maximumValues: Int) {
        self.maximumValues = max(0, maximumValues)
    }

    /// The label value to count `value` under: the cleaned value when it is one of the first
    /// ``maximumValues``, ``otherValue`` otherwise.
    func label(for value: String) -> String {
        var cleaned = TerminalText.stripped(value)
        if cleaned.count > Self.maximumLength { cleaned = String(cleaned.prefix(Self.maximumLength)) }
        return admitted.withLock { admitted in
            if admitted.contains(cleaned) { return cleaned }
            guard admitted.count < maximumValues else { return Self.otherValue }
            admitted.insert(cleaned)
            return cleaned
        }
    }
}
