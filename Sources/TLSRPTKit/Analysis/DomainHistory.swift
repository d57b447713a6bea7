/// What the store knows about a domain outside the readiness window, for a window without
/// reports: whether the domain has reports at all, and when.
struct DomainHistory: Sendable, Equatable {
    /// The first and last day the domain has reports for, when it has any.
    var span: DomainSpan?
    /// Every domain in the store, to suggest when the domain has none (a misspelt name).
    var knownDomains: [String]

    /// Nothing beyond the window was looked up: the window itself has reports.
    static let notNeeded = DomainHistory(span: nil, knownDomains: [])

    /// The known domains most likely meant by `name`: those containing it (or contained in it)
    /// first, then the rest, at most `limit`.
    func suggestions(for name: String, limit: Int = 10) -> (names: [String], more: Int) {
        let close = knownDomains.filter { $0.contains(name) || name.contains($0) }
        let ordered = close + knownDomains.filter { !close.contains($0) }
        return (Array(ordered.prefix(limit)), max(0, ordered.count - limit))
    }
}
