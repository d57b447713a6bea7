import Foundation

/// The entries of a `~/.netrc` file (`machine HOST login USER password SECRET`), the way curl and
/// ftp read them, so `tlsrpt fetch` can find a password without it appearing on a command line.
public struct NetrcFile: Sendable {
    /// One `machine` (or `default`) entry.
    public struct Entry: Sendable, Equatable {
        /// The host, or `nil` for the `default` entry.
        public var machine: String?
        public var login: String?
        public var password: String?
    }

    public var entries: [Entry]

    /// Parses the text of a netrc file. Tokens are separated by white space; `macdef` blocks
    /// (which run until an empty line) are skipped; a token may be double-quoted.
    public init(text: String) {
        entries = []
        var tokens = Self.tokens(text)[...]
        while let token = tokens.popFirst() {
            switch token {
            case "machine":
                entries.append(Entry(machine: tokens.popFirst()?.lowercased()))
            case "default":
                entries.append(Entry(machine: nil))
            case "login":
                let value = tokens.popFirst()
                if !entries.isEmpty { entries[entries.count - 1].login = value }
            case "password":
                let value = tokens.popFirst()
                if !entries.isEmpty { entries[entries.count - 1].password = value }
            case "account":
                _ = tokens.popFirst()
            default:
                break
            }
        }
    }

    /// The password for `login` at `machine`: the first entry for that machine whose login
    /// matches (or that names none), else the `default` entry's.
    public func password(machine: String, login: String) -> String? {
        let host = machine.lowercased()
        let candidates = entries.filter { $0.machine == host } + entries.filter { $0.machine == nil }
        return candidates.first { $0.password != nil && ($0.login == nil || $0.login == login) }?.password
    }

    private static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        while let line = lines.popFirst() {
            var current = ""
            var quoted = false
            var inToken = false
            for character in line {
                if quoted {
                    if character == "\"" { quoted = false } else { current.append(character) }
                } else if character == "\"" {
                    quoted = true
                    inToken = true
                } else if character == " " || character == "\t" || character == "\r" {
                    if inToken { tokens.append(current) }
                    current = ""
                    inToken = false
                } else {
                    current.append(character)
                    inToken = true
                }
            }
            if inToken { tokens.append(current) }
            if tokens.last == "macdef" || (tokens.count >= 2 && tokens[tokens.count - 2] == "macdef") {
                // Skip the macro body: the lines up to the next empty one.
                while let body = lines.popFirst(), !body.trimmingCharacters(in: .whitespaces).isEmpty {}
            }
        }
        return tokens
    }
}
