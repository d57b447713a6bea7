import Testing

@testable import TLSRPTKit

@Suite("SummaryCSVRenderer: RFC 4180 rows for spreadsheets")
struct SummaryCSVRendererTests {
    private let period = "2026-11-22..2026-11-28"

    @Test("every row parses back into the values it was written from")
    func rows() throws {
        let text = SummaryCSVRenderer.render(SummaryFixture.summary, options: SummaryRenderOptions())
        let records = try CSVTestParser.parse(text)
        #expect(records.first == ["domain", "day", "breakdown", "key", "successful_sessions", "failed_sessions"])
        #expect(records.allSatisfy { $0.count == 6 })
        let com = records.filter { $0[0] == "example.com" }
        let org = records.filter { $0[0] == "example.org" }
        #expect(records.count == 1 + com.count + org.count)
        #expect(
            com.map { $0[2] } == ["total"] + Array(repeating: "day", count: 3)
                + Array(repeating: "result_type", count: 5) + Array(repeating: "mx", count: 3)
                + Array(repeating: "organization", count: 4) + Array(repeating: "sending_ip", count: 2))
        #expect(com[0] == ["example.com", period, "total", "", "1234567", "12345"])
        #expect(com[2] == ["example.com", "2026-11-23", "day", "2026-11-23", "434567", "4345"])
        #expect(com[4] == ["example.com", period, "result_type", "'" + SummaryFixture.formulaType, "", "7000"])
        #expect(com[9] == ["example.com", period, "mx", SummaryFixture.scriptMX, "", "9000"])
        #expect(
            com[12] == ["example.com", period, "organization", "Evil\\u{1B}[31mCorp\\u{7}", "100000", "9000"])
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(com[14] == ["example.com", period, "organization", SummaryFixture.quotedOrganization, "100000", "345"])
        #expect(com[15][3] == SummaryFixture.wideOrganization)
        #expect(com[17] == ["example.com", period, "sending_ip", "2001:db8::1", "", "4340"])
        #expect(
            org == [
                ["example.org", period, "total", "", "5000", "0"],
                ["example.org", "2026-11-24", "day", "2026-11-24", "5000", "0"],
                ["example.org", period, "organization", "Google Inc.", "5000", "0"],
            ])
    }

    @Test("lines end in CRLF, and the quoting is visible in the raw text")
    func rawText() {
        let text = SummaryCSVRenderer.render(SummaryFixture.summary, options: SummaryRenderOptions())
        #expect(text.hasPrefix("domain,day,breakdown,key,successful_sessions,failed_sessions\r\n"))
        #expect(text.hasSuffix("\r\n"))
        #expect(text.contains(",organization,\"Acme, \"\"Mail\"\" Inc.\",100000,345\r\n"))
        #expect(text.contains(",result_type,'=cmd|' /C calc'!A0,,7000\r\n"))
        #expect(!text.contains(",=cmd"))
    }

    @Test("breakdowns keep the top N; totals and days are never cut")
    func top() throws {
        let records = try CSVTestParser.parse(
            SummaryCSVRenderer.render(SummaryFixture.summary, options: SummaryRenderOptions(top: 1)))
        let com = records.filter { $0[0] == "example.com" }
        #expect(com.map { $0[2] } == ["total", "day", "day", "day", "result_type", "mx", "organization", "sending_ip"])
        #expect(
            try CSVTestParser.parse(SummaryCSVRenderer.render(SummaryFixture.empty, options: SummaryRenderOptions()))
                == [SummaryCSVRenderer.header])
    }

    @Test(
        "cells: control characters shown as escapes, formula neutralisation, then RFC 4180 quoting",
        arguments: [
            ("plain", "plain"), ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "\\u{9}x"), ("\rx", "\\u{D}x"), ("a,b", "\"a,b\""),
            ("=a,b", "\"'=a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("a\nb", "a\\u{A}b"), ("", ""),
            ("a=b", "a=b"),
        ])
    func cell(input: String, expected: String) throws {
        #expect(SummaryCSVRenderer.cell(input) == expected)
        let parsed = try CSVTestParser.parse(SummaryCSVRenderer.line([input, "x"]))
        let sanitized = TerminalText.sanitized(input)
        let neutralised = ["=", "+", "-", "@"].contains { sanitized.unicodeScalars.first == $0 }
        #expect(parsed == [[neutralised ? "'" + sanitized : sanitized, "x"]])
    }
}
