/// A period of whole UTC days, as `summary` selects it.
public struct ReportingPeriod: Sendable, Equatable {
    /// First day, inclusive (days since the epoch).
    public var fromDay: Int64
    /// Last day, inclusive.
    public var untilDay: Int64

    public init(fromDay: Int64, untilDay: Int64) {
        self.fromDay = fromDay
        self.untilDay = untilDay
    }

    /// Why period options could not be understood.
    public struct Problem: Error, Equatable, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Resolves the period options of `summary`: `--day`, `--yesterday` (the default),
    /// `--since`/`--until` (until defaults to yesterday), or `--last Nd`/`Nw` (N days ending
    /// yesterday, the last complete day). At most one way may be used.
    public static func resolve(
        day: String?, yesterday: Bool, since: String?, until: String?, last: String?, today: Int64
    ) throws(Problem) -> ReportingPeriod {
        let ways = [day != nil, yesterday, since != nil || until != nil, last != nil].filter { $0 }.count
        guard ways <= 1 else { throw Problem(description: "use only one of --day, --yesterday, --since/--until and --last") }
        func parse(_ text: String, _ option: String) throws(Problem) -> Int64 {
            guard let value = Timestamp.parseDay(text) else {
                throw Problem(description: "\(option) takes a date as YYYY-MM-DD, not \"\(text)\"")
            }
            return value
        }
        if let day {
            let value = try parse(day, "--day")
            return ReportingPeriod(fromDay: value, untilDay: value)
        }
        if since != nil || until != nil {
            let end = try until.map { text throws(Problem) in try parse(text, "--until") } ?? today - 1
            let start = try since.map { text throws(Problem) in try parse(text, "--since") } ?? end
            guard start <= end else { throw Problem(description: "--since is after --until") }
            return ReportingPeriod(fromDay: start, untilDay: end)
        }
        if let last {
            let text = last.lowercased()
            let unit: Int64 = text.hasSuffix("w") ? 7 : 1
            let number = text.hasSuffix("d") || text.hasSuffix("w") ? String(text.dropLast()) : text
            guard let count = Int64(number), count >= 1, count <= 3660 else {
                throw Problem(description: "--last takes a number of days or weeks such as 7d or 4w, not \"\(last)\"")
            }
            return ReportingPeriod(fromDay: today - count * unit, untilDay: today - 1)
        }
        return ReportingPeriod(fromDay: today - 1, untilDay: today - 1)
    }
}
