import Testing

@testable import TLSRPTKit

@Suite("Timestamp parsing of the date-times real reporters send")
struct TimestampTests {
    @Test(
        "every accepted form gives the same instant",
        arguments: [
            "2023-01-10T00:00:00Z", "2023-01-10T00:00:00", "2023-01-10T00:00:00.000Z", "2023-01-10T00:00:00.5Z",
            "2023-01-10T01:00:00+01:00", "2023-01-09T19:00:00-05:00", "2023-01-10T00:00:00+0000",
            "2023-01-10 00:00:00Z", "2023-01-10t00:00:00z", "2023-01-10", " 2023-01-10T00:00:00Z ",
        ]
    )
    func acceptedForms(_ text: String) {
        #expect(Timestamp.parse(text) == 1_673_308_800)
    }

    @Test(
        "what is not a date-time is refused",
        arguments: ["", "yesterday", "2023-13-01T00:00:00Z", "2023-02-30T00:00:00Z", "2023-01-10T00:00:00Y", "2023-01-10T25:00:00Z",
            "2023-01-10T00:00:00+", "20230110T000000Z", "2023-01-10T00:61:00Z"]
    )
    func refusedForms(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test("formatting is UTC with a Z, and days round-trip")
    func formatting() {
        #expect(Timestamp.format(1_673_395_199) == "2023-01-10T23:59:59Z")
        #expect(Timestamp.format(0) == "1970-01-01T00:00:00Z")
        #expect(Timestamp.format(-1) == "1969-12-31T23:59:59Z")
        #expect(Timestamp.format(951_782_400) == "2000-02-29T00:00:00Z")
        #expect(Timestamp.day(of: 1_673_395_199) == 19367)
        #expect(Timestamp.formatDay(19367) == "2023-01-10")
        #expect(Timestamp.parseDay("2023-01-10") == 19367)
        #expect(Timestamp.parseDay("2023-01-10T00:00:00Z") == nil)
        for day in stride(from: Int64(-800), to: 30_000, by: 97) {
            #expect(Timestamp.parseDay(Timestamp.formatDay(day)) == day)
        }
    }
}
