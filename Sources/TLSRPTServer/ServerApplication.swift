import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import TLSRPTKit

/// Builds the `tlsrpt serve` application: the same app the command runs and the tests start.
///
/// ```swift
/// let app = buildApplication(ServerConfiguration(), store: try SQLiteReportStore(path: "tlsrpt.sqlite"))
/// try await app.runService()   // until SIGTERM or SIGINT, which drain requests in flight
/// ```
/// - Parameters:
///   - store: where reports go; every request's report goes through one ``TLSRPTKit/ReportIngestor``.
///   - onListening: called with the port once the server listens (the chosen one when
///     ``ServerConfiguration/port`` is 0).
public func buildApplication(
    _ configuration: ServerConfiguration,
    store: any ReportStore,
    logger: Logger = Logger(label: "tlsrpt.serve"),
    onListening: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    var options = IngestOptions()
    options.maximumReportSize = configuration.maximumReportSize
    let ingestor = ReportIngestor(store: store, options: options, maximumQueuedInputs: configuration.maximumQueuedReports)
    let router = Router(context: ServerRequestContext.self)
    router.add(middleware: RequestLogMiddleware())
    if configuration.hostsPolicies { router.add(middleware: PolicyHostingMiddleware(store: store)) }
    ReportReceptionController(ingestor: ingestor, configuration: configuration).addRoutes(to: router)
    return Application(
        router: router,
        server: .http1(configuration: HTTP1Channel.Configuration(idleTimeout: .seconds(configuration.idleTimeoutSeconds))),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: "tlsrpt",
            availableConnectionsDelegate: MaximumAvailableConnections(configuration.maximumConnections, logger: logger)
        ),
        onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
}
