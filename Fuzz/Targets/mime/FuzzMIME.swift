import FuzzSupport
@testable import TLSRPTKit

/// The MIME reader: any bytes parse as a message (headers, parameters, encoded words, transfer
/// encodings, nested multiparts within the limits), and the e-mail path of the decoder turns it
/// into reports, rejections or "no report", never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMIME(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    var parser = MIMEEntityParser()
    _ = parser.parseMessage(bytes[...])
    let decoder = InputDecoder(maximumReportSize: 1 << 20)
    _ = decoder.decodeMessage(bytes, source: "fuzz", receivedAt: 1_800_000_000)
    return 0
}

/// The executable's entry point (see `fuzzMain`).
@_cdecl("fuzz_mime_main")
public func fuzzMimeMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(fuzzMIME)
}
