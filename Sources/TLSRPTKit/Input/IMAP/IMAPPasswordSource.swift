import Foundation

/// Where `tlsrpt fetch` finds the password — never on the command line, where `ps` and the shell
/// history would show it.
public enum IMAPPasswordSource {
    /// The environment variable read when there is no password file.
    public static let environmentVariable = "TLSRPT_IMAP_PASSWORD"

    /// The password, from the first of: `passwordFile` (its first line), `$TLSRPT_IMAP_PASSWORD`,
    /// the `~/.netrc` entry (or `$NETRC`'s) for the URL's host and user.
    /// - Throws: ``IMAPFetchError/unreadablePasswordFile(path:reason:)``, or
    ///   ``IMAPFetchError/noPassword(user:host:)`` when none of them has one.
    public static func password(
        for url: IMAPMailboxURL, passwordFile: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(IMAPFetchError) -> String {
        if let passwordFile {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: passwordFile))
            } catch {
                throw .unreadablePasswordFile(path: passwordFile, reason: (error as NSError).localizedFailureReason ?? "it cannot be read")
            }
            let text = String(decoding: data, as: UTF8.self)
            let line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let password = line.hasSuffix("\r") ? String(line.dropLast()) : line
            guard !password.isEmpty else { throw .unreadablePasswordFile(path: passwordFile, reason: "its first line is empty") }
            return password
        }
        if let password = environment[environmentVariable], !password.isEmpty { return password }
        let netrcPath = environment["NETRC"] ?? (environment["HOME"].map { $0 + "/.netrc" })
        if let netrcPath, let data = FileManager.default.contents(atPath: netrcPath),
            let password = NetrcFile(text: String(decoding: data, as: UTF8.self)).password(machine: url.host, login: url.user)
        {
            return password
        }
        throw .noPassword(user: url.user, host: url.host)
    }
}
