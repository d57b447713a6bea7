import Foundation
import TLSRPTTestSupport
import Testing
@testable import TLSRPTKit

@Suite("mbox streaming")
struct MboxReaderTests {
    /// Writes `bytes` to a fresh temporary file and returns its path.
    private static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("tlsrpt-mbox-\(UUID().uuidString).mbox")
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Reads every record of the mbox at `path`.
    private static func readAll(_ path: String, maximumMessageSize: Int = 64 << 20, chunkSize: Int) throws -> [MboxMessage] {
        var reader = try MboxReader(path: path, maximumMessageSize: maximumMessageSize, chunkSize: chunkSize)
        var messages: [MboxMessage] = []
        while let message = try reader.next() {
            messages.append(message)
        }
        return messages
    }

    /// The byte offset of the first occurrence of `needle` in `haystack`.
    private static func offset(of needle: String, in haystack: [UInt8]) throws -> Int {
        let pattern = Array(needle.utf8)
        let offset = haystack.indices.first { start in
            start + pattern.count <= haystack.count && Array(haystack[start..<(start + pattern.count)]) == pattern
        }
        return try #require(offset)
    }

    static let threeMessages: [UInt8] =
        Array("From alice@example.com Mon Jan  1 00:00:00 2024\n".utf8)
        + Array("Subject: one\n\nHello\n>From the start\n>>From nested\n>Fromage\n\n".utf8)
        + Array("From bob@example.com Mon Jan  1 00:00:01 2024\r\nSubject: two\r\n\r\nCRLF body\r\n\r\n".utf8)
        + Array("From carol Mon Jan  1 00:00:02 2024\nSubject: three\n\nlast body without trailing newline".utf8)

    static let expectedBodies: [String] = [
        "Subject: one\n\nHello\nFrom the start\n>From nested\n>Fromage\n",
        "Subject: two\r\n\r\nCRLF body\r\n",
        "Subject: three\n\nlast body without trailing newline",
    ]

    @Test("three messages: bytes, offsets, >From unescaping, CRLF", arguments: [1, 3, 7, 64, MboxReader.defaultChunkSize])
    func threeMessages(chunkSize: Int) throws {
        let path = try Self.temporaryFile(Self.threeMessages)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let messages = try Self.readAll(path, chunkSize: chunkSize)
        let expectedOffsets = [
            0,
            try Self.offset(of: "From bob", in: Self.threeMessages),
            try Self.offset(of: "From carol", in: Self.threeMessages),
        ]
        try #require(messages.count == 3)
        for (index, message) in messages.enumerated() {
            guard case let .message(bytes, offset) = message else {
                Issue.record("record \(index) is \(message)")
                continue
            }
            #expect(String(decoding: bytes, as: UTF8.self) == Self.expectedBodies[index])
            #expect(offset == expectedOffsets[index])
        }
        if case let .message(bytes, _) = messages[1] {
            #expect(MIMEEntity.parse(bytes).headers["subject"] == "two")
            #expect(MIMEEntity.parse(bytes).body == Array("CRLF body\r\n".utf8))
        }
    }

