import Foundation

/// Where `tlsrpt fetch` gets an OAuth 2.0 access token: a file some other program keeps fresh, or a
/// command that prints one (`oama access user@gmail.com`, `az account get-access-token …`, a script
/// around a refresh token). Read at each login, so a long `--watch` outlives any one token.
public enum IMAPTokenSource: Sendable, Equatable {
    /// The first line of this file.
    case file(String)
    /// The first line this shell command prints on standard output; it must exit 0.
    case command(String)

    /// The token.
    /// - Throws: ``IMAPFetchError/tokenUnavailable(_:)`` saying why there is none.
    public func token() throws(IMAPFetchError) -> String {
        let text: String
        switch self {
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .tokenUnavailable("cannot read the token file \(path)")
            }
            text = String(decoding: data, as: UTF8.self)
        case .command(let command):
            text = try Self.output(of: command)
        }
        let line = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        // The token goes into a SASL string delimited by \u{1}; anything but visible ASCII is refused.
        guard !line.isEmpty, line.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw .tokenUnavailable("the token \(self.origin) gave is empty or holds characters a token cannot have")
        }
        return line
    }

    private var origin: String {
        switch self {
        case .file(let path): "the file \(path)"
        case .command: "the token command"
        }
    }

    /// What `/bin/sh -c command` prints; its standard error goes to ours, so its own messages are seen.
    private static func output(of command: String) throws(IMAPFetchError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .tokenUnavailable("the token command could not be started: \(error.localizedDescription)")
        }
        // A token is short; whatever the command prints past 64 KiB is not read.
        let data = (try? output.fileHandleForReading.read(upToCount: 65_536)) ?? Data()
        try? output.fileHandleForReading.close()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw .tokenUnavailable("the token command failed (exit status \(process.terminationStatus))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
