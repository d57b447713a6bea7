import Foundation
import FuzzSupport
@testable import TLSRPTKit

/// The JSON parser (`JSONValue`), differentially against Foundation's `JSONSerialization` on every
/// input: both accept or both reject, and what both accept has the same value. The documented
/// differences (Fuzz/README.md) are the only exceptions:
/// - nesting deeper than `JSONValue`'s 64 levels is rejected (Foundation allows 512);
/// - an object with a repeated key keeps every member (the report reader takes the first), where
///   Foundation keeps one: such objects are compared on their other keys only;
/// - input that Foundation takes for UTF-16 or UTF-32 (a NUL among the first four bytes) is
///   rejected: JSONValue reads UTF-8, which RFC 8259 §8.1 requires;
/// - a top-level number followed by a NUL byte (`1\0x`) is rejected (RFC 8259); Foundation stops
///   the number at the NUL and accepts it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let ours: Result<JSONValue, JSONValue.SyntaxError>
    do { ours = .success(try JSONValue.parse(bytes)) } catch { ours = .failure(error) }
    let theirs = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    switch (ours, theirs) {
    case (.failure, nil):
        break
    case (.success(let value), let object?):
        compare(value, object, path: "$", input: bytes)
    case (.success(let value), nil):
        fuzzFailure("only JSONValue accepts \(describe(bytes)): \(value)")
    case (.failure(let error), _?):
        if error.message == "the JSON is nested too deeply" { break }
        // Foundation reads UTF-16 and UTF-32 too, recognised by NUL bytes among the first four.
        if bytes.prefix(4).contains(0) { break }
        // Foundation ends a top-level number at a NUL byte and ignores what follows (`1\0x`).
        if theirs is NSNumber, error.message == "unexpected data after the JSON value", bytes[error.offset] == 0 { break }
        fuzzFailure("only Foundation accepts \(describe(bytes)); JSONValue: \(error.message) at \(error.offset)")
    }
    return 0
}

func describe(_ bytes: [UInt8]) -> String {
    String(decoding: bytes.prefix(200), as: UTF8.self).debugDescription
}

func compare(_ value: JSONValue, _ object: Any, path: String, input: [UInt8]) {
    func differ(_ why: String) -> Never {
        fuzzFailure("\(path) differs (\(why)) for \(describe(input)): JSONValue \(value), Foundation \(object)")
    }
    switch value {
    case .null:
        guard object is NSNull else { differ("null") }
    case .bool(let flag):
        guard let number = object as? NSNumber, !(object is String), number.boolValue == flag else { differ("bool") }
    case .integer(let integer):
        guard let number = object as? NSNumber, !(object is Bool) || integer == 0 || integer == 1 else { differ("integer type") }
        guard number.int64Value == integer || number.doubleValue == Double(integer) else { differ("integer value") }
    case .number(let double, _):
        guard let number = object as? NSNumber else { differ("number type") }
        let other = number.doubleValue
        guard other == double || abs(other - double) <= abs(double) * 1e-15 else { differ("number value") }
    case .string(let text):
        guard let string = object as? String, string == text else { differ("string") }
    case .array(let elements):
        guard let array = object as? [Any], array.count == elements.count else { differ("array") }
        for (index, element) in elements.enumerated() { compare(element, array[index], path: "\(path)[\(index)]", input: input) }
    case .object(let members):
        guard let dictionary = object as? [String: Any] else { differ("object type") }
        var counts: [String: Int] = [:]
        for member in members { counts[member.key, default: 0] += 1 }
        guard Set(counts.keys) == Set(dictionary.keys) else { differ("keys") }
        for member in members where counts[member.key] == 1 {
            compare(member.value, dictionary[member.key]!, path: "\(path).\(member.key)", input: input)
        }
    }
}

/// The executable's entry point (see `fuzzMain`).
@_cdecl("fuzz_json_main")
public func fuzzJsonMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(fuzzJSON)
}
