/// Parsing and formatting of the RFC 3339 date-times TLS-RPT reports carry, without Foundation's
/// date formatters (slow, and too strict for real senders).
///
/// Accepted: `YYYY-MM-DDTHH:MM:SS`, optionally with fractional seconds (ignored), then `Z`, a
/// `±HH:MM` / `±HHMM` offset, or nothing at all (read as UTC, as Microsoft sent in 2023). A space
/// or lowercase `t` may separate date and time; a bare `YYYY-MM-DD` is midnight UTC.
public enum Timestamp {
    /// Seconds since the epoch for `text`, or `nil` when it is not a date-time.
    public static func parse(_ text: String) -> Int64? {
        var bytes = Array(text.utf8)
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes.removeFirst() }
        guard bytes.count >= 10, bytes.count <= 40 else { return nil }

        func number(_ start: Int, _ length: Int) -> Int? {
            guard start + length <= bytes.count else { return nil }
            var value = 0
            for index in start..<(start + length) {
                let byte = bytes[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0, 4), bytes[4] == 0x2D, let month = number(5, 2), bytes[7] == 0x2D,
            let day = number(8, 2), (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        var seconds = Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400
        if bytes.count == 10 { return seconds }

        guard [0x54, 0x74, 0x20].contains(bytes[10]), let hour = number(11, 2), bytes.count > 13, bytes[13] == 0x3A,
            let minute = number(14, 2), hour <= 24, minute <= 59
        else { return nil }
        var index = 16
        var second = 0
        if index < bytes.count, bytes[index] == 0x3A {
            guard let parsed = number(17, 2), parsed <= 60 else { return nil }
            second = parsed
            index = 19
        }
        if index < bytes.count, bytes[index] == 0x2E || bytes[index] == 0x2C {
            index += 1
            let fractionStart = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            guard index > fractionStart else { return nil }
        }
        seconds += Int64(hour * 3600 + minute * 60 + second)
        if index == bytes.count { return seconds }
        switch bytes[index] {
        case 0x5A, 0x7A:  // Z, z
            return index + 1 == bytes.count ? seconds : nil
        case 0x2B, 0x2D:  // +, -
            let sign: Int64 = bytes[index] == 0x2B ? 1 : -1
            guard let offsetHours = number(index + 1, 2), offsetHours <= 23 else { return nil }
            var offsetMinutes = 0
            if index + 3 == bytes.count {
                offsetMinutes = 0
            } else if bytes[index + 3] == 0x3A, index + 6 == bytes.count, let minutes = number(index + 4, 2) {
                offsetMinutes = minutes
            } else if index + 5 == bytes.count, let minutes = number(index + 3, 2) {
                offsetMinutes = minutes
            } else {
                return nil
            }
            guard offsetMinutes <= 59 else { return nil }
            return seconds - sign * Int64(offsetHours * 3600 + offsetMinutes * 60)
        default:
            return nil
        }
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` for `seconds` since the epoch.
    public static func format(_ seconds: Int64) -> String {
        let (days, secondOfDay) = seconds.floorDividedWithRemainder(by: 86_400)
        let time = Int(secondOfDay)
        return formatDay(days) + "T" + twoDigits(time / 3600) + ":" + twoDigits(time / 60 % 60) + ":"
            + twoDigits(time % 60) + "Z"
    }

    /// `YYYY-MM-DD` of the day number `days` since 1970-01-01.
    public static func formatDay(_ days: Int64) -> String {
        let (year, month, day) = civilFromDays(days)
        let yearText = String(year)
        return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + "-" + twoDigits(month) + "-"
            + twoDigits(day)
    }

    /// The day number (days since 1970-01-01, UTC) that contains `seconds`.
    public static func day(of seconds: Int64) -> Int64 {
        seconds.floorDividedWithRemainder(by: 86_400).quotient
    }

    /// Parses a `YYYY-MM-DD` day into its day number, or `nil`.
    public static func parseDay(_ text: String) -> Int64? {
        guard text.utf8.count == 10, let seconds = parse(text) else { return nil }
        return seconds / 86_400
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's `days_from_civil`.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Howard Hinnant's `civil_from_days`.
    static func civilFromDays(_ days: Int64) -> (year: Int, month: Int, day: Int) {
        let shifted = Int(days) + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int64 {
    /// Division rounding towards negative infinity, with a non-negative remainder.
    func floorDividedWithRemainder(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
