import Foundation
import TLSRPTTestSupport
import Testing

/// Every real report in `Tests/Fixtures/RealReports` goes in through the built binary and comes back out
/// of `export` with its values, normalised as the README promises.
@Suite("Corpus round trip through ingest and export")
struct CorpusExportTests {
    /// Standalone report files of the corpus: JSON and gzip'd JSON.
    static let reportFiles = RealReports.paths(endingWith: ".json", ".json.gz")

    static let messageFiles = RealReports.paths(endingWith: ".eml")

    @Test("the corpus is there")
    func corpusIsPresent() {
        #expect(Self.reportFiles.count >= 15)
        #expect(Self.messageFiles.count >= 8)
    }

    @Test("each report file exports its own values", arguments: reportFiles)
    func reportFileRoundTrip(_ relativePath: String) throws {
        let directory = try TemporaryDirectory()
        let file = CommandRunner.corpus.appendingPathComponent(relativePath)
        let ingest = try CommandRunner.run(["ingest", "--database", directory.database, file.path])
        #expect(ingest.status == 0, "\(ingest.standardError)")
        #expect(ingest.standardOutput.contains("ingested 1 report"))

        let export = try CommandRunner.run(["export", "--database", directory.database])
        let lines = try export.jsonLines()
        try #require(lines.count == 1)
        var exported = lines[0]
        let provenance = exported.removeValue(forKey: "x-tlsrpt") as? [String: Any]
        #expect(provenance?["source"] as? String == file.standardizedFileURL.path)

        let original = try Self.originalJSON(file)
        let fileDomain = file.lastPathComponent.split(separator: "!").dropFirst().first.map { String($0).lowercased() }
        let reportIDDomain = (original["report-id"] as? String)?.split(separator: "_").last.map(String.init)
        let expected = ExpectedExport.object(fromOriginal: original, fallbackDomain: fileDomain ?? reportIDDomain)
        #expect(ExpectedExport.equal(exported, expected), "exported \(exported)\nexpected \(expected)")
    }

    @Test("each message exports the report its attachment holds", arguments: messageFiles)
    func messageRoundTrip(_ relativePath: String) throws {
        let directory = try TemporaryDirectory()
        let file = CommandRunner.corpus.appendingPathComponent(relativePath)
        let ingest = try CommandRunner.run(["ingest", "--database", directory.database, file.path])
        #expect(ingest.status == 0, "\(ingest.standardError)")
        #expect(ingest.standardOutput.contains("ingested 1 report"))
        let lines = try CommandRunner.run(["export", "--database", directory.database]).jsonLines()
        try #require(lines.count == 1)
        let provenance = try #require(lines[0]["x-tlsrpt"] as? [String: Any])
        let message = try String(contentsOf: file, encoding: .utf8)
        if message.range(of: "^Message-ID:", options: [.regularExpression, .caseInsensitive, .anchored]) != nil
            || message.range(of: "\nMessage-ID:", options: .caseInsensitive) != nil
        {
            #expect(provenance["message-id"] is String)
        }
        #expect((provenance["file-name"] as? String)?.isEmpty == false)

        // The attachment, as extracted in the corpus, must export the same report. Every message
        // of the corpus has its attachment extracted beside it (MANIFEST.tsv says where).
        let extracted = try #require(try RealReports.extractedAttachment(ofMessage: relativePath), "no extracted attachment")
        let attachmentDirectory = try TemporaryDirectory()
        try CommandRunner.run(["ingest", "--database", attachmentDirectory.database, RealReports.url(extracted).path])
        let attachmentLines = try CommandRunner.run(["export", "--database", attachmentDirectory.database]).jsonLines()
        try #require(attachmentLines.count == 1)
        var fromMessage = lines[0]
        var fromAttachment = attachmentLines[0]
        fromMessage["x-tlsrpt"] = nil
        fromAttachment["x-tlsrpt"] = nil
        #expect(ExpectedExport.equal(fromMessage, fromAttachment))
    }

    @Test("ingesting the whole corpus again stores nothing new")
    func corpusTwice() throws {
        let directory = try TemporaryDirectory()
        let first = try CommandRunner.run(["ingest", "--database", directory.database, CommandRunner.corpus.path])
        #expect(first.status == 0, "\(first.standardError)")
        let exportedFirst = try CommandRunner.run(["export", "--database", directory.database]).jsonLines()
        #expect(exportedFirst.count >= 15)

        let second = try CommandRunner.run(["ingest", "--rescan", "--database", directory.database, CommandRunner.corpus.path])
        #expect(second.status == 0)
        #expect(second.standardOutput.hasPrefix("ingested 0 reports ("), "\(second.standardOutput)")
        #expect(second.standardOutput.contains("duplicates"))
        #expect(try CommandRunner.run(["export", "--database", directory.database]).jsonLines().count == exportedFirst.count)

        let third = try CommandRunner.run(["ingest", "--database", directory.database, CommandRunner.corpus.path])
        #expect(third.standardOutput.contains("files already ingested"), "\(third.standardOutput)")
    }

    static func originalJSON(_ file: URL) throws -> [String: Any] {
        let data = try ReportFactory.gunzip(try Data(contentsOf: file))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
