/// An input kept in the store with its original bytes: what `tlsrpt rejects` lists and
/// `tlsrpt reprocess` decodes again.
public struct StoredInput: Sendable, Equatable {
    /// The row id, stable for the life of the database.
    public var id: Int64
    /// `accepted`, `rejected` or `conflict`.
    public var status: String
    /// Why it was rejected, or what it conflicts with.
    public var reason: String?
    /// Where it came from.
    public var provenance: Provenance
    /// Size of the original bytes as received.
    public var originalSize: Int64
}
