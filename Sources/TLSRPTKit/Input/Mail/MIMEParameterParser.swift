/// Parses structured MIME header values such as `Content-Type` and `Content-Disposition`:
/// a leading value followed by `; attribute=value` parameters (RFC 2045 §5.1, RFC 2183),
/// including RFC 2231 continuations (`name*0=`, `name*1*=`) and charset/language-tagged values
/// (`filename*=utf-8''%E2%82%AC.json`).
///
/// Lenient by design, because real report mail is messy:
/// * quoted and unquoted values, unquoted values containing tspecials such as `=` (`boundary=----=_Part`);
/// * empty parameters and a trailing `;`; white space (the header is already unfolded) around `;` and `=`;
/// * comments in parentheses, nested and with `\` escapes, between the syntactic elements;
/// * an unterminated quoted string or comment runs to the end of the value;
/// * attributes without `=` are skipped; the first occurrence of a duplicated attribute wins;
/// * an RFC 2231 value replaces the plain value of the same attribute.
///
/// Attribute names are lowercased. Values are not RFC 2047-decoded here (see `EncodedWordDecoder`).
enum MIMEParameterParser {
    /// A parsed header value.
    struct ParsedValue: Sendable, Equatable {
        /// The leading value (e.g. `multipart/report`, `attachment`) without comments, trimmed, case preserved.
        var value: String
        /// Parameters keyed by lowercased attribute name.
        var parameters: [String: String]
    }

    /// One section of an RFC 2231 parameter (`name*N` or `name*N*`).
    private struct Section {
        /// The raw value bytes (still percent-encoded when `isEncoded`).
        var bytes: [UInt8]
        /// Whether the attribute ended in `*`: percent-encoded, with a `charset'language'` prefix in section 0.
        var isEncoded: Bool
    }

    /// The largest RFC 2231 section number accepted; higher numbers are ignored.
    static let maximumSectionNumber = 999

    /// Parses `headerValue` (an unfolded header field body).
    static func parse(_ headerValue: String) -> ParsedValue {
        let bytes = Array(headerValue.utf8)
        var scanner = Scanner(bytes: bytes)
        let value = scanner.readLeadingValue()

        var plainParameters: [String: String] = [:]
        var extendedSections: [String: [Int: Section]] = [:]
        while let parameter = scanner.readParameter() {
            if let extended = extendedAttribute(parameter.attribute) {
                if extendedSections[extended.name]?[extended.section] == nil {
                    extendedSections[extended.name, default: [:]][extended.section] =
                        Section(bytes: parameter.value, isEncoded: extended.isEncoded)
                }
            } else if plainParameters[parameter.attribute] == nil {
                plainParameters[parameter.attribute] = MailByteScanning.string(fromHeaderBytes: parameter.value)
            }
        }
        for (name, sections) in extendedSections {
            plainParameters[name] = assemble(sections)
        }
        return ParsedValue(value: MailByteScanning.string(fromHeaderBytes: value), parameters: plainParameters)
    }

    /// Splits an RFC 2231 attribute (`name*`, `name*3`, `name*3*`) into its base name, section number and
    /// whether it is percent-encoded; `nil` for a plain attribute.
    private static func extendedAttribute(_ attribute: String) -> (name: String, section: Int, isEncoded: Bool)? {
        guard attribute.utf8.contains(UInt8(ascii: "*")) else { return nil }
        var remainder = Substring(attribute)
        var isEncoded = false
        if remainder.hasSuffix("*") {
            isEncoded = true
            remainder = remainder.dropLast()
        }
        guard let star = remainder.firstIndex(of: "*") else {
            // `name*`: a single encoded section.
            return remainder.isEmpty ? nil : (String(remainder), 0, isEncoded)
        }
        let name = remainder[..<star]
        let digits = remainder[remainder.index(after: star)...]
        guard !name.isEmpty, !digits.isEmpty, digits.count <= 4,
              digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let number = Int(digits), number <= maximumSectionNumber
        else { return nil }
        return (String(name), number, isEncoded)
    }

    /// Joins RFC 2231 sections in numeric order and decodes them with the charset of section 0.
    private static func assemble(_ sections: [Int: Section]) -> String {
        var charset: String?
        var joined: [UInt8] = []
        let numbers = sections.keys.sorted()
        for number in numbers {
            guard let section = sections[number] else { continue }
            var payload = section.bytes[...]
            if section.isEncoded {
                if number == numbers.first {
                    // `charset'language'value`; a value without the two quotes is taken as it is.
                    if let firstQuote = payload.firstIndex(of: UInt8(ascii: "'")),
                       let secondQuote = payload[(firstQuote + 1)...].firstIndex(of: UInt8(ascii: "'")) {
                        let label = payload[payload.startIndex..<firstQuote]
                        if !label.isEmpty {
                            charset = MailByteScanning.string(fromHeaderBytes: label)
                        }
                        payload = payload[(secondQuote + 1)...]
                    }
                }
                joined += percentDecoded(payload)
            } else {
                joined += payload
            }
        }
        return MIMECharset.decode(joined, charset: charset)
    }

