import Foundation

/// The address a request came from, seen through the reverse proxies the server trusts.
///
/// Behind nginx every peer is the proxy; with its address in
/// ``ServerConfiguration/trustedProxies``, the client is the rightmost `X-Forwarded-For` entry
/// that is not a trusted proxy (the entries left of it were written by the client and prove
/// nothing). From any other peer the header is ignored: anyone can send one.
enum ClientAddress {
    /// The client's address, or `peer` when the request did not come through a trusted proxy or
    /// the header holds no IP address where it should.
    static func resolve(peer: String?, forwardedFor: String?, trustedProxies: Set<String>) -> String? {
        guard let peer, trustedProxies.contains(peer), let forwardedFor else { return peer }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let client = hops.last(where: { !trustedProxies.contains($0) }), isAddressLiteral(client) else { return peer }
        return client
    }

    /// Whether `text` looks like an IPv4 or IPv6 address literal (digits, hex digits, `.` and `:`
    /// only), so that nothing else from a header ends up stored as an address.
    static func isAddressLiteral(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 45 && text.contains(where: { $0 == "." || $0 == ":" })
            && text.allSatisfy { $0.isASCII && ($0.isHexDigit || $0 == "." || $0 == ":") }
    }
}
