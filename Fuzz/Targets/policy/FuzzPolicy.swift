import FuzzSupport
@testable import TLSRPTKit

/// The MTA-STS policy file checker (`tlsrpt policy check`): any bytes give findings, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicy(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    _ = STSPolicyChecker.check(bytes)
    if let text = String(validating: bytes, as: UTF8.self) {
        for line in text.split(separator: "\n").prefix(64) {
            _ = STSPolicy.isValidPattern(String(line))
            _ = MXPattern.matches(String(line), host: "mx.example.com")
        }
    }
    return 0
}

/// The executable's entry point (see `fuzzMain`).
@_cdecl("fuzz_policy_main")
public func fuzzPolicyMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(fuzzPolicy)
}
