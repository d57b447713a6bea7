import Foundation

/// The mailbox `tlsrpt fetch` reads, from a URL of the form `imaps://user@host[:port]/MAILBOX`
/// (TLS from the start, port 993) or `imap://user@host[:port]/MAILBOX` (STARTTLS, port 143).
///
/// The user and mailbox may be percent-encoded (`imaps://reports%40example.com@imap.example.com/INBOX`);
/// the mailbox defaults to `INBOX`. A password in the URL is refused: it would be visible in the
/// process list and shell history.
public struct IMAPMailboxURL: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is protected.
    public enum Security: Sendable, Equatable {
        /// `imaps://`: TLS from the first byte.
        case implicitTLS
        /// `imap://`: plain text until `STARTTLS`.
        case startTLS
    }

    public var security: Security
    public var user: String
    public var host: String
    public var port: Int
    /// The mailbox name, decoded (`INBOX`, `Reports/TLS`).
    public var mailbox: String

    /// - Throws: ``IMAPFetchError/invalidURL(_:)`` with the reason.
    public init(_ text: String) throws(IMAPFetchError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw .invalidURL("\(text) is not a URL like imaps://user@host/INBOX")
        }
        switch scheme {
        case "imaps": security = .implicitTLS
        case "imap": security = .startTLS
        default: throw .invalidURL("the URL must start with imaps:// or imap://, not \(scheme)://")
        }
        guard components.password == nil else {
            throw .invalidURL("the URL holds a password; give it with --password-file, $TLSRPT_IMAP_PASSWORD or ~/.netrc instead")
        }
        guard let user = components.user, !user.isEmpty else { throw .invalidURL("the URL names no user (imaps://user@host/INBOX)") }
        guard let host = components.host, !host.isEmpty else { throw .invalidURL("the URL names no host") }
        self.user = user
        self.host = host
        port = components.port ?? (security == .implicitTLS ? 993 : 143)
        guard (1...65535).contains(port) else { throw .invalidURL("port \(port) is out of range") }
        var path = components.path
        if path.hasPrefix("/") { path.removeFirst() }
        while path.hasSuffix("/") { path.removeLast() }
        mailbox = path.isEmpty ? "INBOX" : path
        guard !mailbox.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            throw .invalidURL("the mailbox name holds control characters")
        }
    }

    /// `imaps://user@host[:port]/MAILBOX`.
    public var description: String {
        let scheme = security == .implicitTLS ? "imaps" : "imap"
        let defaultPort = security == .implicitTLS ? 993 : 143
        let userPart = user.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? user
        let mailboxPart = mailbox.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? mailbox
        return "\(scheme)://\(userPart)@\(host)\(port == defaultPort ? "" : ":\(port)")/\(mailboxPart)"
    }

    /// `user@host/MAILBOX`: what the store keys the mailbox's progress by, the same whether it
    /// is reached over `imaps://` or `imap://`, on whichever port.
    public var progressKey: String {
        let userPart = user.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? user
        return "\(userPart)@\(host.lowercased())/\(mailbox)"
    }

    /// The RFC 5092 URL of one message, kept as the source of its reports:
    /// `imaps://user@host/INBOX;UIDVALIDITY=3/;UID=42`.
    func messageSource(uidValidity: UInt32, uid: UInt32) -> String {
        "\(description);UIDVALIDITY=\(uidValidity)/;UID=\(uid)"
    }
}
