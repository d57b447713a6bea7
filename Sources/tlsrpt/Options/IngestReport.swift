import ArgumentParser
import Foundation
import TLSRPTKit

/// Prints the result of `ingest` or `reprocess` and picks the exit status.
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

    /// The closing line, e.g. `ingested 9,998 reports (2 duplicates, 1 rejected) in 0.4 s`.
    var closingLine: String {
        var details: [String] = []
        if summary.duplicates > 0 { details.append("\(Figures.grouped(summary.duplicates)) duplicate\(summary.duplicates == 1 ? "" : "s")") }
        if summary.conflicts > 0 { details.append("\(Figures.grouped(summary.conflicts)) conflicting") }
        if summary.rejected > 0 { details.append("\(Figures.grouped(summary.rejected)) rejected") }
        if summary.withoutReport > 0 {
            details.append("\(Figures.grouped(summary.withoutReport)) without a report")
        }
        if summary.alreadySeen > 0 { details.append("\(Figures.grouped(summary.alreadySeen)) \(alreadySeenNoun)") }
        if summary.skippedLinks > 0 {
            details.append("\(Figures.grouped(summary.skippedLinks)) symbolic link\(summary.skippedLinks == 1 ? "" : "s") skipped")
        }
        if !summary.failures.isEmpty {
            details.append("\(Figures.grouped(summary.failures.count)) error\(summary.failures.count == 1 ? "" : "s")")
        }
        let detailText = details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")"
        let noun = summary.accepted == 1 ? "report" : "reports"
        return "\(verb) \(Figures.grouped(summary.accepted)) \(noun)\(detailText) in \(String(format: "%.1f", summary.elapsedSeconds)) s"
    }

    func print(json: Bool, quiet: Bool) {
        for failure in summary.failures {
            StandardError.write("error: \(TerminalText.sanitized(failure))\n")
        }
        if json {
            Swift.print(jsonText)
            return
        }
        if quiet { return }
        for rejection in summary.rejections {
            let name = rejection.fileName.map { " (\(TerminalText.sanitized($0)))" } ?? ""
            StandardError.write(
                "rejected: \(TerminalText.sanitized(rejection.source))\(name): \(TerminalText.sanitized(rejection.reason))\n")
        }
        Swift.print(closingLine)
    }

    var jsonText: String {
        let object: [String: Any] = [
            "inputs": summary.inputsRead,
            "accepted": summary.accepted,
            "duplicates": summary.duplicates,
            "conflicts": summary.conflicts,
            "rejected": summary.rejected,
            "without_report": summary.withoutReport,
            "already_seen": summary.alreadySeen,
            "skipped_links": summary.skippedLinks,
            "failures": summary.failures,
            "rejections": summary.rejections.map { rejection -> [String: Any] in
                var entry: [String: Any] = ["source": rejection.source, "reason": rejection.reason]
                if let fileName = rejection.fileName { entry["file_name"] = fileName }
                return entry
            },
            "elapsed_seconds": (summary.elapsedSeconds * 1000).rounded() / 1000,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
