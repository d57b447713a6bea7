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
    /// The password. Never printed, logged or kept.
    public var password: String
    public var disposal: Disposal = .markSeen
    /// Open the mailbox with `EXAMINE` and change nothing on the server.
    public var readOnly = false
    /// A PEM file of certificates to trust beside the system's (a private CA).
    public var certificateAuthorityFile: String?
    /// `imap://` without STARTTLS: everything, the password included, in the clear.
    public var allowsPlaintext = false
    /// Messages per `UID FETCH`.
    public var batchSize = 200

    public init(mailbox: IMAPMailboxURL, password: String) {
        self.mailbox = mailbox
        self.password = password
    }
}
