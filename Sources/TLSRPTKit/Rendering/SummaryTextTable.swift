/// An aligned plain-text table that fits a terminal width: when the table would be too wide, text
/// columns are narrowed and their cells wrap onto more lines (at spaces, or inside a long name);
/// number columns are right-aligned and never narrowed. Nothing is cut.
struct SummaryTextTable {
    struct Column {
        var title: String
        /// Right-aligned and never cut (numbers).
        var alignRight: Bool
        /// Narrowest width narrowing may leave this text column.
        var minimumWidth: Int = 8
    }

    var columns: [Column]
    var rows: [[String]] = []

    /// Spaces between columns.
    static let gap = "  "

    init(_ columns: [Column]) {
        self.columns = columns
    }

    mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The header line and the rows (one line each, more when a cell wraps), each starting with
    /// `indent`, none wider than `columns` columns when the number columns allow it. Trailing
    /// spaces are trimmed.
    func lines(indent: String, columns totalWidth: Int) -> [String] {
        var widths = columns.indices.map { index in
            rows.reduce(SummaryTextLayout.width(columns[index].title)) { widest, row in
                max(widest, SummaryTextLayout.width(row[index]))
            }
        }
        let available = totalWidth - SummaryTextLayout.width(indent) - Self.gap.count * (columns.count - 1)
        // Narrow the widest text column, one column at a time, until the table fits.
        while widths.reduce(0, +) > available {
            let candidates = columns.indices.filter { !columns[$0].alignRight && widths[$0] > columns[$0].minimumWidth }
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
            widths[widest] -= 1
        }
        return ([columns.map(\.title)] + rows).flatMap { cells in
            // Each cell as lines of its column's width; the row is as tall as its tallest cell.
            let cellLines = cells.indices.map { index in
                SummaryTextLayout.width(cells[index]) <= widths[index]
                    ? [cells[index]] : SummaryTextLayout.wrapped(cells[index], columns: widths[index], firstIndent: "", indent: "")
            }
            let height = cellLines.map(\.count).max() ?? 1
            return (0..<height).map { lineIndex in
                let padded = cells.indices.map { index in
                    SummaryTextLayout.padded(
                        lineIndex < cellLines[index].count ? cellLines[index][lineIndex] : "", to: widths[index],
                        alignRight: columns[index].alignRight)
                }
                return Self.trimmingTrailingSpaces(indent + padded.joined(separator: Self.gap))
            }
        }
    }

    private static func trimmingTrailingSpaces(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
