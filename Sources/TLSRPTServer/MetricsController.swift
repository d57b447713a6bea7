import Hummingbird
import NIOCore
import TLSRPTKit

/// `GET /metrics` (``ServerConfiguration/metricsPath``): the server's metrics (``ServerMetrics``) in the Prometheus text format.
struct MetricsController: Sendable {
    let metrics: ServerMetrics
    let ingestor: ReportIngestor

    func addRoutes(to router: Router<ServerRequestContext>) {
        router.get(RouterPath(ServerConfiguration.metricsPath)) { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition(queueDepth: ingestor.queuedInputs)))
            )
        }
    }
}
