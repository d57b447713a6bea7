extension StringProtocol {
    /// The text without leading and trailing white space and line breaks (Unicode `White_Space`).
    ///
    /// Foundation's `trimmingCharacters(in:)` goes through `NSString` on Linux and showed up in
    /// ingest profiles; this stays in Swift's UTF-8 string storage.
    var trimmed: String {
        let scalars = unicodeScalars
        if let head = scalars.first, let tail = scalars.last, !head.properties.isWhitespace, !tail.properties.isWhitespace {
            return String(self)
        }
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[first...last])
        return result
    }
}
