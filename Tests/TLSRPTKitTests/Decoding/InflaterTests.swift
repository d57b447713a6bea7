import Foundation
import Testing

@testable import TLSRPTKit

@Suite("Inflater: gzip and zlib with a size cap")
struct InflaterTests {
    static let text = Array(String(repeating: "{\"organization-name\":\"x\"} ", count: 2000).utf8)

    @Test("gzip made by us inflates back, and so does a zlib stream")
    func roundTrip() throws {
        let gzipped = Deflater.gzip(Self.text)
        #expect(Inflater.isGzip(gzipped))
        #expect(gzipped.count < Self.text.count / 10)
        #expect(try Inflater(limit: 1 << 20).inflate(gzipped) == Self.text)

        // A zlib stream (78 9c header) is detected automatically too.
        let zlib: [UInt8] = [0x78, 0x9c, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00, 0x06, 0x2c, 0x02, 0x15]
        #expect(try Inflater(limit: 100).inflate(zlib) == Array("hello".utf8))
    }

    @Test("concatenated gzip members inflate as one stream, as gunzip does")
    func concatenatedMembers() throws {
        let first = Deflater.gzip(Array("abc".utf8))
        let second = Deflater.gzip(Array("def".utf8))
        #expect(try Inflater(limit: 100).inflate(first + second) == Array("abcdef".utf8))
    }

    @Test("truncated, corrupt and oversized inputs fail with the reason")
    func failures() {
        let gzipped = Deflater.gzip(Self.text)
        #expect(throws: Inflater.Failure.truncated) { try Inflater(limit: 1 << 20).inflate(Array(gzipped.prefix(gzipped.count / 2))) }
        #expect(throws: Inflater.Failure.truncated) { try Inflater(limit: 1 << 20).inflate([]) }
        #expect(throws: Inflater.Failure.tooLarge(limit: 1000)) { try Inflater(limit: 1000).inflate(gzipped) }
        var corrupt = gzipped
        for index in 12..<min(40, corrupt.count) { corrupt[index] ^= 0x5A }
        #expect(throws: (any Error).self) { try Inflater(limit: 1 << 20).inflate(corrupt) }
        #expect(throws: (any Error).self) { try Inflater(limit: 1 << 20).inflate(Array("not gzip at all".utf8)) }
    }

    @Test("a gzip bomb stops at the cap without inflating it all")
    func bomb() throws {
        let zeros = [UInt8](repeating: 0x20, count: 64 << 20)
        let bomb = Deflater.gzip(zeros)
        #expect(bomb.count < 200_000)
        #expect(throws: Inflater.Failure.tooLarge(limit: 16 << 20)) { try Inflater(limit: 16 << 20).inflate(bomb) }
    }
}
