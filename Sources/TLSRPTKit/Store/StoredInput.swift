/// An input kept in the store with its original bytes: what `tlsrpt rejects` lists and
/// `tlsrpt reprocess` decodes again.
public struct StoredInput: Sendable, Equatable {
    /// The row id, stable for the life of the database.
    public var id: Int64
    public var status: InputStatus
    /// Why it was rejected, or what it conflicts with.
    public var reason: String?
    /// Where it came from.
    public var provenance: Provenance
    /// Size of the original bytes as received.
    public var originalSize: Int64
    /// What ``ReportStore/original(ofInput:)`` gives back for it.
    public var keptAs: OriginalForm

    /// What the store keeps of an input's original bytes.
    public enum OriginalForm: Sendable, Equatable {
        /// The bytes exactly as received (every rejected input).
        case asReceived
        /// The report JSON, byte for byte as the reporter wrote it, without the gzip or e-mail
        /// wrapper it came in (reports that decoded at ingest).
        case reportJSON
    }
}
