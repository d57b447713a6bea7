/// Makes reporter-supplied text safe to print on a terminal.
///
/// Every string in a report was written by a stranger: an `organization-name` can carry ANSI
/// escape sequences that recolour, retitle or rewrite a terminal, and bidirectional overrides
/// that reorder what is shown. Control characters (C0, DEL, C1), bidi controls and invisible
/// zero-width characters (which hide what a string really holds, such as a byte-order mark) are replaced
/// by visible `\u{…}` escapes, so nothing reaches the terminal that it would interpret.
public enum TerminalText {
    /// `text` with every control character shown as `\u{HEX}`.
    public static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `text` without the control characters ``sanitized(_:)`` shows: for places that cannot show
    /// an escape, such as a metric's label value.
    public static func stripped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = ""
        result.unicodeScalars.append(contentsOf: text.unicodeScalars.filter { !isUnsafe($0) })
        return result
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true  // bidi marks, embeddings, overrides, isolates
        case 0x200B...0x200D, 0x2060, 0xFEFF: true  // zero-width spaces and joiners, word joiner, byte-order mark
        default: false
        }
    }
}
