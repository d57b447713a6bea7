/// How far `tlsrpt fetch` got in one IMAP mailbox: the mailbox's `UIDVALIDITY` when it was read,
/// and the UIDs whose messages are done (their reports committed, or found to hold none).
public struct MailboxProgress: Sendable, Equatable {
    /// The `UIDVALIDITY` the UIDs belong to: when the server reports another, they mean nothing.
    public var uidValidity: UInt32
    /// The UIDs done.
    public var finishedUIDs: Set<UInt32>

    public init(uidValidity: UInt32, finishedUIDs: Set<UInt32> = []) {
        self.uidValidity = uidValidity
        self.finishedUIDs = finishedUIDs
    }
}
