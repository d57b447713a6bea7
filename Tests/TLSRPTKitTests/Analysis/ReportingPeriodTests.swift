import Testing

@testable import TLSRPTKit

/// `summary`'s period options, resolved directly.
@Suite("ReportingPeriod")
struct ReportingPeriodTests {
    static let today = Timestamp.parseDay("2026-11-24")!

    static func resolve(day: String? = nil, yesterday: Bool = false, since: String? = nil, until: String? = nil, last: String? = nil)
        throws(ReportingPeriod.Problem) -> ReportingPeriod
    {
        try ReportingPeriod.resolve(day: day, yesterday: yesterday, since: since, until: until, last: last, today: today)
    }

    static func days(_ period: ReportingPeriod) -> String {
        Timestamp.formatDay(period.fromDay) + ".." + Timestamp.formatDay(period.untilDay)
    }

    @Test("yesterday by default; a day; --last in days and weeks ends yesterday; --since alone runs to yesterday")
    func periods() throws {
        #expect(Self.days(try Self.resolve()) == "2026-11-23..2026-11-23")
        #expect(Self.days(try Self.resolve(yesterday: true)) == "2026-11-23..2026-11-23")
        #expect(Self.days(try Self.resolve(day: "2026-11-01")) == "2026-11-01..2026-11-01")
        #expect(Self.days(try Self.resolve(last: "7d")) == "2026-11-17..2026-11-23")
        #expect(Self.days(try Self.resolve(last: "4W")) == "2026-10-27..2026-11-23")
        #expect(Self.days(try Self.resolve(since: "2026-11-20")) == "2026-11-20..2026-11-23")
        #expect(Self.days(try Self.resolve(until: "2026-11-10")) == "2026-11-10..2026-11-10")
    }

    @Test("problems are sentences naming the option", arguments: [
        (nil, "2026-11-30", "2026-11-01", nil, "--since is after --until"),
        ("2026-11-01", nil, nil, "7d", "use only one of"),
        ("yesterday", nil, nil, nil, "--day takes a date as YYYY-MM-DD, not \"yesterday\""),
        (nil, nil, nil, "0d", "--last takes a number of days or weeks"),
        (nil, nil, nil, "week", "--last takes a number of days or weeks"),
    ] as [(String?, String?, String?, String?, String)])
    func problems(_ day: String?, _ since: String?, _ until: String?, _ last: String?, _ expected: String) {
        #expect {
            try Self.resolve(day: day, since: since, until: until, last: last)
        } throws: { error in
            (error as? ReportingPeriod.Problem)?.description.contains(expected) == true
        }
    }
}