    /// Decodes `%XX` escapes; a `%` not followed by two hex digits is kept literally.
    private static func percentDecoded(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
               let high = MailByteScanning.hexValue(bytes[index + 1]), let low = MailByteScanning.hexValue(bytes[index + 2]) {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }


    // MARK: - Tokenizer

    /// A forward-only cursor over the header bytes. Every loop advances, so parsing is linear.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        private var isAtEnd: Bool { index >= bytes.count }

        /// Skips white space and (nested) comments.
        mutating func skipWhitespaceAndComments() {
            while !isAtEnd {
                let byte = bytes[index]
                if MailByteScanning.isWhitespace(byte) {
                    index += 1
                } else if byte == UInt8(ascii: "(") {
                    skipComment()
                } else {
                    return
                }
            }
        }

        /// Skips a comment starting at `(`, honouring nesting and `\` escapes.
        private mutating func skipComment() {
            var depth = 0
            while !isAtEnd {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == UInt8(ascii: "(") {
                    depth += 1
                } else if byte == UInt8(ascii: ")") {
                    depth -= 1
                    if depth == 0 { return }
                }
            }
            index = min(index, bytes.count)
        }

        /// Reads the value before the first `;`, dropping comments and white space around it.
        mutating func readLeadingValue() -> [UInt8] {
            var value: [UInt8] = []
            skipWhitespaceAndComments()
            while !isAtEnd {
                let byte = bytes[index]
                if byte == UInt8(ascii: ";") {
                    break
                } else if byte == UInt8(ascii: "(") {
                    skipComment()
                } else if byte == UInt8(ascii: "\"") {
                    value += readQuotedString()
                } else {
                    value.append(byte)
                    index += 1
                }
            }
            return Array(MailByteScanning.trimmingWhitespace(value[...]))
        }

        /// Reads the next `attribute=value` pair, skipping malformed ones; `nil` at the end.
        mutating func readParameter() -> (attribute: String, value: [UInt8])? {
            while !isAtEnd {
                skipWhitespaceAndComments()
                guard !isAtEnd else { return nil }
                if bytes[index] == UInt8(ascii: ";") {
                    index += 1
                    continue
                }
                let attributeStart = index
                while !isAtEnd {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "=") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "(")
                        || byte == UInt8(ascii: "\"") || MailByteScanning.isWhitespace(byte) {
                        break
                    }
                    index += 1
                }
                let attributeBytes = bytes[attributeStart..<index]
                skipWhitespaceAndComments()
                guard !attributeBytes.isEmpty, !isAtEnd, bytes[index] == UInt8(ascii: "=") else {
                    skipToNextParameter()
                    continue
                }
                index += 1
                skipWhitespaceAndComments()
                let value: [UInt8]
                if !isAtEnd, bytes[index] == UInt8(ascii: "\"") {
                    value = readQuotedString()
                    skipToNextParameter()
                } else {
                    value = readUnquotedValue()
                }
                let attribute = String(decoding: attributeBytes.map(MailByteScanning.lowercased), as: UTF8.self)
                return (attribute, value)
            }
            return nil
        }

        /// Reads a quoted string starting at `"`, resolving `\` escapes; an unterminated one runs to the end.
        private mutating func readQuotedString() -> [UInt8] {
            index += 1
            // Fast path: no escapes before the closing quote.
            var end = index
            while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
            if end >= bytes.count || bytes[end] == UInt8(ascii: "\"") {
                let value = Array(bytes[index..<end])
                index = min(end + 1, bytes.count)
                return value
            }
            var value = Array(bytes[index..<end])
            index = end
            while !isAtEnd {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\"") {
                    return value
                } else if byte == UInt8(ascii: "\\"), !isAtEnd {
                    value.append(bytes[index])
                    index += 1
                } else {
                    value.append(byte)
                }
            }
            return value
        }

        /// Reads an unquoted value up to `;`, trimmed, without a trailing comment.
        private mutating func readUnquotedValue() -> [UInt8] {
            let start = index
            var commentStart: Int?
            while !isAtEnd, bytes[index] != UInt8(ascii: ";") {
                if bytes[index] == UInt8(ascii: "("), commentStart == nil, index > start,
                   MailByteScanning.isWhitespace(bytes[index - 1]) {
                    commentStart = index
                }
                if commentStart != nil {
                    // Inside or after a comment: skip it as a unit so a `;` inside it does not end the value.
                    if bytes[index] == UInt8(ascii: "(") {
                        skipComment()
                        continue
                    }
                }
                index += 1
            }
            let end = commentStart ?? index
            return Array(MailByteScanning.trimmingWhitespace(bytes[start..<end]))
        }

        /// Skips everything up to and including the next `;` outside quotes and comments.
        private mutating func skipToNextParameter() {
            while !isAtEnd {
                let byte = bytes[index]
                if byte == UInt8(ascii: ";") {
                    index += 1
                    return
                } else if byte == UInt8(ascii: "\"") {
                    _ = readQuotedString()
                } else if byte == UInt8(ascii: "(") {
                    skipComment()
                } else {
                    index += 1
                }
            }
        }
    }
}
