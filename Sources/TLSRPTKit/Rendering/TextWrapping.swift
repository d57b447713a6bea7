/// Fitting text for people into a terminal width: lines broken at spaces, words wider than a line
/// (a long MX host or organisation name) split across lines rather than cut.
public enum TextWrapping {
    /// The width used when output is not a terminal.
    public static let defaultColumns = 80

    /// The narrowest width text is laid out for, whatever the terminal says.
    static let minimumColumns = 40

    /// `text` broken into lines of at most `columns` columns, with `firstIndent` before the first
    /// line and `indent` before the others; each line without a terminator.
    public static func wrapped(_ text: String, columns: Int, firstIndent: String = "", indent: String = "") -> [String]
    {
        SummaryTextLayout.wrapped(text, columns: max(minimumColumns, columns), firstIndent: firstIndent, indent: indent)
    }

    /// Every line of `text` wrapped, continuation lines indented by `indent`; ends in `\n`, unless
    /// `text` is empty (then so is the result).
    public static func wrappedLines(_ text: String, columns: Int, indent: String = "    ") -> String {
        guard !text.isEmpty else { return "" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0).map {
            line -> String in
            // Keep a line's own leading spaces as its first indent.
            let leading = String(line.prefix { $0 == " " })
            return wrapped(
                String(line.dropFirst(leading.count)), columns: columns, firstIndent: leading, indent: leading + indent
            )
            .joined(separator: "\n")
        }.joined(separator: "\n") + "\n"
    }
}
