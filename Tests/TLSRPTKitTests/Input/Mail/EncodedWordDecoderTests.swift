import Testing
@testable import TLSRPTKit

@Suite("RFC 2047 encoded words")
struct EncodedWordDecoderTests {
    @Test("B and Q encoded words, any case")
    func basicWords() {
        #expect(EncodedWordDecoder.decode("=?utf-8?B?UmFwcG9ydCDDqXTDqQ==?=") == "Rapport été")
        #expect(EncodedWordDecoder.decode("=?UTF-8?q?Rapport_=C3=A9t=C3=A9?=") == "Rapport été")
        #expect(EncodedWordDecoder.decode("=?iso-8859-1?Q?caf=E9?=") == "café")
        #expect(EncodedWordDecoder.decode("=?windows-1252?Q?=80uro?=") == "€uro")
    }

    @Test("white space between adjacent encoded words is removed; other text is kept")
    func adjacentWords() {
        #expect(EncodedWordDecoder.decode("=?utf-8?Q?a?= \t =?utf-8?Q?b?=") == "ab")
        #expect(EncodedWordDecoder.decode("Re: =?utf-8?Q?a?= x =?utf-8?Q?b?= end") == "Re: a x b end")
        #expect(EncodedWordDecoder.decode("plain text") == "plain text")
    }

    @Test("a multi-byte character split across two encoded words survives")
    func splitCharacter() {
        // "é" is C3 A9; each word carries one byte.
        #expect(EncodedWordDecoder.decode("=?utf-8?Q?caf=C3?= =?utf-8?Q?=A9?=") == "café")
        #expect(EncodedWordDecoder.decode("=?utf-8?B?w6k=?==?utf-8?B?w6k=?=") == "éé")
    }

    @Test("charset with RFC 2231 language suffix")
    func languageSuffix() {
        #expect(EncodedWordDecoder.decode("=?utf-8*en?Q?hello?=") == "hello")
    }

    @Test("malformed encoded words are left alone")
    func malformed() {
        for text in ["=?utf-8?X?abc?=", "=?utf-8?Q?abc", "=??Q?abc?=", "=?utf-8?Q?a b?=", "=?", "=?=?=?", "a =?utf-8?B"] {
            #expect(EncodedWordDecoder.decode(text) == text)
        }
    }

    @Test("unknown charsets fall back to UTF-8")
    func unknownCharset() {
        #expect(EncodedWordDecoder.decode("=?x-unknown?Q?=C3=A9?=") == "é")
    }

    @Test("text full of '=?' is handled in linear time")
    func manyOpeners() {
        // No `?=` before the space: every `=?` starts a candidate whose terminator search would run far.
        let text = String(repeating: "=?a?q?x", count: 100_000) + " " + String(repeating: "=?", count: 100_000)
        let clock = ContinuousClock()
        var decoded = ""
        let elapsed = clock.measure { decoded = EncodedWordDecoder.decode(text) }
        let unchanged = decoded == text
        #expect(unchanged)
        #expect(elapsed < .seconds(20))
    }

    @Test("text longer than the decodable maximum is returned unchanged")
    func overlongText() {
        let text = "=?utf-8?Q?a?= " + String(repeating: "x", count: EncodedWordDecoder.maximumDecodableLength)
        let unchanged = EncodedWordDecoder.decode(text) == text
        #expect(unchanged)
        #expect(EncodedWordDecoder.decode("=?utf-8?Q?a?= x") == "a x")
    }
}
