import Foundation
import TLSRPTTestSupport
import Testing

/// `tlsrpt show` gives back what was stored, through the built binary.
@Suite("show: the stored original of an input")
struct ShowCommandTests {
    /// The input id of the only report in `database`, as `export` gives it.
    static func onlyInputID(_ database: String) throws -> Int {
        let lines = try CommandRunner.run(["export", "--database", database]).jsonLines()
        try #require(lines.count == 1)
        let provenance = try #require(lines[0]["x-tlsrpt"] as? [String: Any])
        return try #require(provenance["input-id"] as? Int)
    }

    @Test("a stored report file shows as its JSON, byte for byte", arguments: RealReports.paths(endingWith: ".json", ".json.gz"))
    func reportFile(_ relativePath: String) throws {
        let directory = try TemporaryDirectory()
        let file = RealReports.url(relativePath)
        #expect(try CommandRunner.run(["ingest", "--database", directory.database, file.path]).status == 0)
        let id = try Self.onlyInputID(directory.database)
        let expected = try ReportFactory.gunzip(try Data(contentsOf: file))

        let shown = try CommandRunner.run(["show", "--database", directory.database, String(id)])
        #expect(shown.status == 0, "\(shown.standardError)")
        #expect(shown.standardOutputBytes == expected)

        let raw = try CommandRunner.run(["show", "--raw", "--database", directory.database, "#\(id)"])
        #expect(raw.status == 0)
        #expect(raw.standardOutputBytes == expected)
        // A gzip file's wrapper is not kept, and --raw says so rather than passing JSON off as gzip.
        #expect(raw.standardError.contains("wrapper it came in was not kept") == relativePath.hasSuffix(".gz"))
    }

    @Test("a stored e-mail's report shows as the JSON its attachment holds", arguments: RealReports.paths(endingWith: ".eml"))
    func message(_ relativePath: String) throws {
        let directory = try TemporaryDirectory()
        #expect(try CommandRunner.run(["ingest", "--database", directory.database, RealReports.url(relativePath).path]).status == 0)
        let id = try Self.onlyInputID(directory.database)
        let attachment = try #require(try RealReports.extractedAttachment(ofMessage: relativePath))
        let expected = try ReportFactory.gunzip(try Data(contentsOf: RealReports.url(attachment)))
        let shown = try CommandRunner.run(["show", "--database", directory.database, String(id)])
        #expect(shown.status == 0, "\(shown.standardError)")
        #expect(shown.standardOutputBytes == expected)
    }

    @Test("a rejected input shows exactly as received with --raw, decompressed without")
    func rejectedInputs() throws {
        let directory = try TemporaryDirectory()
        let garbage = Data([0x00, 0x1B, 0x5B, 0x33, 0x31, 0x6D, 0xFF, 0xFE, 0x0A, 0x7F])
        try directory.write(garbage, to: "in/binary-junk")
        let cut = Data("{\"organization-name\": \"Cut Inc.\", ".utf8)
        let gzipped = try ReportFactory.gzip(cut)
        try directory.write(gzipped, to: "in/cut.json.gz")
        #expect(try CommandRunner.run(["ingest", "--database", directory.database, directory.url.appendingPathComponent("in").path]).status == 1)

        let rejects = try CommandRunner.run(["rejects", "--json", "--database", directory.database]).jsonLines()
        try #require(rejects.count == 2)
        for reject in rejects {
            let id = try #require(reject["id"] as? Int)
            let source = try #require(reject["source"] as? String)
            let received = try Data(contentsOf: URL(fileURLWithPath: source))
            let raw = try CommandRunner.run(["show", "--raw", "--database", directory.database, String(id)])
            #expect(raw.status == 0)
            #expect(raw.standardOutputBytes == received, "\(source)")
            let shown = try CommandRunner.run(["show", "--database", directory.database, String(id)])
            #expect(shown.standardOutputBytes == (source.hasSuffix(".gz") ? cut : garbage), "\(source)")
        }
    }

    @Test("on a terminal, control characters and bytes that are not UTF-8 are shown as escapes")
    func terminalIsNeutralised() throws {
        let directory = try TemporaryDirectory()
        try directory.write(Data([0x41, 0x1B, 0x5B, 0x32, 0x4A, 0x0D, 0x0A, 0xFF, 0x09, 0x42]), to: "in/junk.bin")
        #expect(try CommandRunner.run(["ingest", "--database", directory.database, directory.url.appendingPathComponent("in").path]).status == 1)
        let id = try #require(try CommandRunner.run(["rejects", "--json", "--database", directory.database]).jsonLines().first?["id"] as? Int)
        // `script` gives the command a terminal as its standard output.
        let shown = try CommandRunner.runOnTerminal([
            "show", "--database", directory.database, String(id),
        ])
        #expect(shown.contains("A\\u{1B}[2J"), "\(shown)")
        #expect(shown.contains("\\xFF\tB"), "\(shown)")
        #expect(!shown.contains("\u{1B}[2J"))
    }

    @Test("an unknown or malformed id is an error with exit status 2")
    func unknownID() throws {
        let directory = try TemporaryDirectory()
        #expect(try CommandRunner.run(["ingest", "--database", directory.database, CommandRunner.sampleReports.path]).status == 0)
        let unknown = try CommandRunner.run(["show", "--database", directory.database, "999999"])
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("no stored input has the id 999999"))
        let malformed = try CommandRunner.run(["show", "--database", directory.database, "twelve"])
        #expect(malformed.status == 2)
        #expect(malformed.standardError.contains("must be a number"))
    }
}
