/// Who may read the dashboard and `/metrics`: anyone (the default, for a server on loopback
/// behind a proxy that guards it), or only those with the token or a user's password. The
/// report endpoint stays open whatever this says: reporters do not authenticate.
public struct DashboardAccess: Sendable, Equatable {
    /// The token that opens the pages, sent as `Authorization: Bearer TOKEN` (scripts,
    /// Prometheus' `authorization` setting) or as the password of HTTP basic authentication with
    /// any user name (browsers).
    public var token: String?
    /// User name → password, or a bcrypt hash of it (`$2a$`, `$2b$`, `$2y$`), for HTTP basic
    /// authentication.
    public var users: [String: String]

    public init(token: String? = nil, users: [String: String] = [:]) {
        self.token = token
        self.users = users
    }

    /// Whether the pages are open to anyone.
    public var isOpen: Bool { token == nil && users.isEmpty }

    /// Why a password file cannot be used; the line number only, never the line (it holds a secret).
    public struct Problem: Error, Equatable, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The users of a password file: one `user:password` or `user:BCRYPT-HASH` per line
    /// (`htpasswd -B` writes the latter); blank lines and lines starting with `#` are skipped.
    /// - Throws: ``Problem`` naming the first line without a `:`, with an empty user or password,
    ///   or repeating a user; or when the file names no user.
    public static func users(passwordFile text: String) throws(Problem) -> [String: String] {
        var users: [String: String] = [:]
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty, !line.hasPrefix("#") else { continue }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex, line.index(after: colon) != line.endIndex else {
                throw Problem(description: "line \(index + 1) is not user:password or user:bcrypt-hash")
            }
            let user = String(line[..<colon])
            guard users[user] == nil else { throw Problem(description: "line \(index + 1) repeats a user name") }
            users[user] = String(line[line.index(after: colon)...])
        }
        guard !users.isEmpty else { throw Problem(description: "the file names no user") }
        return users
    }
}
