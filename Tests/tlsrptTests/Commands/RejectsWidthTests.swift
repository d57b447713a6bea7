import Foundation
import Testing

/// Issue #9: `rejects` printed lines of 218 columns; text output keeps to 80 columns when it is
/// not a terminal, wrapping rather than cutting.
@Suite("rejects keeps to the terminal width")
struct RejectsWidthTests {
    @Test("long paths and reasons wrap at 80 columns and nothing is cut")
    func wrapsAtEightyColumns() throws {
        let directory = try TemporaryDirectory()
        let folder = "in/" + String(repeating: "a-folder-with-a-rather-long-name/", count: 3)
        let name = "google.com!example.com!1730419200!1730505599!0123456789abcdef.json.gz"
        try directory.write(Data("<html><head><title>502 Bad Gateway</title></head></html>".utf8), to: folder + name)
        try directory.write(
            Data("{\"organization-name\": \"x\", \"report-id\": \"y\"}".utf8), to: folder + "second report.json")
        let ingest = try CommandRunner.run([
            "ingest", "--database", directory.database, directory.url.appendingPathComponent("in").path,
        ])
        #expect(ingest.status == 1, "\(ingest.standardError)")

        let result = try CommandRunner.run(["rejects", "--database", directory.database])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count > 4, "\(result.standardOutput)")
        for line in lines { #expect(line.count <= 80, "\(line.count) columns: \(line)") }

        // Every path and reason the JSON gives is in the text, whole, once the wrapping is undone.
        let json = try CommandRunner.run(["rejects", "--json", "--database", directory.database])
        let objects = try json.standardOutput.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == 2)
        let joined = lines.joined().replacingOccurrences(of: " ", with: "")
        for object in objects {
            let source = try #require(object["source"] as? String)
            let reason = try #require(object["reason"] as? String)
            #expect(
                joined.contains(source.replacingOccurrences(of: " ", with: "")), "\(source) in \(result.standardOutput)"
            )
            #expect(
                joined.contains(reason.replacingOccurrences(of: " ", with: "")), "\(reason) in \(result.standardOutput)"
            )
        }
    }
}
