import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import TLSRPTDashboard
import TLSRPTKit

/// Builds the `tlsrpt serve` application: the same app the command runs and the tests start.
///
/// It takes reports (``ReportReceptionController``), serves `/metrics` and the dashboard
/// (``DashboardController``), closed by ``ServerConfiguration/dashboardAccess`` when set.
///
/// ```swift
/// let app = try buildApplication(ServerConfiguration(), store: try SQLiteReportStore(path: "tlsrpt.sqlite"))
/// try await app.runService()   // until SIGTERM or SIGINT, which drain requests in flight
/// ```
/// - Parameters:
///   - store: where reports go; every request's report goes through one ``TLSRPTKit/ReportIngestor``.
///     Its totals (``TLSRPTKit/ReportStore/reportTotals()``) are where the counters of
///     `GET /metrics` start.
///   - onListening: called with the port once the server listens (the chosen one when
///     ``ServerConfiguration/port`` is 0).
/// - Throws: the store's error when its totals cannot be read;
///   ``ServerError/unusableTLSFiles(certificate:key:reason:)`` when the TLS certificate or key of
///   ``ServerConfiguration/tls`` cannot be read.
public func buildApplication(
    _ configuration: ServerConfiguration,
    store: any ReportStore,
    logger: Logger = Logger(label: "tlsrpt.serve"),
    onListening: @escaping @Sendable (Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    var options = IngestOptions()
    options.maximumReportSize = configuration.maximumReportSize
    let ingestor = ReportIngestor(store: store, options: options, maximumQueuedInputs: configuration.maximumQueuedReports)
    let metrics = ServerMetrics(configuration, totals: try store.reportTotals())
    // HEAD of every GET route answers as the GET would, without the body (monitoring probes).
    let router = Router(context: ServerRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: RequestLogMiddleware(trustedProxies: configuration.trustedProxies))
    let routes = Set(configuration.reportPaths + [ServerConfiguration.metricsPath] + DashboardController.routePaths)
    router.add(middleware: RequestMetricsMiddleware(metrics: metrics, routes: routes))
    router.add(middleware: SecurityHeadersMiddleware())
    if configuration.hostsPolicies { router.add(middleware: PolicyHostingMiddleware(store: store)) }
    router.add(middleware: DashboardGate(access: configuration.dashboardAccess))
    ReportReceptionController(ingestor: ingestor, configuration: configuration, metrics: metrics).addRoutes(to: router)
    MetricsController(metrics: metrics, ingestor: ingestor).addRoutes(to: router)
    DashboardController(store: store).addRoutes(to: router)
    var server = HTTPServerBuilder.http1(
        configuration: HTTP1Channel.Configuration(idleTimeout: .seconds(configuration.idleTimeoutSeconds)))
    if let files = configuration.tls {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMFile(files.certificatePath)
            key = try NIOSSLPrivateKey(file: files.keyPath, format: .pem)
        } catch {
            throw ServerError.unusableTLSFiles(certificate: files.certificatePath, key: files.keyPath, reason: "\(error)")
        }
        server = try .tls(
            server,
            tlsConfiguration: .makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key)))
    }
    return Application(
        router: router,
        server: server,
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: "tlsrpt",
            availableConnectionsDelegate: MaximumAvailableConnections(configuration.maximumConnections, logger: logger)
        ),
        onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
}

/// Why the server cannot start.
public enum ServerError: Error, CustomStringConvertible, Sendable {
    /// The PEM certificate chain or private key could not be read.
    case unusableTLSFiles(certificate: String, key: String, reason: String)

    public var description: String {
        switch self {
        case .unusableTLSFiles(let certificate, let key, let reason):
            "cannot use the TLS certificate \(certificate) and key \(key): \(reason)"
        }
    }
}
