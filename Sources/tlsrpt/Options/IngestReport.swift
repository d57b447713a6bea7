import ArgumentParser
import TLSRPTKit

/// Prints the result of `ingest` or `reprocess` (rendered by ``IngestSummaryRenderer``) and picks
/// the exit status.
struct IngestReport {
    let summary: IngestSummary
    var verb = "ingested"
    /// What ``IngestSummary/alreadySeen`` counts, for the closing line.
    var alreadySeenNoun: String { verb == "fetched" ? "messages fetched before" : "files already ingested" }

    var exitCode: ExitCode {
        if !summary.failures.isEmpty { return ExitCode(ExitStatus.usageOrIOError.rawValue) }
        if summary.rejected > 0 { return ExitCode(ExitStatus.someInputsRejected.rawValue) }
        return .success
    }

    func print(json: Bool, quiet: Bool) {
        for failure in summary.failures {
            StandardError.write("error: \(TerminalText.sanitized(failure))\n")
        }
        if json {
            Swift.print(IngestSummaryRenderer.json(summary))
            return
        }
        if quiet { return }
        for line in IngestSummaryRenderer.rejectionLines(summary) { StandardError.write(line + "\n") }
        Swift.print(IngestSummaryRenderer.closingLine(summary, verb: verb, alreadySeenNoun: alreadySeenNoun))
    }
}
