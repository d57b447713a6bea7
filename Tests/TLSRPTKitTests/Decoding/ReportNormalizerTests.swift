import Foundation
import Testing

@testable import TLSRPTKit

@Suite("Lenient decoding of the quirks real reporters send")
struct ReportNormalizerTests {
    static let provenance = Provenance(
        source: "test", reportDomainHeader: "Header.Example.", fileName: "google.com!file.example!1!2!001.json.gz", receivedAt: 0)

    func normalize(_ json: String, provenance: Provenance = provenance) throws -> TLSReport {
        try ReportNormalizer().normalize(json: Array(json.utf8), provenance: provenance)
    }

    func rejection(_ json: String) -> String? {
        do {
            _ = try normalize(json)
            return nil
        } catch {
            return (error as? ReportRejection)?.reason
        }
    }

    static func report(policies: String, range: String = #"{"start-datetime":"2026-11-01T00:00:00Z","end-datetime":"2026-11-01T23:59:59Z"}"#) -> String {
        #"{"organization-name":"Org","date-range":\#(range),"contact-info":"a@b.example","report-id":"r1","policies":\#(policies)}"#
    }

    @Test("a policy-string line of white space only is dropped, so that the export of the report reads back the same (Fuzz/report)")
    func blankPolicyLines() throws {
        let json = Self.report(policies: #"[{"policy":{"policy-type":"sts","policy-string":[" ","\r","mx: a.example.com"],"policy-domain":"example.com"},"summary":{"total-successful-session-count":1,"total-failure-session-count":0}}]"#)
        let report = try normalize(json)
        #expect(report.policies[0].policyStrings == ["mx: a.example.com"])
        var writer = JSONWriter()
        report.write(to: &writer)
        #expect(try ReportNormalizer().normalize(json: writer.bytes, provenance: Self.provenance) == report)
    }

    @Test("a report-id given as a number keeps the digits as written, even past Int64 and in exponent form")
    func numericReportID() throws {
        let policies = #"[{"policy":{"policy-type":"sts","policy-domain":"example.com"},"summary":{"total-successful-session-count":1,"total-failure-session-count":0}}]"#
        for written in ["12345678901234567890", "42", "1.5e3"] {
            let json = Self.report(policies: policies).replacingOccurrences(of: #""report-id":"r1""#, with: #""report-id":\#(written)"#)
            #expect(try normalize(json).reportID == written)
        }
    }

    @Test("mx-host missing, empty, a bare string or an array; sts falls back to the policy's mx lines")
    func mxHostShapes() throws {
        let shapes: [(String, [String])] = [
            (#""mx-host":["MX1.Example.COM."]"#, ["mx1.example.com"]),
            (#""mx-host":"*.mail.example.com""#, ["*.mail.example.com"]),
            (#""mx-host":[]"#, ["a.example.com", "b.example.com"]),
            (#""mx-host":null"#, ["a.example.com", "b.example.com"]),
            (#""x":1"#, ["a.example.com", "b.example.com"]),
        ]
        for (field, expected) in shapes {
            let json = Self.report(policies: #"[{"policy":{"policy-type":"sts","policy-string":["version: STSv1\r","mx: a.example.com\r","mx:b.example.com"],"policy-domain":"example.com",\#(field)},"summary":{"total-successful-session-count":1,"total-failure-session-count":0}}]"#)
            let report = try normalize(json)
            #expect(report.policies[0].mxHosts == expected, "\(field)")
            #expect(report.policies[0].policyStrings == ["version: STSv1", "mx: a.example.com", "mx:b.example.com"])
        }
    }

    @Test("Microsoft's TLSA policy-string holding one JSON-encoded array is split into its records")
    func microsoftTLSA() throws {
        let json = Self.report(policies: #"[{"policy":{"policy-type":"tlsa","policy-string":["[\"3 1 1 AB\",\"3 1 1 CD\"]"],"policy-domain":"example.com"},"summary":{"total-successful-session-count":2,"total-failure-session-count":0}}]"#)
        let policy = try normalize(json).policies[0]
        #expect(policy.policyStrings == ["3 1 1 AB", "3 1 1 CD"])
        #expect(policy.mxHosts.isEmpty)
    }

    @Test("missing policy-domain comes from the header, then the file name, then the report-id")
    func policyDomainFallbacks() throws {
        let policies = #"[{"policy":{"policy-type":"no-policy-found"},"summary":{"total-successful-session-count":1}}]"#
        #expect(try normalize(Self.report(policies: policies)).policies[0].policyDomain == "header.example")
        var provenance = Self.provenance
        provenance.reportDomainHeader = nil
        #expect(try normalize(Self.report(policies: policies), provenance: provenance).policies[0].policyDomain == "file.example")
        provenance.fileName = "rpt03.json"
        let google = Self.report(policies: policies).replacingOccurrences(of: #""report-id":"r1""#, with: #""report-id":"2019-04-14T00:00:00Z_example.org""#)
        #expect(try normalize(google, provenance: provenance).policies[0].policyDomain == "example.org")
    }

    @Test("counters missing, null or digit strings; failure details with empty strings and the misspelled key")
    func countersAndDetails() throws {
        let json = Self.report(policies: #"[{"policy":{"policy-type":"sts","policy-domain":"Example.COM."},"summary":{"total-successful-session-count":"42"},"failure-details":[{"result-type":"brand-new-type","sending-mta-ip":"","receiving-mx-host-name":"MX.example.com","failed-session-count":"3","additional-info-uri":"https://x.example/","failure-error-code":"E1","extra":{"nested":true}}]}]"#)
        let policy = try normalize(json).policies[0]
        #expect(policy.policyDomain == "example.com")
        #expect(policy.successfulSessionCount == 42)
        #expect(policy.failedSessionCount == 0)
        let detail = policy.failureDetails[0]
        #expect(detail.resultType == "brand-new-type")
        #expect(detail.sendingMTAIP == nil)
        #expect(detail.receivingMXHostname == "mx.example.com")
        #expect(detail.failedSessionCount == 3)
        #expect(detail.additionalInformation == "https://x.example/")
        #expect(detail.failureReasonCode == "E1")
    }

    @Test("contact-info null, zone-less dates, two policies of one type kept as they are")
    func otherQuirks() throws {
        let json = #"{"organization-name":"mx.egressif.io","date-range":{"start-datetime":"2023-01-10T00:00:00","end-datetime":"2023-01-11T00:00:00Z"},"contact-info":null,"report-id":"x","policies":[{"policy":{"policy-type":"sts","policy-domain":"a.example"},"summary":{"total-successful-session-count":1,"total-failure-session-count":0}},{"policy":{"policy-type":"sts","policy-domain":"a.example"},"summary":{"total-successful-session-count":0,"total-failure-session-count":2}}]}"#
        let report = try normalize(json)
        #expect(report.contactInfo == nil)
        #expect(report.startTime == 1_673_308_800)
        #expect(report.endTime == 1_673_395_200)
        #expect(report.policies.count == 2)
    }

    @Test("what is not a report is rejected with a sentence saying what and where")
    func rejections() {
        #expect(rejection("this is not json")?.contains("not JSON") == true)
        #expect(rejection("[1,2]")?.contains("not an object") == true)
        #expect(rejection(#"{"hello":1}"#)?.contains("neither \"organization-name\" nor \"report-id\"") == true)
        #expect(rejection(#"{"organization-name":"x","report-id":"y","date-range":{"start-datetime":"2026-11-01T00:00:00Z","end-datetime":"2026-11-01T23:59:59Z"}}"#)?.contains("no \"policies\"") == true)
        let negative = Self.report(policies: #"[{"policy":{"policy-type":"sts","policy-domain":"a.example"},"summary":{"total-successful-session-count":-5,"total-failure-session-count":0}}]"#)
        #expect(rejection(negative) == "policies[0].summary.total-successful-session-count is -5; counts must be non-negative integers")
        let words = Self.report(policies: #"[{"policy":{"policy-type":"sts","policy-domain":"a.example"},"summary":{"total-successful-session-count":"many"}}]"#)
        #expect(rejection(words)?.hasPrefix("policies[0].summary.total-successful-session-count is \"many\"") == true)
        let badDate = Self.report(policies: "[]", range: #"{"start-datetime":"last tuesday","end-datetime":"2026-11-01T23:59:59Z"}"#)
        #expect(rejection(badDate) == "date-range.start-datetime \"last tuesday\" is not an RFC 3339 date-time")
        let detailWithoutType = Self.report(policies: #"[{"policy":{"policy-type":"sts","policy-domain":"a.example"},"summary":{},"failure-details":[{"failed-session-count":1}]}]"#)
        #expect(rejection(detailWithoutType) == "policies[0].failure-details[0] has no \"result-type\"")
    }

    @Test("a byte-order mark and leading whitespace are tolerated")
    func byteOrderMark() throws {
        let json = "\u{FEFF}\n  " + Self.report(policies: "[]")
        #expect(try normalize(json).reportID == "r1")
    }
}
