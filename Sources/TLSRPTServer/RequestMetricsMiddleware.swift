import Hummingbird

/// Records how long each request took, by the route that answered it and the status class, in
/// the `tlsrpt_http_request_duration_seconds` histogram of ``ServerMetrics``.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext

    let metrics: ServerMetrics
    /// The paths the server has routes for: the only values of the `route` label, with `unmatched`.
    let routes: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let clock = ContinuousClock()
        let start = clock.now
        var status = HTTPResponse.Status.internalServerError
        // The route is known once the router has matched it: read it after `next`. Hummingbird
        // names the path of a 404 `NotFound`: anything not ours is `nil`, recorded as `unmatched`.
        defer {
            let route = context.endpointPath.flatMap { routes.contains($0) ? $0 : nil }
            metrics.recordRequest(route: route, status: status.code, duration: clock.now - start)
        }
        do {
            let response = try await next(request, context)
            status = response.status
            return response
        } catch let error as any HTTPResponseError {
            status = error.status
            throw error
        }
    }
}
