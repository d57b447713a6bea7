import ArgumentParser
import TLSRPTKit

/// A UTC day given on the command line as `YYYY-MM-DD` (`--as-of`, `--since`, `--until`).
struct Day: ExpressibleByArgument, Sendable {
    /// Days since the epoch.
    let number: Int64

    init?(argument: String) {
        guard let number = Timestamp.parseDay(argument) else { return nil }
        self.number = number
    }

    /// For `@Option(transform:)`: a day, or a sentence saying what is expected.
    static func parse(_ text: String) throws -> Day {
        guard let day = Day(argument: text) else { throw ValidationError("takes a date as YYYY-MM-DD, not \"\(text)\"") }
        return day
    }
}
