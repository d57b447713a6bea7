/// A policy `tlsrpt policy … --publish` stored for `tlsrpt serve --host-policy` to serve at
/// `https://mta-sts.DOMAIN/.well-known/mta-sts.txt`; every publication is kept, so the history of a
/// domain's modes (testing → enforce → rollback) can be read back.
public struct PublishedPolicy: Sendable, Equatable {
    public var domain: String
    public var mode: STSPolicy.Mode
    /// The `id` of the `_mta-sts` TXT record that goes with it.
    public var id: String
    /// The policy file exactly as served (CRLF line endings).
    public var fileText: String
    public var maximumAge: Int64
    /// When it was published, seconds since the epoch.
    public var publishedAt: Int64
    /// Who published it (the user name of the process).
    public var publishedBy: String

    public init(
        domain: String, mode: STSPolicy.Mode, id: String, fileText: String, maximumAge: Int64, publishedAt: Int64,
        publishedBy: String
    ) {
        self.domain = domain
        self.mode = mode
        self.id = id
        self.fileText = fileText
        self.maximumAge = maximumAge
        self.publishedAt = publishedAt
        self.publishedBy = publishedBy
    }

    /// The publication of `publication`, by `user` at `time`.
    public init(_ publication: PolicyPublication, at time: Int64, by user: String) {
        self.init(
            domain: publication.domain, mode: publication.policy.mode, id: publication.id,
            fileText: publication.policy.fileText, maximumAge: publication.policy.maximumAge, publishedAt: time,
            publishedBy: user)
    }
}
