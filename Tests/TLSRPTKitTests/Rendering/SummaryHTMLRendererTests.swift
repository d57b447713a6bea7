import Foundation
import Testing

@testable import TLSRPTKit

@Suite("SummaryHTMLRenderer: a small self-contained HTML document")
struct SummaryHTMLRendererTests {
    private let html = SummaryHTMLRenderer.render(SummaryFixture.summary, options: SummaryRenderOptions(top: 3))

    @Test("no script, no external resource, no control character")
    func safe() {
        let lowercased = html.lowercased()
        #expect(!lowercased.contains("<script"))
        #expect(!lowercased.contains("</script"))
        #expect(!lowercased.contains("src="))
        #expect(!lowercased.contains("href="))
        #expect(!lowercased.contains("http:"))
        #expect(!lowercased.contains("https:"))
        #expect(!lowercased.contains("url("))
        #expect(!html.unicodeScalars.contains { $0 != "\n" && TerminalText.isUnsafe($0) })
    }

    @Test("reporter strings are sanitised, then escaped")
    func escaping() {
        #expect(html.contains("<td>mx1.example.com|&lt;script&gt;alert(1)&lt;/script&gt;</td>"))
        #expect(html.contains("<td>=cmd|&#39; /C calc&#39;!A0</td>"))
        #expect(html.contains("<td>Evil\\u{1B}[31mCorp\\u{7}</td>"))
        #expect(html.contains("<td>Acme, &quot;Mail&quot; Inc.</td>"))
        #expect(
            SummaryHTMLRenderer.escaped("<a href=\"x\">'&'</a>\u{7}")
                == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\\u{7}")
    }

    @Test("a complete document with one section per domain")
    func document() {
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"))
        #expect(html.hasSuffix("</body>\n</html>\n"))
        #expect(html.contains("<style>"))
        #expect(html.components(separatedBy: "<section>").count == 3)
        #expect(html.contains("<h2>example.com</h2>"))
        #expect(html.contains("<li>Failed sessions: 12,345 (0.99%)</li>"))
        #expect(html.contains("<td>Google Inc.</td><td class=\"n\">1,000,000</td><td class=\"n\">3,000</td>"))
        #expect(html.contains("<p class=\"more\">… and 2 more</p>"))
        #expect(html.contains("Note: failure details add up to 12,340 failed sessions, the summary counters to 12,345"))
        #expect(html.components(separatedBy: "<table>").count == html.components(separatedBy: "</table>").count)
        let empty = SummaryHTMLRenderer.render(SummaryFixture.empty, options: SummaryRenderOptions())
        #expect(empty.contains("<p>No reports between 2026-11-22 and 2026-11-28.</p>"))
    }
}
