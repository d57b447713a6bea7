import Hummingbird
import HummingbirdAuth
import NIOCore

/// The request context of `tlsrpt serve`: Hummingbird's basic context plus the peer's address,
/// which (through ``ClientAddress`` when a trusted proxy forwards) becomes part of a stored
/// report's provenance, and who opened the dashboard (``DashboardGate``).
public struct ServerRequestContext: RequestContext, RemoteAddressRequestContext, AuthRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The user or token holder ``DashboardGate`` let in; `nil` when the dashboard is open or for reports.
    public var identity: DashboardUser?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        identity = nil
    }
}
