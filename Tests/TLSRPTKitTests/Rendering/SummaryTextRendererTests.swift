import Foundation
import Testing

@testable import TLSRPTKit

@Suite("SummaryTextRenderer: a summary for people at an 80-column terminal")
struct SummaryTextRendererTests {
    private let text = SummaryTextRenderer.render(SummaryFixture.summary, options: SummaryRenderOptions(top: 3))
    private var lines: [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }

    /// The text with every run of white space (line breaks and indents too) as one space.
    private var flowing: String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    @Test("no line is wider than 80 columns, counted in characters and in terminal columns", arguments: [0, 3, 10])
    func width(top: Int) {
        let text = SummaryTextRenderer.render(SummaryFixture.summary, options: SummaryRenderOptions(top: top))
        for line in text.split(separator: "\n") {
            #expect(line.count <= 80, "\(line)")
            #expect(SummaryTextLayout.width(line) <= 80, "\(line)")
        }
        #expect(text.hasSuffix("\n"))
    }

    @Test("no control character from a report reaches the terminal")
    func sanitised() {
        #expect(!text.unicodeScalars.contains { $0 != "\n" && TerminalText.isUnsafe($0) })
        #expect(!text.utf8.contains(0x1B))
        #expect(!text.utf8.contains(0x07))
        #expect(text.contains(#"Evil\u{1B}[31mCorp\u{7}"#))
    }

    @Test("header, totals and percentages")
    func totals() {
        #expect(lines[0] == "TLS report summary, 2026-11-22 to 2026-11-28 (7 days)")
        #expect(lines[1] == "2 domains with reports, 12,345 failed sessions in all.")
        #expect(lines.contains("  Sessions: 1,234,567 successful, 12,345 failed (0.99% failed)"))
        #expect(lines.contains("  Reports: 42 from 5 organisations; policy modes seen: enforce, testing"))
        #expect(lines.contains("  Sessions: 5,000 successful, 0 failed (0.00% failed)"))
        #expect(lines.contains("  Reports: 1 from 1 organisation; policy modes seen: testing"))
        #expect(lines.contains("  No failure details reported."))
    }

    @Test("the disagreement note, only where the counters disagree")
    func disagreementNote() {
        #expect(
            flowing.contains(
                "Note: failure details add up to 12,340 failed sessions, the summary counters to 12,345;"
                    + " totals use the counters."))
        #expect(flowing.components(separatedBy: "Note:").count == 2)
    }

    @Test("tables: thousands separators, right-aligned numbers, top N and what was cut")
    func tables() throws {
        #expect(lines.contains("  =cmd|' /C calc'!A0                7,000"))
        #expect(lines.contains("  Google Inc.               1,000,000   3,000         0.30%"))
        #expect(lines.contains("  … and 2 more result types"))
        #expect(lines.contains("  … and 1 more organisation"))
        #expect(!text.contains("validation-failure  "))  // cut by top 3
        #expect(!text.contains("more sending IP"))  // nothing cut
        // The long MX host wraps inside its column, whole (issue #9: wrap, do not cut), with its
        // figures and top result type on its first line.
        let mxIndex = try #require(lines.firstIndex { $0.contains("mx-very-long-label") })
        let mxLine = lines[mxIndex]
        #expect(!mxLine.contains("…"))
        #expect(mxLine.hasSuffix("2,000  starttls-not-supported"))
        var name = String(try #require(mxLine.split(separator: " ").first))
        // Continuation lines hold only the rest of the name (no other column has more lines).
        for continuation in lines[(mxIndex + 1)...].prefix(while: { !$0.isEmpty && !$0.dropFirst(2).contains("  ") }) {
            name += continuation.filter { $0 != " " }
        }
        #expect(name == SummaryFixture.longMX)
        // Every row of the organisation table ends its number columns in the same place.
        let header = try #require(lines.firstIndex { $0.hasPrefix("  Organisation") })
        let rows = lines[header...].prefix { !$0.isEmpty }.filter { !$0.hasPrefix("  …") }
        #expect(rows.count == 4)
        #expect(Set(rows.map { SummaryTextLayout.width($0) }).count == 1)
    }

    @Test("days are listed for a period of several days, not for a single day")
    func days() {
        #expect(lines.contains("  2026-11-23     434,567   4,345         0.99%"))
        var oneDay = SummaryFixture.summary
        oneDay.fromDay = 20_785
        let single = SummaryTextRenderer.render(oneDay, options: SummaryRenderOptions())
        #expect(single.hasPrefix("TLS report summary, 2026-11-28\n"))
        #expect(!single.contains("  Day "))
    }

    @Test("attention items are listed and wrapped")
    func attention() {
        #expect(lines.contains("  Attention:"))
        #expect(lines.contains("  - The failure rate rose from 0.10% to 0.99%."))
        #expect(flowing.contains("- New MX host mx1.example.com|<script>alert(1)</script> failed 9,000 sessions;"))
    }

    @Test("a period without reports says so")
    func empty() {
        #expect(
            SummaryTextRenderer.render(SummaryFixture.empty, options: SummaryRenderOptions())
                == "No reports between 2026-11-22 and 2026-11-28.\n")
    }
}

