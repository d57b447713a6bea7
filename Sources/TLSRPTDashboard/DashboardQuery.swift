import TLSRPTKit

/// What a page was asked for in its query string: the period (`?last=7d`, `?since=…&until=…`,
/// `?day=…`; the last 28 days by default), the order of the domain list (`?sort=failure-rate`),
/// a search (`?q=`) and the breakdown a domain page shows in full (`?all=organizations`).
public struct DashboardQuery: Sendable {
    public var period: ReportingPeriod
    /// Whether the period was chosen: then readiness is computed as of its last day, as
    /// `readiness --as-of` would; otherwise as of today, as `readiness` does.
    public var periodIsExplicit: Bool
    public var sort: Sort
    /// Only domains whose name contains this (lowercased), when not empty.
    public var search: String
    /// The breakdown of the domain page shown whole rather than its top rows (`?all=`): a
    /// domain with thousands of reporters would otherwise send every row of every table.
    public var expandedBreakdown: Breakdown?
    /// The period parameters as given, for links that keep them (`last=7d`).
    var periodParameters: [(String, String)]

    /// How the domain list is ordered.
    public enum Sort: String, Sendable, CaseIterable {
        case domain
        /// Highest failure rate over the period first.
        case failureRate = "failure-rate"
        /// Most sessions over the period first.
        case sessions
    }

    /// The breakdowns of a domain page, as `?all=` names them.
    public enum Breakdown: String, Sendable, CaseIterable {
        case resultTypes = "result-types"
        case mxHosts = "mx-hosts"
        case organizations
        case sendingIPs = "sending-ips"
    }

    /// The default period: the last 28 complete days.
    public static let defaultLast = "28d"

    /// Why a query string cannot be served (answered 400 with the sentence).
    public struct Problem: Error, Equatable, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Reads the parameters of a query string; `today` is the current UTC day.
    public init(parameters: [String: String], today: Int64) throws(Problem) {
        func value(_ name: String) -> String? {
            guard let text = parameters[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        let given = ["day", "since", "until", "last"].compactMap { name in value(name).map { (name, $0) } }
        periodIsExplicit = !given.isEmpty
        periodParameters = given
        do {
            period = try ReportingPeriod.resolve(
                day: value("day"), yesterday: false, since: value("since"), until: value("until"),
                last: given.isEmpty ? Self.defaultLast : value("last"), today: today)
        } catch {
            throw Problem(description: error.description)
        }
        guard period.untilDay - period.fromDay < 3660 else { throw Problem(description: "a period is at most ten years long") }
        if let sortText = value("sort") {
            guard let sort = Sort(rawValue: sortText) else {
                throw Problem(description: "sort takes " + Sort.allCases.map(\.rawValue).joined(separator: ", "))
            }
            self.sort = sort
        } else {
            sort = .domain
        }
        search = value("q")?.lowercased() ?? ""
        if let breakdown = value("all") {
            guard let known = Breakdown(rawValue: breakdown) else {
                throw Problem(description: "all takes " + Breakdown.allCases.map(\.rawValue).joined(separator: ", "))
            }
            expandedBreakdown = known
        }
    }

    /// The default query: the last 28 days, by domain.
    public init(today: Int64) {
        // The default period always resolves.
        self = (try? DashboardQuery(parameters: [:], today: today)) ?? DashboardQuery(
            period: ReportingPeriod(fromDay: today - 28, untilDay: today - 1))
    }

    /// A query for `period`, as `report --html --last` gives it.
    public init(period: ReportingPeriod, explicit: Bool = true) {
        self.period = period
        periodIsExplicit = explicit
        sort = .domain
        search = ""
        periodParameters = [
            ("since", Timestamp.formatDay(period.fromDay)), ("until", Timestamp.formatDay(period.untilDay)),
        ]
    }

    /// The readiness options of the pages: the command's defaults, as of the period's last day
    /// when a period was chosen.
    func readinessOptions(today: Int64) -> ReadinessOptions {
        var options = ReadinessOptions(asOfDay: periodIsExplicit ? period.untilDay : today)
        options.asOfIsExplicit = periodIsExplicit
        return options
    }
}
