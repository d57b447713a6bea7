import Foundation
import TLSRPTTestSupport
import Testing

@testable import TLSRPTKit

@Suite("Stored originals: the report JSON compressed with the dictionary, rejects as received")
struct StoredOriginalTests {
    /// Every RFC 8460 report of the real corpus, decompressed: what real reporters write.
    static func corpusReports() throws -> [(name: String, file: [UInt8], json: [UInt8])] {
        var reports: [(String, [UInt8], [UInt8])] = []
        for relative in RealReports.paths(endingWith: ".json", ".json.gz") {
            let file = try RealReports.bytes(relative)
            guard let json = try? Inflater.isGzip(file) ? Inflater(limit: 1 << 24).inflate(file) : file,
                (try? JSONValue.parse(json))?["policies"] != nil
            else { continue }
            reports.append((relative, file, json))
        }
        return reports
    }

    @Test("the dictionary is the one stored reports were compressed with")
    func dictionaryIsFrozen() {
        // Stored rows need exactly these bytes: an edit to ReportDictionary.version1 fails here.
        #expect(ReportDictionary.version1.count == 3169)
        #expect(FNV1a.hash(ReportDictionary.version1) == 0x8f80_1d28_45d6_b499)
    }

    @Test("every corpus report comes back byte for byte, in less than half its gzip size overall")
    func corpusRoundTrip() throws {
        let reports = try Self.corpusReports()
        #expect(reports.count >= 10)
        var storedBytes = 0
        var gzipBytes = 0
        for report in reports {
            let stored = StoredOriginal(original: report.file, report: report.json)
            #expect(stored.encoding == .reportDeflated)
            #expect(try stored.restored() == report.json, "\(report.name)")
            storedBytes += stored.bytes.count
            gzipBytes += Deflater.gzip(report.json).count
        }
        #expect(storedBytes * 2 < gzipBytes, "stored \(storedBytes) bytes, gzip \(gzipBytes)")
    }

    @Test("an input that did not decode is kept as received, or gzip'd when it was not gzip")
    func rejectsKeepTheirBytes() throws {
        let truncatedGzip = Array(Deflater.gzip(Array("{\"policies\":[]}".utf8)).dropLast(6))
        let asReceived = StoredOriginal(original: truncatedGzip, report: nil)
        #expect(asReceived.encoding == .asReceived)
        #expect(asReceived.bytes == truncatedGzip)
        #expect(try asReceived.restored() == truncatedGzip)

        let junk = Array("not a report\u{0}\u{1}".utf8)
        let gzipped = StoredOriginal(original: junk, report: nil)
        #expect(gzipped.encoding == .gzipped)
        #expect(try gzipped.restored() == junk)
    }

    @Test("raw deflate with the dictionary needs the dictionary; one primed stream serves many threads")
    func wrongDictionaryFails() async throws {
        let json = Array(#"{"organization-name":"Google Inc.","policies":[]}"#.utf8)
        let compressed = PrimedDeflater(dictionary: ReportDictionary.version1).deflate(json)
        #expect(try Inflater(limit: 1 << 20).inflate(raw: compressed, dictionary: ReportDictionary.version1) == json)
        #expect(throws: Inflater.Failure.self) {
            try Inflater(limit: 1 << 20).inflate(raw: compressed, dictionary: Array("something else".utf8))
        }
        // Copies of the shared primed stream on concurrent threads give identical output.
        let deflater = PrimedDeflater(dictionary: ReportDictionary.version1)
        let outputs = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for index in 0..<64 {
                group.addTask { deflater.deflate(json + Array(" \(index % 2)".utf8)) }
            }
            return try await group.reduce(into: Set<[UInt8]>()) { $0.insert($1) }
        }
        #expect(outputs.count == 2)
        for output in outputs {
            let text = try Inflater(limit: 1 << 20).inflate(raw: output, dictionary: ReportDictionary.version1)
            #expect(text == json + Array(" 0".utf8) || text == json + Array(" 1".utf8))
        }
    }

    @Test("a large report (bigger than the window and the first buffer) round-trips, and the cap holds")
    func largeReport() throws {
        var details: [String] = []
        for index in 0..<3000 {
            details.append(#"{"result-type":"certificate-expired","sending-mta-ip":"192.0.2.\#(index % 250)","failed-session-count":\#(index)}"#)
        }
        let json = Array(#"{"policies":[{"failure-details":[\#(details.joined(separator: ","))]}]}"#.utf8)
        let stored = StoredOriginal(original: json, report: json)
        #expect(try stored.restored() == json)
        #expect(throws: Inflater.Failure.tooLarge(limit: 1000)) {
            try Inflater(limit: 1000).inflate(raw: stored.bytes, dictionary: ReportDictionary.version1)
        }
    }
}
