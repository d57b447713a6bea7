/// What `tlsrpt fetch` does, and what it does with a message once its reports are committed.
public struct IMAPFetchOptions: Sendable {
    /// What becomes of a message holding a TLS report once its reports are committed. Messages
    /// without one (DMARC reports, bounces) are left as they are.
    public enum Disposal: Sendable, Equatable {
        /// Flag it `\Seen` and leave it.
        case markSeen
        /// Move it into this folder (created if missing).
        case move(to: String)
        /// Delete it (`\Deleted` and `UID EXPUNGE` of it alone).
        case delete
    }

    public var mailbox: IMAPMailboxURL
    /// The password or the OAuth 2.0 token source.
    public var credential: IMAPCredential
    public var disposal: Disposal = .markSeen
    /// Where messages without a TLS report (DMARC reports, bounces) go; `nil` leaves them as they are.
    public var othersFolder: String?
    /// Open the mailbox with `EXAMINE` and change nothing on the server.
    public var readOnly = false
    /// A PEM file of certificates to trust beside the system's (a private CA).
    public var certificateAuthorityFile: String?
    /// `imap://` without STARTTLS: everything, the password included, in the clear.
    public var allowsPlaintext = false
    /// Messages per `UID FETCH`.
    public var batchSize = 200
    /// How long the server may be silent when an answer is due (also the connect timeout).
    public var readTimeout: Duration = .seconds(120)
    /// With ``IMAPFetcher/watch(onPass:onRetry:)``, on a server without `IDLE`: the time between passes.
    public var pollInterval: Duration = .seconds(60)
    /// With ``IMAPFetcher/watch(onPass:onRetry:)``: the longest `IDLE` before it is renewed
    /// (RFC 2177 asks for less than 29 minutes; NAT boxes drop quiet connections sooner).
    public var idleRenewal: Duration = .seconds(300)

    public init(mailbox: IMAPMailboxURL, credential: IMAPCredential) {
        self.mailbox = mailbox
        self.credential = credential
    }
}
