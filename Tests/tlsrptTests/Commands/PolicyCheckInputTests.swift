import Foundation
import Testing

/// `tlsrpt policy check` on inputs a new user, a broken web server or a fuzzer might hand it:
/// whatever the bytes, the command answers valid (0) or invalid (1), never crashes.
@Suite("tlsrpt policy check on odd inputs")
struct PolicyCheckInputTests {
    @Test(
        "no input crashes policy check",
        arguments: [
            "", "\n", "\r\n", "\r", "\n\n\n", ":", " ", "\u{FEFF}", "version", "version:", "mode: enforce",
            "max_age: 99999999999999999999", "mx:", "\0", "version: STSv1\r\n\r\n",
        ]
    )
    func oddInputs(_ text: String) throws {
        let result = try CommandRunner.run(["policy", "check", "-"], input: Data(text.utf8))
        #expect(result.status == 1, "\(text.debugDescription): \(result.status) \(result.standardError)")
        #expect(result.standardOutput.hasSuffix("-: invalid\n"), "\(result.standardOutput)")
        #expect(!result.standardError.contains("Fatal error"))
    }

    @Test("an empty file is invalid and says it is empty, from standard input and from a file")
    func emptyFile() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write(Data(), to: "mta-sts.txt")
        for argument in ["-", file.path] {
            let result = try CommandRunner.run(["policy", "check", argument], input: Data())
            #expect(result.status == 1, "\(argument): \(result.standardError)")
            #expect(result.standardOutput.contains("error: the file is empty"), "\(result.standardOutput)")
        }
    }

    @Test("invalid UTF-8 and random bytes are invalid, not a crash")
    func binaryInputs() throws {
        var generator = SystemRandomNumberGenerator()
        for length in [1, 2, 3, 17, 300] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let result = try CommandRunner.run(["policy", "check", "-"], input: Data(bytes))
            #expect(result.status == 1, "\(bytes): \(result.standardError)")
        }
        let result = try CommandRunner.run(["policy", "check", "-"], input: Data([0xFF, 0x0A, 0x0D]))
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("not valid UTF-8"))
    }
}
