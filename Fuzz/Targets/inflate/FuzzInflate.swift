import FuzzSupport
@testable import TLSRPTKit

/// gzip inflate (`Inflater`): any bytes, with a limit small enough that a bomb is met within one
/// run. What comes out never exceeds the limit; a failure is a value, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInflate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let limit = 1 << 20
    if let output = try? Inflater(limit: limit).inflate(bytes), output.count > limit {
        fuzzFailure("inflated \(output.count) bytes past the \(limit)-byte limit")
    }
    // The raw-deflate path with a preset dictionary, as the store's compressed originals use it.
    if bytes.count > 1 {
        let split = 1 + min(Int(bytes[0]), bytes.count - 1)
        let dictionary = Array(bytes[1..<split])
        if let output = try? Inflater(limit: limit).inflate(raw: Array(bytes[split...]), dictionary: dictionary), output.count > limit {
            fuzzFailure("raw inflate gave \(output.count) bytes past the limit")
        }
    }
    return 0
}

/// The executable's entry point (see `fuzzMain`).
@_cdecl("fuzz_inflate_main")
public func fuzzInflateMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(fuzzInflate)
}
