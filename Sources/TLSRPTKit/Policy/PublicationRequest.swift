/// What the user asked `tlsrpt policy DOMAIN` for.
public struct PublicationRequest: Sendable, Equatable {
    public var domain: String
    public var mode: STSPolicy.Mode
    /// The `--mx` patterns, lowercased; empty to take them from the policy reporters agree on.
    public var mxPatterns: [String]
    /// The `--max-age`; `nil` for the mode's default.
    public var maximumAge: Int64?
    /// `--force`: emit enforce even when readiness checks fail.
    public var force: Bool
    /// The `id` now published in `_mta-sts`, which the new id must differ from.
    public var currentID: String?
    /// The `rua` of a `_smtp._tls` record to emit too.
    public var reportingAddress: String?
    /// The time the new id is made from, in seconds since the epoch.
    public var now: Int64
    /// The policy tlsrpt published for the domain last, if any: the new id differs from its id,
    /// and a rollback outlives its `max_age`.
    public var published: PublishedPolicy?

    public init(
        domain: String, mode: STSPolicy.Mode, mxPatterns: [String] = [], maximumAge: Int64? = nil, force: Bool = false,
        currentID: String? = nil, reportingAddress: String? = nil, now: Int64, published: PublishedPolicy? = nil
    ) {
        self.domain = domain
        self.mode = mode
        self.mxPatterns = mxPatterns
        self.maximumAge = maximumAge
        self.force = force
        self.currentID = currentID
        self.reportingAddress = reportingAddress
        self.now = now
        self.published = published
    }
}
