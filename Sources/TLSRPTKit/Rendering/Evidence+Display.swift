extension Evidence {
    /// The figure as people read it, in text and on the dashboard: counts grouped (`34,755`),
    /// rates as percentages, days as dates, durations as the policy writes them, reporter text
    /// with its control characters neutralised; an empty list as `emptyList`.
    public func displayValue(emptyList: String = "-") -> String {
        let safe = TerminalText.sanitized
        switch value {
        case .count(let count): return Figures.grouped(count)
        case .seconds(let seconds): return String(seconds)
        case .rate(let rate): return Figures.percent(rate)
        case .day(let day): return Timestamp.formatDay(day)
        case .text(let text): return safe(text)
        case .list(let list): return list.isEmpty ? emptyList : list.map(safe).joined(separator: ", ")
        }
    }

    /// The name as people read it: `recent_sessions` is `recent sessions`.
    public var displayName: String { name.replacingOccurrences(of: "_", with: " ") }
}
