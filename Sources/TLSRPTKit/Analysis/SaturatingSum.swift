/// Session sums that cannot overflow.
///
/// Counts are bounded at ingest (``TLSReport/maximumSessionCount``), but a database can hold
/// many millions of entries, or counts stored by a version without the bound: every sum in
/// summaries and readiness saturates at `Int64.max` instead of trapping, so no report can take
/// a command down.
extension Int64 {
    /// `self + other`, or `Int64.max` (`Int64.min`) when the exact sum is larger (smaller).
    func addingSaturated(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }

    /// Adds `other` to `self`, saturating like ``addingSaturated(_:)``.
    mutating func addSaturated(_ other: Int64) {
        self = addingSaturated(other)
    }
}

extension Sequence {
    /// The saturating sum of `value` over the elements.
    func saturatedSum(_ value: (Element) throws -> Int64) rethrows -> Int64 {
        try reduce(0) { $0.addingSaturated(try value($1)) }
    }
}
