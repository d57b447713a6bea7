import FuzzSupport
@testable import TLSRPTKit

/// The RFC 8460 decoder and normaliser: any bytes are a report or one rejection. An accepted
/// report, written as `tlsrpt export` writes it, is accepted again with the same content:
/// normalising is idempotent, so a re-import of an export changes nothing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReport(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let provenance = Provenance(source: "fuzz", fileName: "reporter.example!example.com!1!2.json", receivedAt: 1_800_000_000)
    let normalizer = ReportNormalizer()
    guard let report = try? normalizer.normalize(json: bytes, provenance: provenance) else { return 0 }
    for policy in report.policies {
        let counts = [policy.successfulSessionCount, policy.failedSessionCount] + policy.failureDetails.map(\.failedSessionCount)
        if counts.contains(where: { $0 < 0 || $0 > TLSReport.maximumSessionCount }) {
            fuzzFailure("a session count outside 0…10^12 was accepted")
        }
    }
    var writer = JSONWriter()
    report.write(to: &writer)
    let again: TLSReport
    do {
        again = try normalizer.normalize(json: writer.bytes, provenance: provenance)
    } catch {
        fuzzFailure("the export of an accepted report is rejected: \(error.reason)\n\(String(decoding: writer.bytes, as: UTF8.self))")
    }
    if again != report {
        fuzzFailure("the export of an accepted report normalises to another report:\n\(report)\n\(again)")
    }
    return 0
}

/// The executable's entry point (see `fuzzMain`).
@_cdecl("fuzz_report_main")
public func fuzzReportMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(fuzzReport)
}
