import Testing
@testable import TLSRPTKit

@Suite("MIME parameter parsing (RFC 2045, RFC 2231)")
struct MIMEParameterParserTests {
    @Test("quoted and unquoted values, parameters after the boundary")
    func googleAndMicrosoftShapes() {
        let google = MIMEParameterParser.parse(#"multipart/report; boundary="000000000000f47cb005e8c8905b"; report-type=tlsrpt"#)
        #expect(google.value == "multipart/report")
        #expect(google.parameters == ["boundary": "000000000000f47cb005e8c8905b", "report-type": "tlsrpt"])

        let microsoft = MIMEParameterParser.parse("multipart/report;\tboundary=\"_078e_\"; report-type=tlsrpt")
        #expect(microsoft.parameters == ["boundary": "_078e_", "report-type": "tlsrpt"])
    }

    @Test("trailing semicolon, empty parameters, white space around ; and =")
    func separators() {
        let parsed = MIMEParameterParser.parse(#"  multipart/report ;; report-type = "tlsrpt" ;  boundary= abc ;"#)
        #expect(parsed.value == "multipart/report")
        #expect(parsed.parameters == ["report-type": "tlsrpt", "boundary": "abc"])
    }

    @Test("attribute names are case-insensitive and the first duplicate wins")
    func attributeCase() {
        let parsed = MIMEParameterParser.parse("text/plain; CharSet=UTF-8; charset=latin1; Format=Flowed")
        #expect(parsed.parameters == ["charset": "UTF-8", "format": "Flowed"])
    }

    @Test("unquoted values may contain tspecials such as '='")
    func unquotedSpecials() {
        let parsed = MIMEParameterParser.parse("multipart/mixed; boundary=----=_NextPart_000_024E_01CC9B0A.AFE54C00")
        #expect(parsed.parameters["boundary"] == "----=_NextPart_000_024E_01CC9B0A.AFE54C00")
    }

    @Test("comments are ignored, including nested ones and ones containing ';'")
    func comments() {
        let parsed = MIMEParameterParser.parse(
            #"multipart/report (a (nested) comment; with semicolon); (lead) boundary="b(1)" (trail); report-type=tlsrpt (why;not)"#)
        #expect(parsed.value == "multipart/report")
        #expect(parsed.parameters == ["boundary": "b(1)", "report-type": "tlsrpt"])
    }

    @Test("quoted strings keep ';' and resolve backslash escapes")
    func quotedStrings() {
        let parsed = MIMEParameterParser.parse(#"attachment; filename="a;b \"c\".json"; size=12"#)
        #expect(parsed.value == "attachment")
        #expect(parsed.parameters == ["filename": #"a;b "c".json"#, "size": "12"])
    }

    @Test("unterminated quoted string runs to the end")
    func unterminatedQuote() {
        let parsed = MIMEParameterParser.parse(#"attachment; filename="report.json.gz"#)
        #expect(parsed.parameters["filename"] == "report.json.gz")
    }

    @Test("attributes without '=' and garbage are skipped")
    func garbage() {
        let parsed = MIMEParameterParser.parse(#"text/plain; junk; ="x"; "quoted"; charset=utf-8; =; ;"#)
        #expect(parsed.parameters == ["charset": "utf-8"])
    }

    @Test("RFC 2231 continuations with charset are reassembled and decoded")
    func continuations() {
        let parsed = MIMEParameterParser.parse("application/tlsrpt+gzip; name*0*=utf-8''foo%20bar; name*1*=.json.gz")
        #expect(parsed.parameters["name"] == "foo bar.json.gz")
    }

    @Test("RFC 2231 sections out of order, mixed encoded and plain, quoted plain sections")
    func continuationsOutOfOrder() {
        let parsed = MIMEParameterParser.parse(
            #"attachment; filename*2="!001.json.gz"; filename*0*=UTF-8'en'r%C3%A9port; filename*1=".x"; x=1"#)
        #expect(parsed.parameters["filename"] == "réport.x!001.json.gz")
        #expect(parsed.parameters["x"] == "1")
    }

    @Test("RFC 2231 single extended value overrides the plain one")
    func extendedValue() {
        let parsed = MIMEParameterParser.parse(
            "attachment; filename=\"fallback.bin\"; filename*=utf-8''%E2%82%AC%20report.json")
        #expect(parsed.parameters["filename"] == "€ report.json")
    }

    @Test("RFC 2231 with ISO 8859-1 charset and an empty charset")
    func extendedCharsets() {
        #expect(MIMEParameterParser.parse("a; name*=iso-8859-1''caf%E9").parameters["name"] == "café")
        #expect(MIMEParameterParser.parse("a; name*=''caf%C3%A9").parameters["name"] == "café")
        // No quotes at all: taken as percent-encoded UTF-8.
        #expect(MIMEParameterParser.parse("a; name*=caf%C3%A9%zz").parameters["name"] == "café%zz")
    }

    @Test("unusable RFC 2231 attribute names are plain attributes")
    func oddStars() {
        let parsed = MIMEParameterParser.parse("a; name*x=1; *=2; name*99999=3")
        #expect(parsed.parameters["name*x"] == "1")
        #expect(parsed.parameters["*"] == "2")
        #expect(parsed.parameters["name*99999"] == "3")
        #expect(parsed.parameters["name"] == nil)
    }

    @Test("empty and parameter-only values")
    func emptyValues() {
        #expect(MIMEParameterParser.parse("") == .init(value: "", parameters: [:]))
        #expect(MIMEParameterParser.parse("; a=b").parameters == ["a": "b"])
    }
}
