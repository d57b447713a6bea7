/// Measuring, truncating and wrapping text for a fixed-width terminal.
///
/// Widths are terminal columns: one per `Character`, two for East Asian wide and full-width
/// characters and emoji (an approximation of Unicode's East Asian Width that errs on the wide
/// side). Every `Character` takes at least one column, so a line that fits in `n` columns also
/// has at most `n` characters.
enum SummaryTextLayout {
    /// The ellipsis that marks cut text.
    static let ellipsis: Character = "…"

    /// Columns `text` takes.
    static func width(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + width(of: $1) }
    }

    /// Columns `character` takes: 1 or 2.
    static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 1 }
        if first.value < 0x1100 { return 1 }
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }  // emoji presentation
        switch first.value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
            0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
            0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F5, 0x26FA, 0x26FD,
            0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797,
            0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
            0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x18AFF, 0x1B000...0x1B2FF, 0x1F004, 0x1F0CF,
            0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F2FF, 0x1F300...0x1F64F, 0x1F680...0x1F6FF,
            0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// `text` cut to at most `columns` columns, ending in "…" when cut.
    static func truncated(_ text: String, to columns: Int) -> String {
        guard width(text) > columns else { return text }
        guard columns > 0 else { return "" }
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = width(of: character)
            if used + characterWidth + 1 > columns { break }
            result.append(character)
            used += characterWidth
        }
        result.append(ellipsis)
        return result
    }

    /// `text` padded with spaces to `columns` columns, on the right (`alignRight` false) or left.
    static func padded(_ text: String, to columns: Int, alignRight: Bool) -> String {
        let padding = String(repeating: " ", count: max(0, columns - width(text)))
        return alignRight ? padding + text : text + padding
    }

    /// `text` broken into lines of at most `columns` columns at spaces, with `firstIndent` before
    /// the first line and `indent` before the others; words too long for a line are split.
    static func wrapped(_ text: String, columns: Int, firstIndent: String, indent: String) -> [String] {
        var lines: [String] = []
        var line = firstIndent
        var lineHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(word)
            while true {
                let available = columns - width(line) - (lineHasWord ? 1 : 0)
                if width(word) <= available {
                    line += (lineHasWord ? " " : "") + word
                    lineHasWord = true
                    break
                }
                if lineHasWord {
                    lines.append(line)
                    line = indent
                    lineHasWord = false
                    continue
                }
                // A word wider than a whole line: put what fits here, the rest on the next line.
                let (head, tail) = split(word, at: max(1, available))
                line += head
                lines.append(line)
                line = indent
                word = tail
                if word.isEmpty { break }
            }
        }
        if lineHasWord || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// The longest prefix of `word` within `columns` columns (at least one character), and the rest.
    private static func split(_ word: String, at columns: Int) -> (String, String) {
        var used = 0
        var end = word.startIndex
        while end < word.endIndex {
            let characterWidth = width(of: word[end])
            if used + characterWidth > columns, end > word.startIndex { break }
            used += characterWidth
            end = word.index(after: end)
        }
        return (String(word[..<end]), String(word[end...]))
    }
}
