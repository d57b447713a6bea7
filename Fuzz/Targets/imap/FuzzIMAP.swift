import FuzzSupport
@testable import TLSRPTKit

/// The IMAP response parser: bytes a hostile server sends, in chunks of a size the first byte
/// chooses, give responses or one protocol error, with memory bounded by the limits.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIMAP(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    guard let first = bytes.first else { return 0 }
    let chunk = Int(first % 32) + 1
    var limits = IMAPResponseParser.Limits()
    limits.maximumLineLength = 4096
    limits.maximumLiteralSize = 8192
    limits.maximumLiteralsPerResponse = 4
    var parser = IMAPResponseParser(limits: limits)
    var offset = 1
    parse: while offset < bytes.count {
        parser.append(bytes[offset..<min(bytes.count, offset + chunk)])
        offset += chunk
        while true {
            do {
                guard let response = try parser.next() else { break }
                _ = "\(response)"
            } catch {
                _ = error.description
                break parse
            }
        }
        // Unread bytes stay within one line, one literal and the line after it.
        if parser.bufferedByteCount > limits.maximumLineLength + limits.maximumLiteralSize + 2 * chunk + 4096 {
            fuzzFailure("the parser holds \(parser.bufferedByteCount) bytes")
        }
    }
    return 0
}

/// The executable's entry point (see `fuzzMain`).
@_cdecl("fuzz_imap_main")
public func fuzzImapMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(fuzzIMAP)
}
