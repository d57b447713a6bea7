/// Small helpers so sentences for people read right: `1 session`, `34,755 sessions`.
enum Wording {
    /// `count`, its digits grouped as ``Figures/grouped(_:)-(Int64)`` writes them, and `noun`, in the
    /// plural unless `count` is 1: `1 day`, `0 days`, `34,755 sessions`.
    static func count(_ count: Int64, _ noun: String, plural: String? = nil) -> String {
        Figures.grouped(count) + " " + (count == 1 ? noun : plural ?? noun + "s")
    }

    /// `count` and `noun`, in the plural unless `count` is 1.
    static func count(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        Self.count(Int64(count), noun, plural: plural)
    }

    /// `the last day`, `the last 7 days`.
    static func lastDays(_ count: Int) -> String {
        count == 1 ? "the last day" : "the last \(count) days"
    }
}
