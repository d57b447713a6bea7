import Foundation
import Hummingbird
import NIOCore
import NIOPosix
import TLSRPTDashboard
import TLSRPTKit

/// The dashboard's pages (``TLSRPTDashboard/Dashboard``), read-only, `GET` only:
///
/// | path | page |
/// |---|---|
/// | `/` | every domain: readiness, sessions and failure rates, sparkline; `?sort=`, `?q=` |
/// | `/domains/DOMAIN` | one domain: charts, breakdowns, policies, checks, the next step |
/// | `/reports/ID` | one stored report: provenance and normalised JSON |
/// | `/reports/ID/original` | its original bytes, as a download |
/// | `/rejects` | rejected and conflicting inputs |
///
/// Periods come from the query string (`?last=7d`, `?since=…&until=…`). Every answer carries
/// ``SecurityHeadersMiddleware``'s headers. Pages are made on NIO's thread pool: the store's reads
/// block.
struct DashboardController: Sendable {
    let dashboard: Dashboard
    let store: any ReportReading

    init(store: any ReportReading) {
        self.store = store
        dashboard = Dashboard(store: store)
    }

    /// Whether a `GET` of `path` is one of the dashboard's pages (a report path that is one, such
    /// as `/`, serves the page on `GET` and takes reports on `POST`).
    static func serves(_ path: String) -> Bool {
        path == "/" || path == "/rejects" || path.hasPrefix("/domains/") || path.hasPrefix("/reports/")
    }

    /// The routes, as the `route` label of the request metrics names them.
    static let routePaths = ["/domains/{domain}", "/reports/{id}", "/reports/{id}/original", "/rejects", "/"]

    func addRoutes(to router: Router<ServerRequestContext>) {
        router.get("/") { request, _ in
            try await page { try dashboard.indexPage(parameters: Self.parameters(of: request)) }
        }
        router.get("/domains/:domain") { request, context in
            let domain = context.parameters.get("domain")?.removingPercentEncoding ?? ""
            return try await page { try dashboard.domainPage(domain, parameters: Self.parameters(of: request)) }
        }
        router.get("/reports/:id") { _, context in
            guard let id = context.parameters.get("id", as: Int64.self) else { return Self.notFound(dashboard) }
            return try await page { try dashboard.reportPage(inputID: id) }
        }
        router.get("/reports/:id/original") { _, context in
            guard let id = context.parameters.get("id", as: Int64.self) else { return Self.notFound(dashboard) }
            return try await original(id)
        }
        router.get("/rejects") { _, _ in
            try await page { try dashboard.rejectsPage() }
        }
    }

    /// The query string's parameters; the first of a repeated one counts.
    static func parameters(of request: Request) -> [String: String] {
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where parameters[String(key)] == nil {
            parameters[String(key)] = String(value)
        }
        return parameters
    }

    func page(_ make: @escaping @Sendable () throws -> DashboardPage) async throws -> Response {
        let page = try await NIOThreadPool.singleton.runIfActive(make)
        return Self.response(page)
    }

    static func response(_ page: DashboardPage) -> Response {
        Response(
            status: HTTPResponse.Status(code: page.status),
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: page.html))
        )
    }

    static func notFound(_ dashboard: Dashboard) -> Response {
        response(dashboard.messagePage(status: 404, heading: "Not found", text: "No stored input has this id."))
    }

    /// The stored original of input `id` (a report's JSON, or a reject as received), as a download.
    func original(_ id: Int64) async throws -> Response {
        let found: (StoredInput, [UInt8])? = try await NIOThreadPool.singleton.runIfActive {
            guard let input = try store.input(withID: id) else { return nil }
            return (input, try store.original(ofInput: id))
        }
        guard let (input, bytes) = found else { return Self.notFound(dashboard) }
        let name = "tlsrpt-input-\(id)" + (input.keptAs == .reportJSON ? ".json" : bytes.starts(with: [0x1F, 0x8B]) ? ".gz" : ".bin")
        return Response(
            status: .ok,
            headers: [
                .contentType: input.keptAs == .reportJSON ? "application/json" : "application/octet-stream",
                .contentDisposition: "attachment; filename=\"\(name)\"",
                .cacheControl: "no-store",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
