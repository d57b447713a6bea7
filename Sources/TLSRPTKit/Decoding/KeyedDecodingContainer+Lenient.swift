import Foundation

/// Decoding helpers that accept the shapes real TLS-RPT senders use instead of the RFC's.
extension KeyedDecodingContainer {
    /// A string field: missing, `null` and `""` give `nil`; numbers and booleans are kept as text.
    func lenientText(_ key: Key) throws -> String? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        let text: String
        if let string = try? decode(String.self, forKey: key) {
            text = string
        } else if let integer = try? decode(Int64.self, forKey: key) {
            text = String(integer)
        } else if let number = try? decode(Double.self, forKey: key) {
            text = String(number)
        } else if let flag = try? decode(Bool.self, forKey: key) {
            text = String(flag)
        } else {
            throw DecodingError.typeMismatch(
                String.self,
                .init(codingPath: codingPath + [key], debugDescription: "expected a string")
            )
        }
        return text.isEmpty ? nil : text
    }

    /// A list of strings: missing or `null` give `[]`, a bare string gives one element, and
    /// `null` or `""` elements are dropped.
    func lenientTextList(_ key: Key) throws -> [String] {
        guard contains(key), try !decodeNil(forKey: key) else { return [] }
        if let single = try? decode(String.self, forKey: key) {
            return single.isEmpty ? [] : [single]
        }
        guard let list = try? decode([String?].self, forKey: key) else {
            throw DecodingError.typeMismatch(
                [String].self,
                .init(codingPath: codingPath + [key], debugDescription: "expected a string or an array of strings")
            )
        }
        return list.compactMap { $0 }.filter { !$0.isEmpty }
    }

    /// A session count: missing or `null` give 0; a string of digits is read as a number; a
    /// negative, fractional or non-numeric value throws.
    func lenientCount(_ key: Key) throws -> Int64 {
        guard contains(key), try !decodeNil(forKey: key) else { return 0 }
        func invalid(_ shown: String) -> DecodingError {
            .dataCorrupted(
                .init(
                    codingPath: codingPath + [key],
                    debugDescription: "is \(shown); counts must be non-negative integers"
                )
            )
        }
        if let integer = try? decode(Int64.self, forKey: key) {
            guard integer >= 0 else { throw invalid(String(integer)) }
            return integer
        }
        if let number = try? decode(Double.self, forKey: key) {
            guard number >= 0, number.rounded() == number, number < 9e15 else { throw invalid(String(number)) }
            return Int64(number)
        }
        if let text = try? decode(String.self, forKey: key) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed.utf8.count <= 18, trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let value = Int64(trimmed)
            else { throw invalid("\"\(text.prefix(40))\"") }
            return value
        }
        throw invalid("not a number")
    }
}
