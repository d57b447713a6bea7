/// A parsed JSON document (RFC 8259), as the report decoder reads it.
///
/// Foundation's `JSONDecoder` spent most of an ingest's CPU time in its Codable machinery and in
/// the errors thrown by lenient "try this type, then that one" decoding. This parser builds a
/// plain tree in one pass over the bytes; ``RawReport`` then reads it leniently.
enum JSONValue: Sendable, Equatable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    case integer(Int64)
    /// Any other number, with its text as written: a string field given as a number keeps the
    /// reporter's digits (`12345678901234567890` is not `1.2345678901234567e+19`).
    case number(Double, text: String)
    case bool(Bool)
    case null

    static func == (left: JSONValue, right: JSONValue) -> Bool {
        switch (left, right) {
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let a), .array(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.number(let a, _), .number(let b, _)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    /// The member `key` of an object (the first, if repeated), or `nil`.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The strings of a JSON array of strings, or `nil` when `text` is anything else.
    static func stringArray(_ text: String) -> [String]? {
        guard case .array(let elements)? = try? parse(Array(text.utf8)) else { return nil }
        var strings: [String] = []
        for element in elements {
            guard case .string(let string) = element else { return nil }
            strings.append(string)
        }
        return strings
    }

    /// Why bytes are not JSON: a sentence with the byte offset.
    struct SyntaxError: Error, Equatable {
        var message: String
        var offset: Int
    }

    /// Parses `bytes` (UTF-8, an optional byte-order mark and surrounding white space allowed).
    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        return try parser.parseDocument()
    }
}

/// A recursive-descent JSON parser over bytes, depth-limited.
private struct JSONParser {
    let bytes: [UInt8]
    var index = 0
    var depth = 0
    static let maximumDepth = 64

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    mutating func parseDocument() throws(JSONValue.SyntaxError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard index == bytes.count else { throw error("unexpected data after the JSON value") }
        return value
    }

    func error(_ message: String) -> JSONValue.SyntaxError {
        JSONValue.SyntaxError(message: message, offset: index)
    }

    mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
    }

    mutating func parseValue() throws(JSONValue.SyntaxError) -> JSONValue {
        guard index < bytes.count else { throw error("the JSON ends early") }
        switch bytes[index] {
        case 0x7B: return try parseObject()
        case 0x5B: return try parseArray()
        case 0x22: return .string(try parseString())
        case 0x74: return try parseLiteral("true", .bool(true))
        case 0x66: return try parseLiteral("false", .bool(false))
        case 0x6E: return try parseLiteral("null", .null)
        case 0x2D, 0x30...0x39: return try parseNumber()
        default: throw error("unexpected character")
        }
    }

    mutating func parseLiteral(_ word: StaticString, _ value: JSONValue) throws(JSONValue.SyntaxError) -> JSONValue {
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count else { throw error("the JSON ends early") }
        let matches = word.withUTF8Buffer { expected in (0..<length).allSatisfy { bytes[index + $0] == expected[$0] } }
        guard matches else { throw error("unexpected word") }
        index += length
        return value
    }

    mutating func enter() throws(JSONValue.SyntaxError) {
        depth += 1
        if depth > Self.maximumDepth { throw error("the JSON is nested too deeply") }
    }

    mutating func parseObject() throws(JSONValue.SyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == 0x7D {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            if index < bytes.count, bytes[index] == 0x7D, !members.isEmpty {  // a trailing comma, as Foundation allows
                index += 1
                return .object(members)
            }
            guard index < bytes.count, bytes[index] == 0x22 else { throw error("expected a member name") }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == 0x3A else { throw error("expected ':'") }
            index += 1
            skipWhitespace()
            members.append((key, try parseValue()))
            skipWhitespace()
            guard index < bytes.count else { throw error("the JSON ends early") }
            if bytes[index] == 0x2C {
                index += 1
            } else if bytes[index] == 0x7D {
                index += 1
                return .object(members)
            } else {
                throw error("expected ',' or '}'")
            }
        }
    }

    mutating func parseArray() throws(JSONValue.SyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == 0x5D {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            if index < bytes.count, bytes[index] == 0x5D, !elements.isEmpty {  // a trailing comma, as Foundation allows
                index += 1
                return .array(elements)
            }
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw error("the JSON ends early") }
            if bytes[index] == 0x2C {
                index += 1
            } else if bytes[index] == 0x5D {
                index += 1
                return .array(elements)
            } else {
                throw error("expected ',' or ']'")
            }
        }
    }

    mutating func parseString() throws(JSONValue.SyntaxError) -> String {
        index += 1  // opening quote
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 {
                let text = String(validating: bytes[start..<index], as: UTF8.self)
                guard let text else { throw error("a string is not valid UTF-8") }
                index += 1
                return text
            }
            if byte == 0x5C { break }
            if byte < 0x20 { throw error("a control character inside a string") }
            index += 1
        }
        var buffer = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x22:
                index += 1
                guard let text = String(validating: buffer, as: UTF8.self) else { throw error("a string is not valid UTF-8") }
                return text
            case 0x5C:
                index += 1
                guard index < bytes.count else { throw error("the JSON ends early") }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case 0x22, 0x5C, 0x2F: buffer.append(escaped)
                case 0x62: buffer.append(0x08)
                case 0x66: buffer.append(0x0C)
                case 0x6E: buffer.append(0x0A)
                case 0x72: buffer.append(0x0D)
                case 0x74: buffer.append(0x09)
                case 0x75: try appendUnicodeEscape(to: &buffer)
                default: throw error("an invalid escape in a string")
                }
            default:
                if byte < 0x20 { throw error("a control character inside a string") }
                buffer.append(byte)
                index += 1
            }
        }
        throw error("a string is not closed")
    }

    mutating func hexQuad() throws(JSONValue.SyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("the JSON ends early") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw error("an invalid \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// A `\u` escape, or a surrogate pair of two. An unpaired surrogate is an error, as for
    /// Foundation's parser (found by Fuzz/json): it is no character.
    mutating func appendUnicodeEscape(to buffer: inout [UInt8]) throws(JSONValue.SyntaxError) {
        var scalar = try hexQuad()
        if (0xDC00...0xDFFF).contains(scalar) { throw error("a \\u escape is a low surrogate without a high one") }
        if (0xD800...0xDBFF).contains(scalar) {
            guard index + 6 <= bytes.count, bytes[index] == 0x5C, bytes[index + 1] == 0x75 else {
                throw error("a \\u escape is a high surrogate without a low one")
            }
            index += 2
            let low = try hexQuad()
            guard (0xDC00...0xDFFF).contains(low) else { throw error("a \\u escape is a high surrogate without a low one") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        buffer.append(contentsOf: Array(String(character).utf8))
    }

    mutating func parseNumber() throws(JSONValue.SyntaxError) -> JSONValue {
        let start = index
        if bytes[index] == 0x2D { index += 1 }
        let integerStart = index
        while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
        guard index > integerStart else { throw error("a number has no digits") }
        // RFC 8259: no leading zeros (`01`), as Foundation's parser refuses them (found by Fuzz/json).
        if index - integerStart > 1, bytes[integerStart] == 0x30 { throw error("a number has a leading zero") }
        var isInteger = true
        if index < bytes.count, bytes[index] == 0x2E {
            isInteger = false
            index += 1
            let fractionStart = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            guard index > fractionStart else { throw error("a number has no digits after '.'") }
        }
        if index < bytes.count, bytes[index] == 0x65 || bytes[index] == 0x45 {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
            let exponentStart = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            guard index > exponentStart else { throw error("a number has no exponent digits") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let integer = Int64(text) { return .integer(integer) }
        // Beyond Double's range (`1e400`) is an error, not infinity, as for Foundation (Fuzz/json).
        guard let number = Double(text), number.isFinite else { throw error("a number is out of range") }
        return .number(number, text: text)
    }
}