@Suite("Terminal layout: widths, cuts, wrapping and tables")
struct SummaryTextLayoutTests {
    @Test("wide characters take two columns; cuts end in an ellipsis within the width")
    func widthAndCut() {
        #expect(SummaryTextLayout.width("abc") == 3)
        #expect(SummaryTextLayout.width("株式会社") == 8)
        #expect(SummaryTextLayout.width("e\u{301}") == 1)
        #expect(SummaryTextLayout.truncated("abcdefgh", to: 5) == "abcd…")
        #expect(SummaryTextLayout.truncated("abcde", to: 5) == "abcde")
        #expect(SummaryTextLayout.truncated("株式会社", to: 6) == "株式…")
        #expect(SummaryTextLayout.truncated("abc", to: 0) == "")
    }

    @Test("wrapping breaks at spaces, indents, and splits words wider than a line")
    func wrapping() {
        #expect(
            SummaryTextLayout.wrapped("aaa bbb ccc ddd", columns: 9, firstIndent: "- ", indent: "  ")
                == ["- aaa bbb", "  ccc ddd"])
        let long = SummaryTextLayout.wrapped(
            String(repeating: "x", count: 25), columns: 10, firstIndent: "", indent: "")
        #expect(long == ["xxxxxxxxxx", "xxxxxxxxxx", "xxxxx"])
        #expect(SummaryTextLayout.wrapped("", columns: 10, firstIndent: "  ", indent: "  ") == ["  "])
    }

    @Test("a table pads, right-aligns numbers and narrows text columns to fit, wrapping their cells instead of cutting them")
    func table() {
        var table = SummaryTextTable([
            .init(title: "Name", alignRight: false), .init(title: "Count", alignRight: true),
            .init(title: "Note", alignRight: false),
        ])
        table.append(["a-rather-long-name", "1,234", "x"])
        table.append(["b", "5", "another-long-note"])
        #expect(
            table.lines(indent: "  ", columns: 80) == [
                "  Name                Count  Note",
                "  a-rather-long-name  1,234  x",
                "  b                       5  another-long-note",
            ])
        #expect(
            table.lines(indent: "  ", columns: 30) == [
                "  Name       Count  Note",
                "  a-rather-  1,234  x",
                "  long-name",
                "  b              5  another-lo",
                "                    ng-note",
            ])
        // Names wrap at spaces when they have some.
        var spaced = SummaryTextTable([.init(title: "Organisation", alignRight: false), .init(title: "Failed", alignRight: true)])
        spaced.append(["Example Mail Delivery Company Limited", "7"])
        #expect(
            spaced.lines(indent: "", columns: 24) == [
                "Organisation      Failed",
                "Example Mail           7",
                "Delivery Company",
                "Limited",
            ])
    }
}

