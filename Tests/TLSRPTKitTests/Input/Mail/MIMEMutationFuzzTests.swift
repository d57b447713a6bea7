import TLSRPTTestSupport
import Testing
@testable import TLSRPTKit

/// Seeded mutation "fuzzing" of the corpus messages: byte flips, truncations, duplications, deletions
/// and insertions of MIME syntax. The parser must never crash and must respect its limits.
@Suite("MIME parser under seeded mutations")
struct MIMEMutationFuzzTests {
    /// A tiny deterministic PRNG (SplitMix64), so every run mutates the same way.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }

    /// Byte sequences that stress the MIME syntax when inserted at random.
    private static let tokens: [[UInt8]] = [
        "\r\n", "\n", "\n\n", "\n--", "--", "=?", "?=", "=?utf-8?B?", "=?utf-8?Q?=C3", "\"", ";", "(", ")", "\\",
        "*0*=", "*=utf-8''%", "=", "=\r\n", "%", "\t", "\n ", ": ",
        "Content-Type: multipart/mixed; boundary=x\n\n--x\n",
        "Content-Type: message/rfc822\n\n",
        "Content-Transfer-Encoding: quoted-printable\n",
        "Content-Transfer-Encoding: base64\n",
        "\n--x--\n",
    ].map { Array($0.utf8) }

    /// Applies one random mutation to `bytes`.
    private static func mutate(_ bytes: inout [UInt8], using random: inout SplitMix64) {
        let count = bytes.count
        switch random.next() % 7 {
        case 0 where count > 0:
            let index = Int(random.next() % UInt64(count))
            bytes[index] ^= UInt8(1) << UInt8(random.next() % 8)
        case 1 where count > 0:
            let index = Int(random.next() % UInt64(count))
            bytes[index] = UInt8(truncatingIfNeeded: random.next())
        case 2 where count > 0:
            bytes.removeLast(Int(random.next() % UInt64(count)))
        case 3 where count > 0 && count < 1 << 20:
            let start = Int(random.next() % UInt64(count))
            let length = Int(random.next() % UInt64(min(count - start, 4096) + 1))
            let insertAt = Int(random.next() % UInt64(count + 1))
            bytes.insert(contentsOf: bytes[start..<(start + length)], at: insertAt)
        case 4 where count > 0:
            let start = Int(random.next() % UInt64(count))
            let length = Int(random.next() % UInt64(min(count - start, 512) + 1))
            bytes.removeSubrange(start..<(start + length))
        default:
            let token = tokens[Int(random.next() % UInt64(tokens.count))]
            let insertAt = Int(random.next() % UInt64(count + 1))
            bytes.insert(contentsOf: token, at: insertAt)
        }
    }

    @Test("thousands of mutated corpus messages parse within the limits")
    func mutatedCorpus() throws {
        let originals = try RealReports.paths(endingWith: ".eml").map { try RealReports.bytes($0) }
        try #require(!originals.isEmpty)
        var random = SplitMix64(state: 0x5EED_7150_2024_0001)
        var mutatedCount = 0
        var reportLeaves = 0
        for iteration in 0..<3000 {
            let original = originals[iteration % originals.count]
            var bytes = original
            let mutationCount = 1 + Int(random.next() % 8)
            for _ in 0..<mutationCount {
                Self.mutate(&bytes, using: &random)
            }
            let entity = MIMEEntity.parse(bytes)
            let leaves = entity.leaves()
            #expect(!leaves.isEmpty)
            #expect(leaves.count <= MIMEEntityParser.maximumPartCount)
            #expect(MailTestSupport.entityCount(entity) <= MIMEEntityParser.maximumPartCount)
            #expect(MailTestSupport.depth(of: entity) <= MIMEEntityParser.maximumDepth)
            for leaf in leaves {
                #expect(leaf.mediaType.contains("/"))
                #expect(leaf.mediaType == leaf.mediaType.lowercased())
            }
            if iteration % 50 == 0 {
                #expect(MIMEEntity.parse(bytes) == entity, "parsing is deterministic")
            }
            _ = MIMEEntity.looksLikeMessage(bytes.prefix(256))
            _ = TransferDecoding.decodeBase64(bytes[...])
            _ = TransferDecoding.decodeQuotedPrintable(bytes[...])
            _ = entity.headers.decoded("subject")
            if bytes != original { mutatedCount += 1 }
            reportLeaves += MailTestSupport.reportLeaves(entity).count
        }
        // The mutations really changed the inputs (a no-op mutator would test nothing)…
        #expect(mutatedCount > 2900, "only \(mutatedCount) of 3000 inputs were changed")
        // …and light ones leave most report attachments findable.
        #expect(reportLeaves > 1000)
    }

    @Test("random bytes parse without trouble")
    func randomBytes() {
        var random = SplitMix64(state: 42)
        for _ in 0..<500 {
            let length = Int(random.next() % 2048)
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let entity = MIMEEntity.parse(bytes)
            #expect(entity.leaves().count >= 1)
            #expect(entity.mediaType == "text/plain" || entity.mediaType.contains("/"))
        }
    }
}
