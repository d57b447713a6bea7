import Testing

@testable import TLSRPTKit

/// The counting rules, called directly: one entry per report and policy domain.
@Suite("SessionCounting")
struct SessionCountingTests {
    static func record(report: Int64, position: Int, type: TLSReport.PolicyType = .sts, domain: String = "example.com", successful: Int64, failed: Int64)
        -> PolicyRecord
    {
        PolicyRecord(
            reportRow: report, position: position, organizationName: "Reporter", day: 20_400,
            policy: TLSReport.Policy(
                policyType: type, policyDomain: domain, policyStrings: [], mxHosts: [], successfulSessionCount: successful,
                failedSessionCount: failed, failureDetails: []))
    }

    @Test("Microsoft's tlsa and sts copies of one report's sessions count once: the larger entry")
    func copiesCountOnce() {
        let records = [
            Self.record(report: 1, position: 0, type: .tlsa, successful: 90, failed: 10),
            Self.record(report: 1, position: 1, type: .sts, successful: 95, failed: 10),
        ]
        let counted = SessionCounting.countedEntries(records)
        #expect(counted.map(\.position) == [1])
    }

    @Test("on a tie the first entry counts; other reports and other domains count too, in their order")
    func tiesAndOthers() {
        let records = [
            Self.record(report: 1, position: 0, successful: 10, failed: 0),
            Self.record(report: 1, position: 1, successful: 5, failed: 5),
            Self.record(report: 1, position: 2, domain: "other.example", successful: 1, failed: 0),
            Self.record(report: 2, position: 0, successful: 3, failed: 0),
        ]
        let counted = SessionCounting.countedEntries(records)
        #expect(counted.map { "\($0.reportRow)/\($0.position)" } == ["1/0", "1/2", "2/0"])
    }

    @Test("the mode an entry shows")
    func modes() {
        var sts = Self.record(report: 1, position: 0, successful: 1, failed: 0).policy
        sts.policyStrings = ["version: STSv1", "mode: Enforce", "mx: mx.example.com", "max_age: 86400"]
        #expect(SessionCounting.mode(of: sts) == "enforce")
        #expect(SessionCounting.mode(of: Self.record(report: 1, position: 0, type: .noPolicyFound, successful: 1, failed: 0).policy) == "no-policy-found")
        #expect(SessionCounting.mode(of: Self.record(report: 1, position: 0, type: .tlsa, successful: 1, failed: 0).policy) == nil)
        #expect(SessionCounting.mode(of: Self.record(report: 1, position: 0, type: .other("x-new"), successful: 1, failed: 0).policy) == nil)
    }

    @Test("policy types: the three RFC 8460 values, anything else kept verbatim")
    func policyTypes() {
        for text in ["sts", "tlsa", "no-policy-found", "x-future-type"] {
            #expect(TLSReport.PolicyType(text).rawValue == text)
        }
        #expect(TLSReport.PolicyType("no-policy-found") == .noPolicyFound)
        #expect(TLSReport.PolicyType("x-future-type") == .other("x-future-type"))
    }

    @Test("failure rates: 0 without sessions, and no overflow near Int64.max")
    func failureRates() {
        #expect(FailureRate.of(successful: 0, failed: 0) == 0)
        #expect(FailureRate.of(successful: 3, failed: 1) == 0.25)
        #expect(FailureRate.of(successful: .max, failed: .max) == 0.5)
    }
}
