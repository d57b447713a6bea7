/// Why `tlsrpt fetch` could not go on. Every case reads as a sentence; none holds the password.
public enum IMAPFetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The mailbox URL cannot be used; the text says why.
    case invalidURL(String)
    /// No password in `--password-file`, `$TLSRPT_IMAP_PASSWORD` or `~/.netrc`.
    case noPassword(user: String, host: String)
    /// The password file cannot be read.
    case unreadablePasswordFile(path: String, reason: String)
    /// The TCP connection could not be made.
    case cannotConnect(host: String, port: Int, reason: String)
    /// The TLS handshake failed: most often a certificate that does not verify.
    case tlsFailed(host: String, reason: String)
    /// The `--ca-file` cannot be used.
    case unusableCAFile(path: String, reason: String)
    /// An `imap://` server that offers no STARTTLS, without `--insecure`.
    case startTLSUnavailable(host: String)
    /// The server refuses to log in over this connection (`LOGINDISABLED`).
    case loginDisabled(host: String)
    /// The server refused the user name and password; its own words follow.
    case loginFailed(user: String, host: String, serverText: String)
    /// The mailbox could not be opened, or the `--move-to` folder created.
    case mailboxUnavailable(String, serverText: String)
    /// A command the run needs failed; the command's name (never its arguments) and the server's words.
    case commandFailed(command: String, serverText: String)
    /// The server lacks an extension the run needs (`UIDPLUS` for `--move-to` without `MOVE`, or `--delete`).
    case missingCapability(String, purpose: String)
    /// The server closed the connection (`BYE`, or the socket closed) before the run ended.
    case connectionClosed(host: String, serverText: String?)
    /// The server's bytes were not IMAP or broke a size limit.
    case protocolViolation(IMAPProtocolError)
    /// The server said nothing for `seconds` while an answer was due; the connection was dropped.
    case timedOut(host: String, seconds: Int)
    /// The OAuth 2.0 token could not be had from its file or command; the text says why.
    case tokenUnavailable(String)

    /// Whether `--watch` tries again later: the connection broke or the server was busy, as
    /// opposed to a wrong password, a refused certificate or a missing mailbox, which retrying
    /// cannot mend (and retrying a refused login is how accounts get locked).
    public var isTransient: Bool {
        switch self {
        case .cannotConnect, .connectionClosed, .timedOut, .commandFailed, .protocolViolation: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .invalidURL(let reason): "invalid mailbox URL: \(reason)"
        case .noPassword(let user, let host):
            "no password for \(user) at \(host): give --password-file, set TLSRPT_IMAP_PASSWORD, or add a ~/.netrc entry"
        case .unreadablePasswordFile(let path, let reason): "cannot read the password file \(path): \(reason)"
        case .cannotConnect(let host, let port, let reason): "cannot connect to \(host) port \(port): \(reason)"
        case .tlsFailed(let host, let reason):
            "TLS with \(host) failed: \(reason) (a server certificate from a private CA needs --ca-file)"
        case .unusableCAFile(let path, let reason): "cannot use the CA file \(path): \(reason)"
        case .startTLSUnavailable(let host):
            "\(host) does not offer STARTTLS; use imaps://, or --insecure to send the password in the clear"
        case .loginDisabled(let host): "\(host) refuses to log in without TLS (LOGINDISABLED)"
        case .loginFailed(let user, let host, let serverText):
            "login as \(user) at \(host) failed: \(serverText.isEmpty ? "the server refused it" : serverText)"
        case .mailboxUnavailable(let mailbox, let serverText): "cannot open mailbox \(mailbox): \(serverText)"
        case .commandFailed(let command, let serverText): "the server refused \(command): \(serverText)"
        case .missingCapability(let capability, let purpose): "the server lacks \(capability), which \(purpose) needs"
        case .connectionClosed(let host, let serverText):
            "\(host) closed the connection" + (serverText.map { ": \($0)" } ?? "")
        case .protocolViolation(let error): error.description
        case .timedOut(let host, let seconds): "\(host) said nothing for \(seconds) s; the connection was given up (--timeout)"
        case .tokenUnavailable(let reason): "no OAuth 2.0 token: \(reason)"
        }
    }
}
