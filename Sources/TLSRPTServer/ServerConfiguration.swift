/// How `tlsrpt serve` listens and what it accepts.
public struct ServerConfiguration: Sendable {
    /// The address to listen on; loopback by default, so that only a reverse proxy on the same
    /// machine reaches it unless told otherwise.
    public var host = "127.0.0.1"
    /// The port; 0 picks a free one (tests read it from ``ServerApplication/onListening``).
    public var port = 8080
    /// The paths reports are POSTed to (RFC 8460 §3: the path of the `rua=https://…` URI); not
    /// ``metricsPath``.
    public var reportPaths = ["/", "/tlsrpt"]
    /// The path of the Prometheus metrics (`GET`).
    public static let metricsPath = "/metrics"
    /// The largest request body accepted, compressed: 4 MiB, far above any real report.
    public var maximumBodySize = 4 << 20
    /// The largest decompressed report accepted (``TLSRPTKit/IngestOptions/maximumReportSize``).
    public var maximumReportSize = 16 << 20
    /// Connections served at once; more wait in the listen backlog.
    public var maximumConnections = 256
    /// A connection that sends nothing for this long is closed (slow or idle clients).
    public var idleTimeoutSeconds: Int64 = 30
    /// A request whose body has not fully arrived after this long is answered 408 and closed.
    public var bodyTimeoutSeconds: Int64 = 30
    /// Reports decoded and waiting for the database before requests are answered 503.
    public var maximumQueuedReports = 1024
    /// The `Retry-After` of a 503, in seconds.
    public var retryAfterSeconds = 10
    /// Serve the policies published with `tlsrpt policy … --publish` to requests for
    /// `https://mta-sts.DOMAIN/.well-known/mta-sts.txt` (``PolicyHostingMiddleware``).
    public var hostsPolicies = false
    /// The addresses of reverse proxies whose `X-Forwarded-For` says who the client is
    /// (``ClientAddress``); empty: the peer is the client.
    public var trustedProxies: Set<String> = []

    /// Who may read the dashboard and ``metricsPath`` (``DashboardAccess``); open to anyone by
    /// default. The report endpoint is open whatever it says.
    public var dashboardAccess = DashboardAccess()

    /// TLS in the process: the PEM certificate chain and private key files. `nil` (the default)
    /// serves plain HTTP, for a TLS reverse proxy in front.
    public var tls: TLSFiles?

    /// The files of a TLS server identity.
    public struct TLSFiles: Sendable, Equatable {
        /// The certificate chain, PEM, leaf first.
        public var certificatePath: String
        /// The private key, PEM.
        public var keyPath: String

        public init(certificatePath: String, keyPath: String) {
            self.certificatePath = certificatePath
            self.keyPath = keyPath
        }
    }

    /// Policy domains with a series of their own in `/metrics`; the rest are counted as `other`.
    /// Label values come from reporters, so each label has a limit that keeps the number of
    /// series (the memory of the server and of Prometheus) bounded.
    public var maximumDomainLabels = 100
    /// MX hosts (`receiving-mx-hostname`) with a series of their own in `/metrics`.
    public var maximumMXHostLabels = 100
    /// Result types with a series of their own in `/metrics` (RFC 8460 registers 11).
    public var maximumResultTypeLabels = 30
    /// Reporting organisations with a series of their own in `/metrics`.
    public var maximumOrganizationLabels = 50

    public init() {}
}
