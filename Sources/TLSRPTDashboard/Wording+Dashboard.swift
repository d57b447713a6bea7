import TLSRPTKit

/// Small phrases of the pages.
enum PageWording {
    /// `1 day`, `28 days`, `1,234 reports`.
    static func count(_ count: Int64, _ noun: String) -> String {
        Figures.grouped(count) + " " + (count == 1 ? noun : noun + "s")
    }

    static func count(_ count: Int, _ noun: String) -> String { self.count(Int64(count), noun) }

    /// Successful plus failed sessions, at most `Int64.max`.
    static func total(_ successful: Int64, _ failed: Int64) -> Int64 {
        let (sum, overflow) = successful.addingReportingOverflow(failed)
        return overflow ? .max : sum
    }
}
