import Foundation
import TLSRPTKit
import Testing

/// ``ReadinessAnalyzer`` called directly on a store filled through the public ingest API.
@Suite("ReadinessAnalyzer: verdicts, the failing check, the policy reporters saw")
struct ReadinessAnalyzerTests {
    static let options = ReadinessOptions(asOfDay: AnalysisFixture.day(0))

    static func check(_ report: ReadinessReport, _ id: ReadinessCheck.Identifier) -> ReadinessCheck? {
        report.checks.first { $0.id == id }
    }

    @Test("28 clean days from two reporters in mode testing: ready, every check passes or warns, the policy corroborated")
    func ready() async throws {
        var fixture = try AnalysisFixture()
        try await fixture.addDaily(organizations: ["Google Inc.", "Microsoft Corporation"], days: 28, entries: [.init()])
        let report = try ReadinessAnalyzer(store: fixture.store).analyze(domain: "example.com", options: Self.options)
        #expect(report.verdict == .ready)
        #expect(!report.checks.contains { $0.status == .fail }, "\(report.checks.filter { $0.status == .fail }.map(\.id))")
        #expect(report.window.daysWithReports == 28)
        #expect(report.window.sessions == 28 * 2 * 100)
        #expect(report.window.recentSessions == 7 * 2 * 100)
        #expect(report.policySeen?.mode == "testing")
        #expect(report.policySeen?.mxPatterns == ["mx1.example.com", "mx2.example.com"])
        #expect(report.policySeen?.isCorroborated == true)
        #expect(report.policySeen?.organizations.sorted() == ["Google Inc.", "Microsoft Corporation"])
    }

    @Test("TLS failures above 0.1 % of recent sessions: not-ready, and tls-failures is the check that fails")
    func notReady() async throws {
        var fixture = try AnalysisFixture()
        try await fixture.addDaily(organizations: ["Google Inc.", "Microsoft Corporation"], days: 28, entries: [.init()])
        var failing = AnalysisFixture.Entry()
        failing.failed = 5
        failing.resultType = "starttls-not-supported"
        try await fixture.add(organization: "Google Inc.", day: AnalysisFixture.day(1), entries: [failing])
        let report = try ReadinessAnalyzer(store: fixture.store).analyze(domain: "example.com", options: Self.options)
        #expect(report.verdict == .notReady)
        #expect(report.checks.filter { $0.status == .fail }.map(\.id) == [.tlsFailures])
        #expect(Self.check(report, .tlsFailures)?.remedy.isEmpty == false)

        // The same five failures outside the recent seven days do not block.
        var older = try AnalysisFixture()
        try await older.addDaily(organizations: ["Google Inc.", "Microsoft Corporation"], days: 28, entries: [.init()])
        try await older.add(organization: "Google Inc.", day: AnalysisFixture.day(20), entries: [failing])
        #expect(try ReadinessAnalyzer(store: older.store).analyze(domain: "example.com", options: Self.options).verdict == .ready)
    }

    @Test("ten days of reports: insufficient-data, with the data check saying so; an unknown domain too")
    func insufficientData() async throws {
        var fixture = try AnalysisFixture()
        try await fixture.addDaily(organizations: ["Google Inc.", "Microsoft Corporation"], days: 10, entries: [.init()])
        let analyzer = ReadinessAnalyzer(store: fixture.store)
        let report = try analyzer.analyze(domain: "example.com", options: Self.options)
        #expect(report.verdict == .insufficientData)
        #expect(Self.check(report, .data)?.status == .warn)
        let unknown = try analyzer.analyze(domain: "other.example", options: Self.options)
        #expect(unknown.verdict == .insufficientData)
        #expect(unknown.window.sessions == 0)
    }

    @Test("reporters that see mode enforce: enforced, whatever else fails")
    func enforced() async throws {
        var fixture = try AnalysisFixture()
        var enforce = AnalysisFixture.Entry()
        enforce.mode = "enforce"
        enforce.failed = 50
        try await fixture.addDaily(organizations: ["Google Inc.", "Microsoft Corporation"], days: 3, entries: [enforce])
        #expect(try ReadinessAnalyzer(store: fixture.store).analyze(domain: "example.com", options: Self.options).verdict == .enforced)
    }

    @Test("the latest policy is the one in the latest report by report time, not the one stored last")
    func latestPolicyByReportTime() async throws {
        var fixture = try AnalysisFixture()
        try await fixture.addDaily(organizations: ["Google Inc.", "Microsoft Corporation"], days: 27, entries: [.init()])
        // On the last day both reporters saw enforce until midnight; reports of the same day that
        // end at 06:00 and still show testing arrive afterwards (a late queue, a re-send).
        var enforce = AnalysisFixture.Entry()
        enforce.mode = "enforce"
        for organization in ["Google Inc.", "Microsoft Corporation"] {
            try await fixture.add(organization: organization, day: AnalysisFixture.day(0), endSecond: 86_399, entries: [enforce])
        }
        for organization in ["Google Inc.", "Microsoft Corporation"] {
            try await fixture.add(organization: organization, day: AnalysisFixture.day(0), endSecond: 21_600, entries: [.init()])
        }
        let report = try ReadinessAnalyzer(store: fixture.store).analyze(domain: "example.com", options: Self.options)
        #expect(report.policySeen?.mode == "enforce")
        #expect(report.verdict == .enforced)
    }

    @Test("an MX pattern only one reporter claims is listed as unconfirmed, and the agreed policy keeps its own patterns")
    func unconfirmedPattern() async throws {
        var fixture = try AnalysisFixture()
        try await fixture.addDaily(organizations: ["Google Inc.", "Microsoft Corporation"], days: 20, entries: [.init()])
        var forged = AnalysisFixture.Entry()
        forged.patterns = ["mx.attacker.example"]
        try await fixture.add(organization: "Forger", day: AnalysisFixture.day(0), endSecond: 86_399, entries: [forged])
        let report = try ReadinessAnalyzer(store: fixture.store).analyze(domain: "example.com", options: Self.options)
        #expect(report.policySeen?.mxPatterns == ["mx1.example.com", "mx2.example.com"])
        #expect(report.unconfirmedPatterns.map(\.pattern) == ["mx.attacker.example"])
        #expect(report.unconfirmedPatterns.first?.organization == "Forger")
    }
}
