import Foundation
import Testing

@testable import TLSRPTKit

@Suite("fetch --watch: retry delays, transient errors, OAuth 2.0 token sources")
struct IMAPRetryAndTokenTests {
    @Test("the delay grows from 3–5 s to at most 300 s, never under 3 s, with jitter")
    func retryDelays() {
        func seconds(_ duration: Duration) -> Double { Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18 }
        for failures in [0, 1] {
            let delays = (0..<200).map { _ in seconds(IMAPFetcher.retryDelay(afterFailures: failures)) }
            #expect(delays.allSatisfy { (3...5).contains($0) }, "\(delays.min()!)…\(delays.max()!)")
            #expect(Set(delays).count > 10, "jitter")
        }
        let fourth = (0..<200).map { _ in seconds(IMAPFetcher.retryDelay(afterFailures: 4)) }
        #expect(fourth.allSatisfy { (24...40).contains($0) }, "\(fourth.min()!)…\(fourth.max()!)")
        for failures in [9, 10, 60, Int.max] {
            let delay = seconds(IMAPFetcher.retryDelay(afterFailures: failures))
            #expect((180...300).contains(delay), "\(failures): \(delay)")
        }
    }

    @Test("dropped connections, silence and busy servers are retried; a refused login, certificate or mailbox is not")
    func transientErrors() {
        #expect(IMAPFetchError.connectionClosed(host: "h", serverText: nil).isTransient)
        #expect(IMAPFetchError.cannotConnect(host: "h", port: 993, reason: "refused").isTransient)
        #expect(IMAPFetchError.timedOut(host: "h", seconds: 5).isTransient)
        #expect(!IMAPFetchError.loginFailed(user: "u", host: "h", serverText: "no").isTransient)
        #expect(!IMAPFetchError.tlsFailed(host: "h", reason: "the server's certificate does not verify").isTransient)
        #expect(!IMAPFetchError.mailboxUnavailable("INBOX", serverText: "no").isTransient)
        #expect(!IMAPFetchError.tokenUnavailable("x").isTransient)
    }

    @Test("a token is the first line of the file or of the command's output; empty, odd or failing sources are errors")
    func tokenSources() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("token").path
        try Data("ya29.a0-token_value\nsecond line\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(try IMAPTokenSource.file(file).token() == "ya29.a0-token_value")
        #expect(try IMAPTokenSource.command("printf '  eyJ0eXAi.x.y  \\nrest'").token() == "eyJ0eXAi.x.y")
        #expect(throws: IMAPFetchError.tokenUnavailable("the token command failed (exit status 7)")) {
            try IMAPTokenSource.command("exit 7").token()
        }
        #expect(throws: IMAPFetchError.self) { try IMAPTokenSource.command("printf ''").token() }
        // A \u{1} would end the SASL field early and let the token forge the rest of it.
        #expect(throws: IMAPFetchError.self) { try IMAPTokenSource.command("printf 'abc\\001auth=x'").token() }
        #expect(throws: IMAPFetchError.self) { try IMAPTokenSource.file(folder.appendingPathComponent("missing").path).token() }
    }
}
