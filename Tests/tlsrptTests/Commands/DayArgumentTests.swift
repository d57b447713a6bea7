import Foundation
import Testing

/// Every option that takes a day parses it the same way and says the same thing when it cannot.
@Suite("day options")
struct DayArgumentTests {
    @Test("a day that is not YYYY-MM-DD is a usage error naming the option", arguments: [
        ["readiness", "--as-of", "2026-13-01"],
        ["policy", "example.com", "--as-of", "tomorrow"],
        ["export", "--since", "nope"],
        ["export", "--until", "2026-11"],
    ])
    func invalidDay(_ arguments: [String]) throws {
        let directory = try TemporaryDirectory()
        let result = try CommandRunner.run(arguments + ["--database", directory.database])
        #expect(result.status == 2)
        let option = arguments[arguments.count - 2]
        let value = arguments[arguments.count - 1]
        #expect(result.standardError.contains("'\(option) <date>': takes a date as YYYY-MM-DD, not \"\(value)\""), "\(result.standardError)")
    }

    @Test("a valid day is taken: export --since/--until select by it")
    func validDay() throws {
        let directory = try TemporaryDirectory()
        #expect(try CommandRunner.run(["ingest", "--quiet", "--database", directory.database, CommandRunner.sampleReports.path]).status == 0)
        let all = try CommandRunner.run(["export", "--database", directory.database]).jsonLines()
        let oneDay = try CommandRunner.run(["export", "--since", "2026-11-20", "--until", "2026-11-20", "--database", directory.database]).jsonLines()
        #expect(!oneDay.isEmpty && oneDay.count < all.count)
        let starts = oneDay.compactMap { ($0["date-range"] as? [String: Any])?["start-datetime"] as? String }
        #expect(starts.allSatisfy { $0.hasPrefix("2026-11-20") }, "\(starts)")
    }
}
