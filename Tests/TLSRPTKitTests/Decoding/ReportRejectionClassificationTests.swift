import Foundation
import TLSRPTTestSupport
import Testing

@testable import TLSRPTKit

/// The kind of a stored reject, read back from its reason (the store keeps the reason, not the
/// kind): every reason the decoder and the ingester write must classify as the kind they gave it.
@Suite("ReportRejection.Kind(classifyingReason:)")
struct ReportRejectionClassificationTests {
    static let provenance = Provenance(source: "test", receivedAt: 0)

    /// Inputs rejected for every reason the decoder gives: `(file name, bytes, claims to be a report)`.
    static func badInputs() throws -> [(String?, [UInt8], Bool)] {
        let json = { (text: String) in Array(text.utf8) }
        let report = String(decoding: ReportFactory.json(reportID: "r"), as: UTF8.self)
        var manyParts = "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
        for _ in 0...MIMEEntityParser.maximumPartCount { manyParts += "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n" }
        manyParts += "--b--\r\n"
        var deep = ""
        for _ in 0...MIMEEntityParser.maximumDepth {
            deep += "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
        }
        return [
            (nil, [], true),
            (nil, [UInt8](try ReportFactory.gzip(Data())), true),
            (nil, [UInt8](try ReportFactory.gzip(Data(count: 2 << 20))), true),
            (nil, [UInt8](repeating: 0x20, count: 1 << 20) + json("{}"), true),
            (nil, [0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02], true),
            (
                nil,
                Array([UInt8](try ReportFactory.gzip(ReportFactory.json(reportID: "x"))).prefix(12))
                    + [UInt8](repeating: 0xFF, count: 40), true
            ),
            (nil, json("<html><body>502</body></html>"), true),
            ("report.json.gz", json("<html><body>502</body></html>"), false),
            ("report.json", [0x00, 0x01, 0x02, 0xFF], false),
            (nil, json("hello"), true),
            (nil, [0x50, 0x4B, 0x03, 0x04, 0x00], true),
            (nil, json("From: a@example.com\r\nSubject: hi\r\n\r\nno report\r\n"), true),
            (nil, json(manyParts), true),
            (nil, json(deep), true),
            (nil, [UInt8](try ReportFactory.gzip(Data("%PDF-1.4".utf8))), true),
            (nil, json("{\"organization-name\":"), true),
            (nil, json("{\"a\": 1}"), true),
            (nil, json("{\"organization-name\":\"x\",\"report-id\":\"y\"}"), true),
            (nil, json("[1, 2]"), true),
            (nil, json(report.replacingOccurrences(of: "\"date-range\"", with: "\"dates\"")), true),
            (nil, json(report.replacingOccurrences(of: "2026-11-01T00:00:00Z", with: "yesterday")), true),
            (
                nil,
                json(
                    report.replacingOccurrences(
                        of: "\"total-successful-session-count\":10", with: "\"total-successful-session-count\":-1")),
                true
            ),
            (nil, json(report.replacingOccurrences(of: "\"policy-type\":", with: "\"policy-kind\":")), true),
        ]
    }

    @Test("every rejection the decoder writes classifies as its own kind, and every kind occurs")
    func decoderReasons() throws {
        let decoder = InputDecoder(maximumReportSize: 1 << 20)
        var kinds: Set<ReportRejection.Kind> = []
        for (fileName, bytes, claimsReport) in try Self.badInputs() {
            var provenance = Self.provenance
            provenance.fileName = fileName
            guard
                case .inputs(let inputs) = decoder.decodeInput(
                    bytes, provenance: provenance, claimsReport: claimsReport)
            else {
                Issue.record("no reject for \(fileName ?? "-"): \(bytes.prefix(20))")
                continue
            }
            for input in inputs {
                guard case .failure(let rejection) = input.outcome else {
                    Issue.record("not rejected: \(String(decoding: bytes, as: UTF8.self))")
                    continue
                }
                kinds.insert(rejection.kind)
                #expect(
                    ReportRejection.Kind(classifyingReason: rejection.reason) == rejection.kind, "\(rejection.reason)")
            }
        }
        #expect(kinds == Set(ReportRejection.Kind.allCases))
    }

    @Test("the ingester's own rejects (a file or an mbox message over the input limit) classify as too_large")
    func ingesterReasons() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tlsrpt-classify-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(count: 4096).write(to: directory.appendingPathComponent("big.json"))
        let message =
            "From a@example.com Sat Jan  1 00:00:00 2026\nSubject: x\n\n" + String(repeating: "y", count: 4096) + "\n"
        try Data((message + message.replacingOccurrences(of: "Subject: x", with: "Subject: z")).utf8)
            .write(to: directory.appendingPathComponent("inbox.mbox"))
        let store = try SQLiteReportStore(path: directory.appendingPathComponent("tlsrpt.sqlite").path)
        var options = IngestOptions()
        options.maximumInputSize = 1024
        _ = try await Ingester(store: store, options: options).run(paths: [directory.path])
        let rejects = try store.inputs(withStatus: [.rejected])
        #expect(rejects.count == 3)
        for reject in rejects {
            #expect(ReportRejection.Kind(classifyingReason: reject.reason) == .tooLarge, "\(reject.reason ?? "nil")")
        }
        #expect(try store.reportTotals().rejectedInputs == [.tooLarge: Int64(rejects.count)])
    }

    @Test("a reason no rejection writes is an invalid report, the default kind")
    func unknownReasons() {
        #expect(ReportRejection.Kind(classifyingReason: nil) == .invalidReport)
        #expect(ReportRejection.Kind(classifyingReason: "something else entirely") == .invalidReport)
        #expect(
            ReportRejection.Kind(classifyingReason: ReportRejection(reason: "x").reason)
                == ReportRejection(reason: "x").kind)
    }
}
