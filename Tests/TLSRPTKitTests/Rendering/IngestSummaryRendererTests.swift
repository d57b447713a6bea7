import Foundation
import Testing

@testable import TLSRPTKit

@Suite("IngestSummaryRenderer")
struct IngestSummaryRendererTests {
    @Test("the closing line groups digits, says each count once, in the singular for one")
    func closingLine() {
        var summary = IngestSummary()
        #expect(IngestSummaryRenderer.closingLine(summary) == "ingested 0 reports in 0.0 s")
        summary.results(accepted: 12_345, duplicates: 1, rejected: 2)
        summary.withoutReport = 3
        summary.skippedLinks = 1
        summary.failures = ["cannot read x"]
        summary.elapsedSeconds = 1.25
        #expect(
            IngestSummaryRenderer.closingLine(summary, verb: "stored")
                == "stored 12,345 reports (1 duplicate, 2 rejected, 3 without a report, 1 symbolic link skipped, 1 error) in 1.2 s")
    }

    @Test("rejections are listed terminal-safe, and the JSON carries every count")
    func rejectionsAndJSON() throws {
        var summary = IngestSummary()
        summary.results(accepted: 1, duplicates: 0, rejected: 1)
        summary.rejections = [.init(source: "in/\u{1B}[31mred", fileName: "x.json", reason: "not JSON")]
        #expect(IngestSummaryRenderer.rejectionLines(summary) == ["rejected: in/\\u{1B}[31mred (x.json): not JSON"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(IngestSummaryRenderer.json(summary).utf8)) as? [String: Any])
        #expect(object["accepted"] as? Int == 1)
        #expect(object["rejected"] as? Int == 1)
        #expect((object["rejections"] as? [[String: Any]])?.first?["file_name"] as? String == "x.json")
    }
}

extension IngestSummary {
    /// Sets the stored counts as a commit would.
    mutating func results(accepted: Int, duplicates: Int, rejected: Int) {
        var outcome = BatchOutcome()
        outcome.results += Array(repeating: .accepted(inputID: 1), count: accepted)
        outcome.results += Array(repeating: .duplicate(ofInput: 1), count: duplicates)
        outcome.results += Array(repeating: .rejected(inputID: 2, ReportRejection(reason: "x")), count: rejected)
        add(outcome)
    }
}
