import Testing

@testable import TLSRPTKit

@Suite("IPv6 addresses in RFC 5952 form")
struct IPAddressTextTests {
    @Test(
        "spellings of one IPv6 address give the RFC 5952 text",
        arguments: [
            ("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
            ("2001:db8::1", "2001:db8::1"),
            ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),  // §4.2.3: the first of equal runs
            ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),  // §4.2.2: one zero group stays
            ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),  // §4.2.3: the longest run
            ("::", "::"),
            ("0:0:0:0:0:0:0:1", "::1"),
            ("1::", "1::"),
            ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),
            ("0:0:0:0:0:FFFF:C000:0201", "::ffff:192.0.2.1"),  // §5: IPv4-mapped
            ("::192.0.2.1", "::c000:201"),
            ("FE80::ABCD", "fe80::abcd"),
        ])
    func canonical(written: String, expected: String) {
        #expect(IPAddressText.normalized(written) == expected)
    }

    @Test(
        "IPv4 addresses and text that is no IPv6 address stay as written",
        arguments: [
            "192.0.2.1", "192.0.2.010", "fe80::1%eth0", "[2001:db8::1]", "2001:db8::1::2", "1:2:3:4:5:6:7:8:9",
            "2001:db8:::1", ":1::", "1:2:3:4:5:6:7", "12345::", "g::1", "mx.example.com", "::1.2.3", "1:",
            "::256.0.0.1",
        ])
    func unchanged(text: String) {
        #expect(IPAddressText.normalized(text) == text)
    }
}
