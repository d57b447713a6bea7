import Foundation
import Testing

@testable import TLSRPTKit

@Suite("SummaryMarkdownRenderer: GitHub-flavoured Markdown")
struct SummaryMarkdownRendererTests {
    private let markdown = SummaryMarkdownRenderer.render(SummaryFixture.summary, options: SummaryRenderOptions(top: 3))
    private var lines: [Substring] { markdown.split(separator: "\n", omittingEmptySubsequences: false) }

    /// `|` not escaped by a backslash (escaped backslashes counted).
    private func cellSeparators(_ line: Substring) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                count += 1
            }
        }
        return count
    }

    @Test("no raw HTML, control character or structure from a report")
    func escaping() {
        #expect(!markdown.contains("<script>"))
        // Every < and > in the fixture is a reporter's, so each must be escaped.
        let scalars = Array(markdown.unicodeScalars)
        for index in scalars.indices where scalars[index] == "<" || scalars[index] == ">" {
            #expect(index > 0 && scalars[index - 1] == "\\")
        }
        #expect(scalars.contains("<"))
        #expect(!markdown.unicodeScalars.contains { $0 != "\n" && TerminalText.isUnsafe($0) })
        #expect(markdown.contains(#"| mx1.example.com\|\<script\>alert(1)\</script\> | 9,000 | =cmd\|' /C calc'!A0 |"#))
        #expect(markdown.contains(#"| Evil\\u{1B}\[31mCorp\\u{7} | 100,000 | 9,000 |"#))
    }

    @Test("each table row has as many cells as its header")
    func tableShape() {
        var expected: Int?
        var tables = 0
        for line in lines {
            guard line.hasPrefix("|") else {
                expected = nil
                continue
            }
            if let expected {
                #expect(cellSeparators(line) == expected, "\(line)")
            } else {
                expected = cellSeparators(line)
                tables += 1
            }
        }
        #expect(tables == 7)  // example.com: 5 tables, example.org: organisations and days
    }

    @Test("sections, totals, the note and what was cut")
    func content() {
        #expect(lines[0] == "# TLS report summary 2026-11-22 to 2026-11-28")
        #expect(lines.filter { $0.hasPrefix("## ") } == ["## example.com", "## example.org"])
        #expect(lines.contains("- Successful sessions: 1,234,567"))
        #expect(lines.contains("- Failed sessions: 12,345 (0.99%)"))
        #expect(lines.contains("- Reports: 42 from 5 organizations"))
        #expect(lines.contains("- Policy modes seen: enforce, testing"))
        #expect(
            lines.contains(
                "- **Note:** failure details add up to 12,340 failed sessions, the summary counters to 12,345;"
                    + " totals use the counters."))
        #expect(lines.filter { $0.hasPrefix("- **Note:**") }.count == 1)
        #expect(lines.contains("_… and 2 more_"))
        #expect(lines.contains("| 2026-11-23 | 434,567 | 4,345 |"))
        #expect(lines.contains("- The failure rate rose from 0.10% to 0.99%."))
        #expect(
            SummaryMarkdownRenderer.render(SummaryFixture.empty, options: SummaryRenderOptions())
                == "No reports between 2026-11-22 and 2026-11-28.\n")
    }

    @Test("escaping of Markdown's active characters")
    func escaped() {
        #expect(SummaryMarkdownRenderer.escaped("a|b*c_[d](e)<f>`g`\\&~") == #"a\|b\*c\_\[d\](e)\<f\>\`g\`\\\&\~"#)
        #expect(SummaryMarkdownRenderer.escaped("x\u{1B}y\r\nz") == #"x\\u{1B}y\\u{D}\\u{A}z"#)
        #expect(SummaryMarkdownRenderer.escaped("mx.example.com") == "mx.example.com")
    }
}
