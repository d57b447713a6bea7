import FuzzSupport
@testable import TLSRPTKit

/// The body path of `tlsrpt serve`: a POSTed body is sniffed (gzip, JSON, an e-mail message,
/// HTML, zip, anything) and decoded as a claimed report, as `ReportIngestor` does for
/// `.report`. Whatever it holds, it is a report or a rejection with a reason, never "nothing".
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPBody(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let decoder = InputDecoder(maximumReportSize: 1 << 20)
    let provenance = Provenance(source: "http://localhost/tlsrpt", receivedAt: 1_800_000_000, userAgent: "fuzz")
    switch decoder.decodeInput(bytes, provenance: provenance, claimsReport: true) {
    case .noReport:
        fuzzFailure("a body claimed to be a report was neither stored nor rejected")
    case .inputs(let inputs):
        if inputs.isEmpty { fuzzFailure("a body gave no input at all") }
        for input in inputs {
            if case .failure(let rejection) = input.outcome, rejection.reason.isEmpty {
                fuzzFailure("a rejection without a reason")
            }
        }
    }
    return 0
}

/// The executable's entry point (see `fuzzMain`).
@_cdecl("fuzz_http_main")
public func fuzzHttpMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(fuzzHTTPBody)
}
