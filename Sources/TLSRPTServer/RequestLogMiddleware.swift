import Hummingbird
import Logging
import TLSRPTKit

/// Logs one line per request: method, path, status, response bytes, time taken, client (through
/// the trusted proxies, ``ClientAddress``) and `User-Agent`. Strings a client chose (path, `User-Agent`) go through
/// ``TLSRPTKit/TerminalText/sanitized(_:)``, so a line break in them cannot forge a log line.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext

    let trustedProxies: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let clock = ContinuousClock()
        let start = clock.now
        var status = HTTPResponse.Status.internalServerError
        var bytes = 0
        defer {
            let elapsed = clock.now - start
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            context.logger.info(
                "request",
                metadata: [
                    "method": .string(request.method.rawValue),
                    "path": .string(TerminalText.sanitized(request.uri.path)),
                    "status": .stringConvertible(status.code),
                    "bytes": .stringConvertible(bytes),
                    "ms": .string(String(format: "%.1f", milliseconds)),
                    "peer": .string(
                        ClientAddress.resolve(
                            peer: context.remoteAddress?.ipAddress,
                            forwardedFor: request.headers[ReportReceptionController.forwardedFor],
                            trustedProxies: trustedProxies) ?? "-"),
                    "user_agent": .string(TerminalText.sanitized(request.headers[.userAgent] ?? "-")),
                ])
        }
        do {
            let response = try await next(request, context)
            status = response.status
            bytes = response.body.contentLength ?? 0
            return response
        } catch let error as any HTTPResponseError {
            status = error.status
            throw error
        }
    }
}
