import Hummingbird
import NIOCore

/// The request context of `tlsrpt serve`: Hummingbird's basic context plus the peer's address,
/// which (through ``ClientAddress`` when a trusted proxy forwards) becomes part of a stored
/// report's provenance.
public struct ServerRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
