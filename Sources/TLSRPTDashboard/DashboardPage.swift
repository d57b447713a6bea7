/// A page of the dashboard: its HTTP status and its HTML document.
public struct DashboardPage: Sendable, Equatable {
    /// 200, or 400 for a query that cannot be served, 404 for what does not exist.
    public var status: Int
    /// The whole document, UTF-8.
    public var html: String

    public init(status: Int, html: String) {
        self.status = status
        self.html = html
    }

    /// The `Content-Security-Policy` of every page: no script, no frame, nothing loaded from
    /// elsewhere; only inline styles, and images from the page itself or `data:` URLs.
    public static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
}
