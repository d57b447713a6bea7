import Foundation

/// The result of an ingest (`ingest`, `reprocess`, and whatever else stores inputs) as the
/// closing line, the lines listing rejected inputs, and one JSON object.
public enum IngestSummaryRenderer {
    /// The closing line, e.g. `ingested 9,998 reports (2 duplicates, 1 rejected) in 0.4 s`.
    /// - Parameters:
    ///   - verb: what was done, `ingested` or `reprocessed 3 rejected inputs: stored`.
    ///   - alreadySeenNoun: what ``IngestSummary/alreadySeen`` counts (`messages fetched before`).
    public static func closingLine(
        _ summary: IngestSummary, verb: String = "ingested", alreadySeenNoun: String = "files already ingested"
    ) -> String {
        var details: [String] = []
        if summary.duplicates > 0 { details.append(Wording.count(summary.duplicates, "duplicate")) }
        if summary.conflicts > 0 { details.append("\(Figures.grouped(summary.conflicts)) conflicting") }
        if summary.rejected > 0 { details.append("\(Figures.grouped(summary.rejected)) rejected") }
        if summary.withoutReport > 0 { details.append("\(Figures.grouped(summary.withoutReport)) without a report") }
        if summary.alreadySeen > 0 { details.append("\(Figures.grouped(summary.alreadySeen)) \(alreadySeenNoun)") }
        if summary.skippedLinks > 0 { details.append(Wording.count(summary.skippedLinks, "symbolic link") + " skipped") }
        if summary.skippedSpecialFiles > 0 {
            details.append(Wording.count(summary.skippedSpecialFiles, "special file") + " skipped")
        }
        if !summary.failures.isEmpty { details.append(Wording.count(summary.failures.count, "error")) }
        let detailText = details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")"
        return "\(verb) \(Wording.count(summary.accepted, "report"))\(detailText) in \(String(format: "%.1f", summary.elapsedSeconds)) s"
    }

    /// One line per rejected input listed in the summary, terminal-safe:
    /// `rejected: SOURCE (FILE NAME): REASON`.
    public static func rejectionLines(_ summary: IngestSummary) -> [String] {
        summary.rejections.map { rejection in
            let name = rejection.fileName.map { " (\(TerminalText.sanitized($0)))" } ?? ""
            return "rejected: \(TerminalText.sanitized(rejection.source))\(name): \(TerminalText.sanitized(rejection.reason))"
        }
    }

    /// The summary as one JSON object (`inputs`, `accepted`, `duplicates`, `conflicts`,
    /// `rejected`, `without_report`, `already_seen`, `skipped_links`, `skipped_special_files`, `failures`, `rejections`,
    /// `elapsed_seconds`).
    public static func json(_ summary: IngestSummary) -> String {
        let object: [String: Any] = [
            "inputs": summary.inputsRead,
            "accepted": summary.accepted,
            "duplicates": summary.duplicates,
            "conflicts": summary.conflicts,
            "rejected": summary.rejected,
            "without_report": summary.withoutReport,
            "already_seen": summary.alreadySeen,
            "skipped_links": summary.skippedLinks,
            "skipped_special_files": summary.skippedSpecialFiles,
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
