extension Evidence {
    /// The figure as people read it, in text and on the dashboard: counts grouped (`34,755`),
    /// rates as percentages, days as dates, durations as the policy writes them, reporter text
    /// with its control characters neutralised; an empty list as `emptyList`, one of more than
    /// `maximumItems` as its first ones and "and N more".
    public func displayValue(emptyList: String = "-", maximumItems: Int? = nil) -> String {
        let safe = TerminalText.sanitized
        switch value {
        case .count(let count): return Figures.grouped(count)
        case .seconds(let seconds): return String(seconds)
        case .rate(let rate): return Figures.percent(rate)
        case .day(let day): return Timestamp.formatDay(day)
        case .text(let text): return safe(text)
        case .list(let list): return Self.displayList(list, emptyList: emptyList, maximumItems: maximumItems)
        }
    }

    /// Names as people read them: neutralised, joined by commas; past `maximumItems`, "and N more".
    public static func displayList(_ list: [String], emptyList: String = "-", maximumItems: Int? = nil) -> String {
        guard !list.isEmpty else { return emptyList }
        let safe = TerminalText.sanitized
        guard let maximumItems, list.count > maximumItems else { return list.map(safe).joined(separator: ", ") }
        return list.prefix(maximumItems).map(safe).joined(separator: ", ") + " and \(Figures.grouped(list.count - maximumItems)) more"
    }

    /// The name as people read it: `recent_sessions` is `recent sessions`.
    public var displayName: String { name.replacingOccurrences(of: "_", with: " ") }
}
