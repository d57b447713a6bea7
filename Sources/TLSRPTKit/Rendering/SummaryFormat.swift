/// Number, date and wording helpers shared by the ``PeriodSummary`` renderers.
enum SummaryFormat {
    /// `2026-11-22 to 2026-11-28`, or the one day when the period is a single day.
    static func period(_ summary: PeriodSummary) -> String {
        summary.fromDay == summary.untilDay
            ? Timestamp.formatDay(summary.fromDay)
            : Timestamp.formatDay(summary.fromDay) + " to " + Timestamp.formatDay(summary.untilDay)
    }

    /// `2026-11-22..2026-11-28`: the period as the CSV `day` cell of whole-period rows.
    static func periodRange(_ summary: PeriodSummary) -> String {
        Timestamp.formatDay(summary.fromDay) + ".." + Timestamp.formatDay(summary.untilDay)
    }

    /// The sentence shown when there is nothing to summarise.
    static func noReports(_ summary: PeriodSummary) -> String {
        "No reports between " + Timestamp.formatDay(summary.fromDay) + " and " + Timestamp.formatDay(summary.untilDay)
            + "."
    }

    /// `1 domain`, `3 domains`.
    static func counted(_ count: Int64, _ singular: String, _ plural: String) -> String {
        Figures.grouped(count) + " " + (count == 1 ? singular : plural)
    }

    /// The note shown when the failure details and the summary counters disagree.
    static func disagreementNote(_ domain: DomainSummary) -> String {
        "failure details add up to " + Figures.grouped(domain.detailedFailedSessions)
            + " failed sessions, the summary counters to " + Figures.grouped(domain.failedSessions)
            + "; totals use the counters"
    }

    /// The label of a policy mode list: the modes joined, or `none`.
    static func modes(_ modes: [String], escape: (String) -> String) -> String {
        modes.isEmpty ? "none" : modes.map(escape).joined(separator: ", ")
    }
}
