import Testing

@testable import TLSRPTKit

/// What `tlsrpt policy` publishes, built directly.
@Suite("PolicyPublication and STSPolicyChecker")
struct PolicyPublicationTests {
    @Test("a new id is the UTC time, made different from the one published")
    func newID() {
        let now = Timestamp.parse("2026-11-24T06:00:00Z")!
        #expect(PolicyPublication.newID(at: now, differentFrom: nil) == "20261124060000")
        #expect(PolicyPublication.newID(at: now, differentFrom: "20261124060000") == "20261124060001")
        #expect(PolicyPublication.isValidID("20261124060000"))
        #expect(!PolicyPublication.isValidID("2026-11-24"))
        #expect(!PolicyPublication.isValidID(String(repeating: "1", count: 33)))
    }

    @Test("the policy file it emits passes the checker, with CRLF lines and version first")
    func emittedFilePassesTheChecker() {
        let policy = STSPolicy(mode: .enforce, mxPatterns: ["mx1.example.com", "*.mx.example.com"], maximumAge: 604_800)
        #expect(policy.fileText == "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmx: *.mx.example.com\r\nmax_age: 604800\r\n")
        let result = STSPolicyChecker.check(Array(policy.fileText.utf8))
        #expect(result.isValid, "\(result.findings)")
        #expect(result.policy == policy)
    }

    @Test("a long rua is split into quoted strings of at most 255 octets that join back to the value")
    func longTXTRecord() throws {
        let rua = (0..<12).map { "mailto:tlsrpt-\($0)@reports.example.com" }.joined(separator: ",")
        let publication = PolicyPublication(
            domain: "example.com", policy: STSPolicy(mode: .testing, mxPatterns: ["mx.example.com"], maximumAge: 86_400),
            id: "20261124060000", reportingAddress: rua)
        let record = try #require(publication.tlsrptRecord)
        let strings = record.split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        #expect(strings.count >= 2)
        #expect(strings.allSatisfy { $0.utf8.count <= 255 })
        #expect(strings.joined() == "v=TLSRPTv1; rua=\(rua)")
    }

    @Test("the checker names the line of a repeated mode and refuses an IP address as mx")
    func checkerFindings() {
        let file = "version: STSv1\nmode: testing\nmode: enforce\nmx: 192.0.2.1\nmax_age: 86400\n"
        let result = STSPolicyChecker.check(Array(file.utf8))
        #expect(!result.isValid)
        #expect(result.findings.contains { $0.severity == .error && $0.line == 3 })
        #expect(result.findings.contains { $0.severity == .error && $0.line == 4 })
        #expect(STSPolicyChecker.check([]).isValid == false)
    }
}
