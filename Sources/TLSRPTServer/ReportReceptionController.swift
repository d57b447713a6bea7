import Foundation
import Hummingbird
import NIOCore
import TLSRPTKit

/// The report endpoint (RFC 8460 §3): `POST` a report, get back what became of it.
///
/// | status | when |
/// |---|---|
/// | 201 Created | the report is stored (committed to disk) |
/// | 200 OK | the same report was already stored |
/// | 400 Bad Request | the body is not a report (kept as a reject, `tlsrpt rejects`) |
/// | 405 Method Not Allowed | any method but POST |
/// | 408 Request Timeout | the body did not arrive in time |
/// | 409 Conflict | a stored report has this organisation and report-id but other content |
/// | 413 Content Too Large | the body, or the report it decompresses to, is over the limit |
/// | 415 Unsupported Media Type | a type that cannot hold a report (multipart, an image) |
/// | 500 Internal Server Error | the database failed; the reporter retries |
/// | 503 Service Unavailable | the write queue is full; `Retry-After` says when to retry |
///
/// Every answer has a one-line `text/plain` body saying why.
struct ReportReceptionController: Sendable {
    let ingestor: ReportIngestor
    let configuration: ServerConfiguration
    /// Counts every report and reject this endpoint stores.
    let metrics: ServerMetrics

    func addRoutes(to router: Router<ServerRequestContext>) {
        for path in configuration.reportPaths {
            router.post(RouterPath(path)) { request, context in
                try await receive(request, context: context)
            }
            // A GET of a path the dashboard serves (`/`) gets the page; POST still takes reports.
            let methods: [HTTPRequest.Method] = DashboardController.serves(path) ? [.put, .delete, .patch] : [.get, .put, .delete, .patch]
            for method in methods {
                router.on(RouterPath(path), method: method) { _, _ in
                    var response = Self.answer(.methodNotAllowed, "reports are sent with POST (RFC 8460 section 3)")
                    response.headers[.allow] = "POST"
                    return response
                }
            }
        }
    }

    func receive(_ request: Request, context: ServerRequestContext) async throws -> Response {
        if let refusal = ReportMediaType.refusal(
            contentType: request.headers[.contentType], contentEncoding: request.headers[.contentEncoding])
        {
            return Self.answer(.unsupportedMediaType, refusal)
        }
        let body: ByteBuffer
        do {
            body = try await collectBody(of: request)
        } catch is NIOTooManyBytesError {
            return Self.answer(.contentTooLarge, "the body is larger than the \(configuration.maximumBodySize >> 20) MiB accepted")
        } catch is BodyTimeout {
            return Self.answer(.requestTimeout, "the body did not arrive within \(configuration.bodyTimeoutSeconds) s")
        }
        let provenance = Provenance(
            source: "http://" + (request.head.authority ?? "localhost") + request.uri.path,
            receivedAt: Int64(Date().timeIntervalSince1970),
            remoteAddress: ClientAddress.resolve(
                peer: context.remoteAddress?.ipAddress, forwardedFor: request.headers[Self.forwardedFor],
                trustedProxies: configuration.trustedProxies),
            userAgent: request.headers[.userAgent]
        )
        let ingested: [IngestedInput]
        do {
            ingested = try await ingestor.ingestWithReports(Array(buffer: body), provenance: provenance, as: .report)
        } catch let error as IngestError {
            var response = Self.answer(.serviceUnavailable, error.description)
            response.headers[.retryAfter] = String(configuration.retryAfterSeconds)
            return response
        } catch {
            context.logger.error("cannot store a report: \(error)")
            return Self.answer(.internalServerError, "the report could not be stored; try again later")
        }
        metrics.record(ingested)
        return Self.answer(for: ingested.map(\.result))
    }

    /// The answer for what the ingestor did with the body's report.
    static func answer(for results: [InputResult]) -> Response {
        switch results.first {
        case .accepted(let inputID)?:
            return answer(.created, "stored as input \(inputID)")
        case .duplicate(let inputID)?:
            return answer(.ok, "already stored as input \(inputID)")
        case .conflict(let inputID, let existing)?:
            return answer(.conflict, "input \(existing) has this organization-name and report-id with other content; kept aside as input \(inputID)")
        case .rejected(let inputID, let rejection)?:
            let status: HTTPResponse.Status = rejection.kind == .tooLarge ? .contentTooLarge : .badRequest
            return answer(status, "not stored as a report (kept as input \(inputID)): " + TerminalText.sanitized(rejection.reason))
        case nil:
            return answer(.badRequest, "the body holds no report")
        }
    }

    static func answer(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: message + "\n"))
        )
    }

    /// `X-Forwarded-For`, which a trusted reverse proxy sets (``ClientAddress``).
    static let forwardedFor = HTTPFields.Element.Name("X-Forwarded-For")!

    /// Thrown when the body did not arrive within ``ServerConfiguration/bodyTimeoutSeconds``.
    struct BodyTimeout: Error {}

    /// The whole body, at most ``ServerConfiguration/maximumBodySize`` bytes, within the body timeout.
    private func collectBody(of request: Request) async throws -> ByteBuffer {
        let limit = configuration.maximumBodySize
        let timeout = configuration.bodyTimeoutSeconds
        return try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await request.body.collect(upTo: limit) }
            group.addTask {
                try await Task.sleep(for: .seconds(timeout))
                return nil
            }
            defer { group.cancelAll() }
            guard let body = try await group.next() ?? nil else { throw BodyTimeout() }
            return body
        }
    }
}
