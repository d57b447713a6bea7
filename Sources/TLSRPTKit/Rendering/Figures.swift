/// How numbers are written for people, everywhere tlsrpt prints them.
public enum Figures {
    /// `12,345` for 12345.
    public static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var result = value < 0 ? "-" : ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }

    /// `12,345` for 12345.
    public static func grouped(_ value: Int) -> String { grouped(Int64(value)) }

    /// `0.99%` for 0.0099: a rate as a percentage with two decimals.
    public static func percent(_ rate: Double) -> String {
        guard rate.isFinite else { return "n/a" }
        let hundredths = Int64((rate * 10_000).rounded())
        let fraction = hundredths.magnitude % 100
        return String(hundredths / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction) + "%"
    }
}
