import Testing

@testable import TLSRPTKit

/// The stored `fingerprint` and `key_hash` columns are FNV-1a values: the fast paths must give
/// exactly what hashing the bytes one by one gives, or stored reports stop matching new ones.
@Suite("FNV-1a: fast paths agree with the byte-by-byte definition")
struct FNV1aTests {
    @Test("a string hashes as its UTF-8 bytes", arguments: ["", "Google Inc.", "mx.é.example", "😀\u{0}x"])
    func string(_ text: String) {
        #expect(FNV1a.hash(text) == FNV1a.hash(Array(text.utf8)))
        #expect(FNV1a.hash(text, continuing: 42) == FNV1a.hash(Array(text.utf8), continuing: 42))
    }

    @Test(
        "a number hashes as its decimal text",
        arguments: [0, 7, -1, 10, 1_700_000_000, Int64.max, Int64.min] as [Int64]
    )
    func decimal(_ value: Int64) {
        #expect(FNV1a.hash(decimal: value) == FNV1a.hash(Array(String(value).utf8)))
        #expect(FNV1a.hash(decimal: value, continuing: 99) == FNV1a.hash(Array(String(value).utf8), continuing: 99))
    }

    @Test("the key hash of a report is FNV-1a of organization-name, NUL, report-id")
    func keyHash() {
        let report = TLSReport(
            organizationName: "Google Inc.", reportID: "2026-11-01T00:00:00Z_example.com", contactInfo: nil,
            startTime: 0, endTime: 0, policies: [])
        // Computed independently (Python) from the bytes.
        #expect(report.keyHash == 0xbfec_d50d_14b5_2851)
    }

    @Test("the fingerprint is FNV-1a of the fields, each followed by 0x1F, as the store has always computed it")
    func fingerprint() {
        let detail = TLSReport.FailureDetail(
            resultType: "certificate-expired", sendingMTAIP: "192.0.2.1", receivingMXHostname: "mx.example.com",
            receivingMXHelo: nil, receivingIP: "198.51.100.2", failedSessionCount: -3, additionalInformation: nil,
            failureReasonCode: "X509")
        let policy = TLSReport.Policy(
            policyType: .sts, policyDomain: "example.com", policyStrings: ["version: STSv1", "mode: testing"],
            mxHosts: ["mx.example.com"], successfulSessionCount: 1_234, failedSessionCount: 3, failureDetails: [detail])
        let report = TLSReport(
            organizationName: "Ëxample Org", reportID: "r-1", contactInfo: nil, startTime: 1_700_000_000,
            endTime: 1_700_086_399, policies: [policy])
        let fields: [String?] = [
            "Ëxample Org", "r-1", nil, "1700000000", "1700086399", "policy", "sts", "example.com", "version: STSv1",
            "mode: testing", "mx", "mx.example.com", "1234", "3", "detail", "certificate-expired", "192.0.2.1",
            "mx.example.com", nil, "198.51.100.2", "-3", nil, "X509",
        ]
        var bytes: [UInt8] = []
        for field in fields {
            bytes += Array((field ?? "\u{0}").utf8)
            bytes.append(0x1F)
        }
        #expect(report.fingerprint == FNV1a.hash(bytes))
    }

    @Test("a policy text's hash is FNV-1a of its strings, NUL, its hosts, as stored in policy_text.hash")
    func policyTextHash() {
        let policy = TLSReport.Policy(
            policyType: .sts, policyDomain: "example.com", policyStrings: ["version: STSv1", "mode: enforce"],
            mxHosts: ["*.example.com"], successfulSessionCount: 1, failedSessionCount: 0, failureDetails: [])
        let text = PreparedReport.PolicyText(policy)
        #expect(text.strings == #"["version: STSv1","mode: enforce"]"#)
        #expect(text.hosts == #"["*.example.com"]"#)
        #expect(text.hash == Int64(bitPattern: FNV1a.hash(Array((text.strings + "\u{0}" + text.hosts).utf8))))
    }
}
