import Hummingbird
import TLSRPTKit

/// Serves the MTA-STS policy files published with `tlsrpt policy DOMAIN --publish` (RFC 8461
/// §3.3): a request whose `Host` is `mta-sts.DOMAIN` for `/.well-known/mta-sts.txt` gets the
/// policy stored for DOMAIN as `text/plain; charset=utf-8`, CRLF line endings as stored. A host
/// without a published policy, and any other path or method (but HEAD) on an `mta-sts.` host, get 404;
/// requests for other hosts go on to the report endpoint.
struct PolicyHostingMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext

    let store: any ReportReading

    /// The RFC 8461 §3.3 path of the policy file.
    static let policyPath = "/.well-known/mta-sts.txt"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let domain = Self.policyDomain(ofHost: request.head.authority) else { return try await next(request, context) }
        guard request.uri.path == Self.policyPath, request.method == .get || request.method == .head else {
            return ReportReceptionController.answer(.notFound, "only \(Self.policyPath) is served on this host")
        }
        guard let policy = try store.publishedPolicy(domain: domain) else {
            return ReportReceptionController.answer(.notFound, "no MTA-STS policy is published for this domain")
        }
        let response = Response(
            status: .ok,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: policy.fileText))
        )
        return request.method == .head ? response.createHeadResponse() : response
    }

    /// `example.com` for a `Host` of `mta-sts.example.com` (any case, with or without a port or a
    /// trailing dot); `nil` for any other host.
    static func policyDomain(ofHost host: String?) -> String? {
        guard var name = host?.lowercased(), !name.hasPrefix("[") else { return nil }
        if let colon = name.lastIndex(of: ":") { name = String(name[..<colon]) }
        guard name.hasPrefix("mta-sts.") else { return nil }
        return DomainName.normalized(String(name.dropFirst("mta-sts.".count)))
    }
}