    @Test("a message above the maximum size is reported and the next one still comes out", arguments: [5, 100, 4096])
    func tooLarge(chunkSize: Int) throws {
        let big = "From big Mon Jan  1 00:00:00 2024\nSubject: big\n\n" + String(repeating: "0123456789abcdef\n", count: 200) + "\n"
        let file = Array("From small Mon Jan  1 00:00:00 2024\nSubject: small\n\nx\n\n".utf8)
            + Array(big.utf8)
            + Array("From after Mon Jan  1 00:00:00 2024\nSubject: after\n\ny\n".utf8)
        let path = try Self.temporaryFile(file)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let messages = try Self.readAll(path, maximumMessageSize: 256, chunkSize: chunkSize)
        let bigOffset = try Self.offset(of: "From big", in: file)
        let afterOffset = try Self.offset(of: "From after", in: file)
        let bigContentSize = big.utf8.count - "From big Mon Jan  1 00:00:00 2024\n".utf8.count
        #expect(messages == [
            .message(bytes: Array("Subject: small\n\nx\n".utf8), offset: 0),
            .tooLarge(offset: bigOffset, size: bigContentSize),
            .message(bytes: Array("Subject: after\n\ny\n".utf8), offset: afterOffset),
        ])
    }

    @Test("a message spread over many chunks, with a line longer than the fragment limit")
    func longLinesAcrossChunks() throws {
        let longLine = String(repeating: "A", count: 10_000)
        let body = "Subject: long\n\n\(longLine)\n>From x\n\(longLine)"
        let file = Array("From a b\n\(body)\n\nFrom c d\nSubject: next\n\nz".utf8)
        let path = try Self.temporaryFile(file)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for chunkSize in [16, 4095, 4096, 4097, 1 << 20] {
            let messages = try Self.readAll(path, chunkSize: chunkSize)
            let expectedBody = "Subject: long\n\n\(longLine)\nFrom x\n\(longLine)\n"
            #expect(messages.count == 2)
            #expect(messages.first == .message(bytes: Array(expectedBody.utf8), offset: 0))
            if case let .message(_, offset) = messages.last {
                #expect(offset == (try Self.offset(of: "From c d", in: file)))
            } else {
                Issue.record("second record missing")
            }
        }
    }

    @Test("a file without a From line is one message; leading blank lines are skipped")
    func noSeparator() throws {
        let eml = try RealReports.bytes("mox/example.eml")
        let path = try Self.temporaryFile(eml)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let messages = try Self.readAll(path, chunkSize: 1000)
        #expect(messages.count == 1)
        if case let .message(bytes, offset) = messages.first {
            #expect(offset == 0)
            #expect(MailTestSupport.reportLeaves(MIMEEntity.parse(bytes)).first?.body
                == (try RealReports.bytes(
                    "mox/extracted/google.com!test.xmox.nl!1663200000!1663286399!001.json.gz")))
        }

        let blankFirst = Array("\n\r\n\nFrom x y\nSubject: s\n\nb\n".utf8)
        let blankPath = try Self.temporaryFile(blankFirst)
        defer { try? FileManager.default.removeItem(atPath: blankPath) }
        #expect(try Self.readAll(blankPath, chunkSize: 4) == [.message(bytes: Array("Subject: s\n\nb\n".utf8), offset: 4)])
    }

    @Test("corpus messages written as an mbox come back byte for byte")
    func corpusRoundTrip() throws {
        let paths = RealReports.paths(endingWith: ".eml")
        var file: [UInt8] = []
        var originals: [[UInt8]] = []
        for path in paths {
            let bytes = try RealReports.bytes(path)
            originals.append(bytes)
            file += Array("From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n".utf8)
            file += bytes
            if bytes.last != UInt8(ascii: "\n") { file += Array("\n".utf8) }
            file += Array("\n".utf8)
        }
        let path = try Self.temporaryFile(file)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let messages = try Self.readAll(path, chunkSize: 777)
        #expect(messages.count == originals.count)
        for (message, original) in zip(messages, originals) {
            guard case let .message(bytes, _) = message else {
                Issue.record("unexpected \(message)")
                continue
            }
            let same = bytes == original
            #expect(same)
            #expect(MailTestSupport.reportLeaves(MIMEEntity.parse(bytes)).count == 1)
        }
    }

    @Test("empty file, missing file")
    func edgeFiles() throws {
        let path = try Self.temporaryFile([])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try Self.readAll(path, chunkSize: 8).isEmpty)
        #expect(throws: MboxReaderError.self) {
            _ = try MboxReader(path: "/nonexistent/\(UUID().uuidString).mbox")
        }
    }

    @Test("the reader can be sent to another task")
    func sendable() async throws {
        let path = try Self.temporaryFile(Self.threeMessages)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try MboxReader(path: path)
        let count = try await Task.detached {
            var copy = reader
            var count = 0
            while try copy.next() != nil { count += 1 }
            return count
        }.value
        #expect(count == 3)
    }
}
