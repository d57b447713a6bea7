/// The failure rate of a number of sessions, the one formula every figure and check uses.
enum FailureRate {
    /// failed / (successful + failed); 0 without sessions. Computed in floating point, so that
    /// counts near `Int64.max` give a rate rather than an overflow.
    static func of(successful: Int64, failed: Int64) -> Double {
        let total = Double(successful) + Double(failed)
        return total == 0 ? 0 : Double(failed) / total
    }
}
