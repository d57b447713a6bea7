import Foundation
import TLSRPTKit

/// The SVG charts of the pages, drawn on the server: bars of sessions per day with axes, dates
/// and a legend, and sparklines of the daily failure rate.
///
/// The markup holds only numbers, dates and fixed words (never a reporter's string), and its
/// colours come from the page's style sheet, so it follows light and dark mode.
enum SessionChart {
    /// One bar: a day and its sessions.
    struct Day: Sendable, Equatable {
        var day: Int64
        var successful: Int64
        var failed: Int64
    }

    /// Every day of `fromDay...untilDay`, with zeros for days without reports.
    static func days(_ counts: [DomainSummary.DayCount], fromDay: Int64, untilDay: Int64) -> [Day] {
        let byDay = Dictionary(counts.map { ($0.day, $0) }, uniquingKeysWith: { first, _ in first })
        guard untilDay >= fromDay else { return [] }
        return (fromDay...untilDay).map { day in
            Day(day: day, successful: byDay[day]?.successfulSessions ?? 0, failed: byDay[day]?.failedSessions ?? 0)
        }
    }

    static let width = 720.0
    static let height = 240.0
    static let left = 64.0
    static let right = 12.0
    static let top = 28.0
    static let bottom = 40.0

    /// Stacked bars (successful below, failed above) per day, or only the failed sessions when
    /// `failedOnly` (failures are often too few to see beside the successes).
    static func bars(_ days: [Day], failedOnly: Bool, title: String) -> String {
        let values = days.map { failedOnly ? Double($0.failed) : Double($0.successful) + Double($0.failed) }
        let scale = Axis(maximum: values.max() ?? 0)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let slot = days.isEmpty ? plotWidth : plotWidth / Double(days.count)
        let barWidth = max(1, slot * 0.72)
        var svg = """
            <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(HTMLText.escaped(title))" xmlns="http://www.w3.org/2000/svg">
            <title>\(HTMLText.escaped(title))</title>

            """
        for tick in scale.ticks {
            let y = top + plotHeight - plotHeight * tick / scale.top
            svg += "<line class=\"grid\" x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(width - right))\" y2=\"\(f(y))\"/>"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(Axis.label(tick))</text>\n"
        }
        for (index, day) in days.enumerated() {
            let x = left + Double(index) * slot + (slot - barWidth) / 2
            let failedHeight = plotHeight * Double(day.failed) / scale.top
            let successfulHeight = failedOnly ? 0 : plotHeight * Double(day.successful) / scale.top
            let base = top + plotHeight
            let date = Timestamp.formatDay(day.day)
            if successfulHeight > 0 {
                svg += "<rect class=\"successful\" x=\"\(f(x))\" y=\"\(f(base - successfulHeight))\" width=\"\(f(barWidth))\" height=\"\(f(successfulHeight))\">"
                svg += "<title>\(date): \(Figures.grouped(day.successful)) successful</title></rect>"
            }
            if failedHeight > 0 {
                svg += "<rect class=\"failed\" x=\"\(f(x))\" y=\"\(f(base - successfulHeight - failedHeight))\" width=\"\(f(barWidth))\" height=\"\(f(failedHeight))\">"
                svg += "<title>\(date): \(Figures.grouped(day.failed)) failed</title></rect>"
            }
            svg += "\n"
        }
        // Dates under the axis: at most about eight labels.
        let step = max(1, Int((Double(days.count) / 8).rounded(.up)))
        for (index, day) in days.enumerated() where index % step == 0 || index == days.count - 1 && days.count <= 8 {
            let x = left + Double(index) * slot + slot / 2
            svg += "<text x=\"\(f(x))\" y=\"\(f(height - bottom + 16))\" text-anchor=\"middle\">\(shortDate(day.day))</text>"
        }
        svg += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(width - right))\" y2=\"\(f(top + plotHeight))\"/>"
        svg += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + plotHeight))\"/>\n"
        svg += "<text x=\"\(f(left))\" y=\"\(f(height - 6))\">UTC day</text>"
        svg += "<text x=\"4\" y=\"14\">sessions</text>"
        // The legend, top right.
        var legendX = width - right - (failedOnly ? 80 : 230)
        if !failedOnly {
            svg += "<rect class=\"successful\" x=\"\(f(legendX))\" y=\"6\" width=\"12\" height=\"12\"/>"
            svg += "<text x=\"\(f(legendX + 16))\" y=\"16\">successful</text>"
            legendX += 140
        }
        svg += "<rect class=\"failed\" x=\"\(f(legendX))\" y=\"6\" width=\"12\" height=\"12\"/>"
        svg += "<text x=\"\(f(legendX + 16))\" y=\"16\">failed</text>\n</svg>"
        return svg
    }

    /// A small line of the daily failure rate, 0 at the bottom and the period's highest rate
    /// (at least 1 %) at the top.
    static func sparkline(_ days: [Day]) -> String {
        let rates = days.map { day -> Double? in
            let total = Double(day.successful) + Double(day.failed)
            return total == 0 ? nil : Double(day.failed) / total
        }
        let top = max(0.01, rates.compactMap { $0 }.max() ?? 0)
        let sparkWidth = 120.0
        let sparkHeight = 26.0
        let step = days.count > 1 ? sparkWidth / Double(days.count - 1) : 0
        var points: [String] = []
        for (index, rate) in rates.enumerated() {
            guard let rate else { continue }
            points.append("\(f(Double(index) * step)),\(f(sparkHeight - 2 - (sparkHeight - 4) * rate / top))")
        }
        let maximum = Figures.percent(rates.compactMap { $0 }.max() ?? 0)
        var svg = "<svg class=\"sparkline\" viewBox=\"0 0 \(Int(sparkWidth)) \(Int(sparkHeight))\" role=\"img\" "
        svg += "aria-label=\"daily failure rate, highest \(maximum)\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title>daily failure rate, highest \(maximum)</title>"
        svg += "<line class=\"grid\" x1=\"0\" y1=\"\(f(sparkHeight - 2))\" x2=\"\(f(sparkWidth))\" y2=\"\(f(sparkHeight - 2))\"/>"
        if points.count == 1 {
            let xy = points[0].split(separator: ",")
            svg += "<circle class=\"failed\" cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"2\"/>"
        } else if !points.isEmpty {
            svg += "<polyline class=\"rate\" points=\"\(points.joined(separator: " "))\"/>"
        }
        return svg + "</svg>"
    }

    /// `11-28` for 2026-11-28.
    static func shortDate(_ day: Int64) -> String {
        String(Timestamp.formatDay(day).dropFirst(5))
    }

    static func f(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// A y axis from 0 to a round number at or above the largest value, with four steps.
    struct Axis {
        var top: Double
        var ticks: [Double]

        init(maximum: Double) {
            let raw = max(maximum, 1) / 4
            let magnitude = pow10(floor(log10(raw)))
            let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
            top = step * 4
            ticks = (0...4).map { Double($0) * step }
        }

        static func label(_ value: Double) -> String {
            if value >= 1_000_000_000 { return trimmed(value / 1_000_000_000) + "G" }
            if value >= 1_000_000 { return trimmed(value / 1_000_000) + "M" }
            if value >= 10_000 { return trimmed(value / 1_000) + "k" }
            return trimmed(value)
        }

        static func trimmed(_ value: Double) -> String {
            let rounded = (value * 10).rounded() / 10
            return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
        }
    }
}

private func pow10(_ exponent: Double) -> Double {
    var result = 1.0
    if exponent >= 0 {
        for _ in 0..<Int(exponent) { result *= 10 }
    } else {
        for _ in 0..<Int(-exponent) { result /= 10 }
    }
    return result
}
