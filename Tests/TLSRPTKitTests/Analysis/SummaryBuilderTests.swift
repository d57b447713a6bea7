import Foundation
import TLSRPTKit
import Testing

/// ``SummaryBuilder`` called directly on a store filled through the public ingest API.
@Suite("SummaryBuilder: totals, breakdowns and days under the counting rules")
struct SummaryBuilderTests {
    @Test("totals and breakdowns per domain; Microsoft's tlsa + sts copy of the same sessions counts once")
    func totalsAndBreakdowns() async throws {
        var fixture = try AnalysisFixture()
        var failing = AnalysisFixture.Entry()
        failing.successful = 90
        failing.failed = 10
        failing.resultType = "certificate-expired"
        failing.receivingMX = "mx2.example.com"
        failing.sendingIP = "2001:db8::25"
        try await fixture.add(organization: "Google Inc.", day: AnalysisFixture.day(1), entries: [failing])
        var tlsa = AnalysisFixture.Entry()
        tlsa.type = "tlsa"
        try await fixture.add(organization: "Microsoft Corporation", day: AnalysisFixture.day(0), entries: [tlsa, .init()])
        var other = AnalysisFixture.Entry()
        other.domain = "example.org"
        other.successful = 7
        try await fixture.add(organization: "Google Inc.", day: AnalysisFixture.day(0), entries: [other])

        let summary = try SummaryBuilder(store: fixture.store).summary(
            domains: [], fromDay: AnalysisFixture.day(6), untilDay: AnalysisFixture.day(0))
        #expect(summary.domains.map(\.domain) == ["example.com", "example.org"])
        let domain = try #require(summary.domains.first)
        #expect(domain.successfulSessions == 90 + 100)
        #expect(domain.failedSessions == 10)
        #expect(domain.reports == 2)
        #expect(domain.organizations == 2)
        #expect(abs(domain.failureRate - 10.0 / 200.0) < 1e-12)
        #expect(domain.byResultType.map(\.key) == ["certificate-expired"])
        #expect(domain.byResultType.map(\.sessions) == [10])
        #expect(domain.byMX.map(\.mx) == ["mx2.example.com"])
        #expect(domain.bySendingIP.map(\.key) == ["2001:db8::25"])
        #expect(domain.byOrganization.map(\.organization).sorted() == ["Google Inc.", "Microsoft Corporation"])
        #expect(domain.days.map(\.day) == [AnalysisFixture.day(1), AnalysisFixture.day(0)])
        #expect(domain.days.map(\.failedSessions) == [10, 0])
        #expect(domain.policyModes == ["testing"])
        #expect(summary.domains.last?.successfulSessions == 7)

        let filtered = try SummaryBuilder(store: fixture.store).summary(
            domains: ["example.org"], fromDay: AnalysisFixture.day(6), untilDay: AnalysisFixture.day(0))
        #expect(filtered.domains.map(\.domain) == ["example.org"])
        let yesterday = try SummaryBuilder(store: fixture.store).summary(
            domains: [], fromDay: AnalysisFixture.day(1), untilDay: AnalysisFixture.day(1))
        #expect(yesterday.domains.map(\.domain) == ["example.com"])
        #expect(yesterday.domains.first?.successfulSessions == 90)
    }
}
