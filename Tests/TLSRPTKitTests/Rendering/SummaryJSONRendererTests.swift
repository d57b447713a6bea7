import Foundation
import Testing

@testable import TLSRPTKit

@Suite("SummaryJSONRenderer: the JSON contract of a period summary")
struct SummaryJSONRendererTests {
    private func parse(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    @Test("the period, the domains and every figure of a domain")
    func shapeAndValues() throws {
        let json = try parse(SummaryJSONRenderer.render(SummaryFixture.summary, options: SummaryRenderOptions()))
        #expect(json["from"] as? String == "2026-11-22")
        #expect(json["until"] as? String == "2026-11-28")
        let domains = try #require(json["domains"] as? [[String: Any]])
        #expect(domains.count == 2)

        let domain = domains[0]
        #expect(domain["domain"] as? String == "example.com")
        #expect(domain["successful_sessions"] as? Int == 1_234_567)
        #expect(domain["failed_sessions"] as? Int == 12_345)
        #expect(domain["failure_rate"] as? Double == 0.0099)
        #expect(domain["reports"] as? Int == 42)
        #expect(domain["organizations"] as? Int == 5)
        #expect(domain["policy_modes"] as? [String] == ["enforce", "testing"])
        #expect(
            domain["by_result_type"] as? [String: Int] == [
                SummaryFixture.formulaType: 7_000, "certificate-expired": 3_000, "starttls-not-supported": 1_500,
                "validation-failure": 500, "sts-webpki-invalid": 340,
            ])
        let mx = try #require(domain["by_mx"] as? [[String: Any]])
        #expect(mx.map { $0["mx"] as? String } == [SummaryFixture.scriptMX, SummaryFixture.longMX, "mx3.example.com"])
        #expect(mx.map { $0["failed_sessions"] as? Int } == [9_000, 2_000, 1_340])
        #expect(
            mx[0]["by_result_type"] as? [String: Int] == [
                SummaryFixture.formulaType: 7_000, "certificate-expired": 2_000,
            ])
        let organizations = try #require(domain["by_organization"] as? [[String: Any]])
        #expect(
            organizations.map { $0["organization"] as? String } == [
                SummaryFixture.hostileOrganization, "Google Inc.", SummaryFixture.quotedOrganization,
                SummaryFixture.wideOrganization,
            ])
        #expect(organizations.map { $0["successful_sessions"] as? Int } == [100_000, 1_000_000, 100_000, 34_567])
        #expect(organizations.map { $0["failed_sessions"] as? Int } == [9_000, 3_000, 345, 0])
        let addresses = try #require(domain["by_sending_ip"] as? [[String: Any]])
        #expect(addresses.map { $0["ip"] as? String } == ["192.0.2.1", "2001:db8::1"])
        #expect(addresses.map { $0["failed_sessions"] as? Int } == [8_000, 4_340])
        let days = try #require(domain["days"] as? [[String: Any]])
        #expect(days.map { $0["day"] as? String } == ["2026-11-22", "2026-11-23", "2026-11-28"])
        #expect(days.map { $0["successful_sessions"] as? Int } == [400_000, 434_567, 400_000])
        #expect(days.map { $0["failed_sessions"] as? Int } == [4_000, 4_345, 4_000])
        #expect(domain["detailed_failed_sessions"] as? Int == 12_340)
        #expect(domain["counters_disagree"] as? Bool == true)
        let attention = try #require(domain["attention"] as? [[String: Any]])
        #expect(attention.map { $0["kind"] as? String } == ["new-mx", "failure-rate-jump", "silent-reporter"])
        #expect(
            attention.map { $0["subject"] as? String } == [
                SummaryFixture.scriptMX, "", SummaryFixture.hostileOrganization,
            ])
        #expect(attention[2]["message"] as? String == SummaryFixture.exampleCom.attention[2].message)

        let quiet = domains[1]
        #expect(quiet["domain"] as? String == "example.org")
        #expect(quiet["failure_rate"] as? Int == 0)
        #expect(quiet["counters_disagree"] as? Bool == false)
        #expect((quiet["by_result_type"] as? [String: Int])?.isEmpty == true)
        #expect((quiet["by_mx"] as? [Any])?.isEmpty == true)
        #expect((quiet["attention"] as? [Any])?.isEmpty == true)
    }

    @Test("breakdowns keep the top N, largest first, in the order ranked")
    func topAndOrder() throws {
        let text = SummaryJSONRenderer.render(SummaryFixture.summary, options: SummaryRenderOptions(top: 2))
        #expect(text.contains(#""by_result_type":{"=cmd|' /C calc'!A0":7000,"certificate-expired":3000},"by_mx""#))
        #expect(text.contains(#""failure_rate":0.0099,"#))
        let domain = try #require((try parse(text)["domains"] as? [[String: Any]])?.first)
        #expect((domain["by_mx"] as? [Any])?.count == 2)
        #expect((domain["by_organization"] as? [Any])?.count == 2)
        #expect((domain["by_sending_ip"] as? [Any])?.count == 2)
        #expect((domain["days"] as? [Any])?.count == 3)  // days are never cut
        let mx = try #require((domain["by_mx"] as? [[String: Any]])?.last)
        #expect(
            mx["by_result_type"] as? [String: Int] == ["starttls-not-supported": 1_500, "certificate-expired": 500])
    }

    @Test("reporter strings survive byte for byte, control characters escaped as JSON")
    func rawStrings() throws {
        let text = SummaryJSONRenderer.render(SummaryFixture.summary, options: SummaryRenderOptions())
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 })
        #expect(text.contains(#""Evil\u001b[31mCorp\u0007""#))
        #expect(text.contains(#""Acme, \"Mail\" Inc.""#))
    }

    @Test(
        "failure_rate is a number with at most four decimals",
        arguments: [(2, 1, "0.3333"), (0, 3, "1"), (0, 0, "0"), (19_999, 1, "0.0001"), (199_999, 1, "0")])
    func failureRate(successful: Int64, failed: Int64, expected: String) throws {
        var domain = SummaryFixture.exampleOrg
        domain.successfulSessions = successful
        domain.failedSessions = failed
        domain.detailedFailedSessions = failed
        let summary = PeriodSummary(
            fromDay: SummaryFixture.fromDay, untilDay: SummaryFixture.untilDay, domains: [domain])
        let text = SummaryJSONRenderer.render(summary, options: SummaryRenderOptions())
        #expect(text.contains(#""failure_rate":"# + expected + ","))
        let parsed = try #require((try parse(text)["domains"] as? [[String: Any]])?.first)
        #expect(parsed["failure_rate"] as? Double == Double(expected))
    }

    @Test("a period without reports has an empty domain list; a negative top counts as zero")
    func emptyAndZero() throws {
        #expect(
            SummaryJSONRenderer.render(SummaryFixture.empty, options: SummaryRenderOptions())
                == #"{"from":"2026-11-22","until":"2026-11-28","domains":[]}"#)
        let domain = try #require(
            (try parse(SummaryJSONRenderer.render(SummaryFixture.summary, options: SummaryRenderOptions(top: -1)))[
                "domains"] as? [[String: Any]])?.first)
        #expect((domain["by_result_type"] as? [String: Int])?.isEmpty == true)
        #expect((domain["by_mx"] as? [Any])?.isEmpty == true)
        #expect(domain["failed_sessions"] as? Int == 12_345)
    }
}
