import Foundation
import Testing

@testable import TLSRPTKit

@Suite("FileReader: whole files, whatever the walk thought their size was")
struct FileReaderTests {
    @Test("a file that grew or shrank since the walk is read whole, and the limit still holds")
    func sizeChangedSinceWalk() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tlsrpt-reader-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let content = Array("0123456789abcdef".utf8)
        try Data(content).write(to: URL(fileURLWithPath: path))

        #expect(try FileReader.read(path, limit: 100, expectedSize: 16) == content)
        #expect(try FileReader.read(path, limit: 100, expectedSize: 4) == content)  // grew
        #expect(try FileReader.read(path, limit: 100, expectedSize: 15) == content)  // grew by one byte
        #expect(try FileReader.read(path, limit: 100, expectedSize: 64) == content)  // shrank
        #expect(try FileReader.read(path, limit: 100) == content)
        #expect(throws: FileReader.Failure.tooLarge(path: path, size: 16, limit: 10)) {
            try FileReader.read(path, limit: 10, expectedSize: 4)
        }
        try Data().write(to: URL(fileURLWithPath: path))
        #expect(try FileReader.read(path, limit: 100, expectedSize: 0) == [])
    }
}
