import Hummingbird
import TLSRPTDashboard

/// Adds to every answer the headers that keep a browser from running or loading anything the
/// pages did not make: ``TLSRPTDashboard/DashboardPage/contentSecurityPolicy`` (no script, no
/// outside resource, no framing), `X-Content-Type-Options: nosniff` and
/// `Referrer-Policy: no-referrer` (a report's links leak nothing).
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.contentSecurityPolicy] = DashboardPage.contentSecurityPolicy
        response.headers[Self.contentTypeOptions] = "nosniff"
        response.headers[Self.referrerPolicy] = "no-referrer"
        return response
    }

    static let contentTypeOptions = HTTPFields.Element.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPFields.Element.Name("Referrer-Policy")!
}
