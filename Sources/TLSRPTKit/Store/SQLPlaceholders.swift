/// `?, ?, ?` for an SQL `IN (…)` list of `count` bound values.
enum SQLPlaceholders {
    static func list(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }
}
