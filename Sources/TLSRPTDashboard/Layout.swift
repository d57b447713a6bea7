import TLSRPTKit

/// The document around a page's content: head, inline style, the header with navigation.
struct Layout {
    var title: String
    var isServer: Bool
    var generated: String
    var content: String

    struct Model {
        var title: String
        var isServer: Bool
        var generated: String
        var content: String
        var style: String
        var csp: String
    }

    func render() -> String {
        Templates.render(
            Model(
                title: TerminalText.sanitized(title), isServer: isServer, generated: generated, content: content,
                style: PageStyle.css, csp: isServer ? Self.serverMetaPolicy : Self.fileSecurityPolicy),
            "layout")
    }

    /// The header's policy (``DashboardPage/contentSecurityPolicy``) without `frame-ancestors`,
    /// which browsers ignore, with a console message, in a `<meta>` element.
    static let serverMetaPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'"

    /// The single file allows no form target and no image from itself: it has neither.
    static let fileSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"
}
