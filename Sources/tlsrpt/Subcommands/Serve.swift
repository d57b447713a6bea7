import ArgumentParser
import Logging
import TLSRPTKit
import TLSRPTServer

extension TLSRPTCommand {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Receive reports over HTTPS (RFC 8460 section 3) and store them.",
            discussion: """
                Publish `rua=https://tlsrpt.example.com/tlsrpt` in your _smtp._tls record and put this \
                server behind a TLS reverse proxy (it listens on loopback by default). Each POSTed \
                report goes through the same decoding and the same single writer as `ingest`, and is \
                committed before the answer: 201 stored, 200 already stored, 400 not a report (kept, \
                see `tlsrpt rejects`), 409 conflicting report, 413 too large, 415 unusable type (multipart, image), \
                405 not POST, 503 queue full (with Retry-After). GET /metrics serves Prometheus \
                metrics: sessions by policy domain, failed sessions by result type and MX host, \
                reports by organization, rejected inputs by kind, request latency and write queue \
                depth, counted from the database at start-up. One log line per request goes to \
                standard error. SIGTERM or SIGINT stops accepting, finishes the requests in flight \
                and exits 0.
                """
        )

        @OptionGroup var databaseOptions: DatabaseOptions

        @Option(name: .long, help: ArgumentHelp("The address and port to listen on (port 0: any free one).", valueName: "host:port"))
        var bind = "127.0.0.1:8080"

        @Option(name: .customLong("path"), help: ArgumentHelp("A path reports are POSTed to (repeatable; default / and /tlsrpt).", valueName: "path"))
        var paths: [String] = []

        @Option(name: .long, help: ArgumentHelp("The largest request body accepted, in KiB.", valueName: "KiB"))
        var maximumBodyKib = ServerConfiguration().maximumBodySize >> 10

        @Option(name: .long, help: "Connections served at once.")
        var maximumConnections = ServerConfiguration().maximumConnections

        @Option(name: .long, help: ArgumentHelp("Serve HTTPS in the process with this PEM certificate chain (with --tls-key).", valueName: "file"))
        var tlsCertificate: String?

        @Option(name: .long, help: ArgumentHelp("The PEM private key of --tls-certificate.", valueName: "file"))
        var tlsKey: String?

        @Flag(name: .long, help: "Serve the policies published with `tlsrpt policy DOMAIN --publish` at https://mta-sts.DOMAIN/.well-known/mta-sts.txt.")
        var hostPolicy = false

        @Option(name: .long, help: ArgumentHelp("A reverse proxy's address whose X-Forwarded-For names the client (repeatable; e.g. 127.0.0.1 behind nginx).", valueName: "address"))
        var trustedProxy: [String] = []

        /// `--bind` split into host and port.
        private var address: (host: String, port: Int)? {
            guard let colon = bind.lastIndex(of: ":"), let port = Int(bind[bind.index(after: colon)...]),
                (0...65535).contains(port)
            else { return nil }
            var host = String(bind[..<colon])
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            return host.isEmpty ? nil : (host, port)
        }

        func validate() throws {
            guard address != nil else { throw ValidationError("--bind takes host:port, e.g. 127.0.0.1:8080 or [::1]:8080") }
            for path in paths where !path.hasPrefix("/") { throw ValidationError("--path must start with /: \(path)") }
            if paths.contains(ServerConfiguration.metricsPath) {
                throw ValidationError("--path cannot be \(ServerConfiguration.metricsPath), where the metrics are served")
            }
            guard maximumBodyKib > 0, maximumConnections > 0 else { throw ValidationError("limits must be positive") }
            guard (tlsCertificate == nil) == (tlsKey == nil) else { throw ValidationError("--tls-certificate and --tls-key go together") }
        }

        func run() async throws {
            var configuration = ServerConfiguration()
            (configuration.host, configuration.port) = address!
            if !paths.isEmpty { configuration.reportPaths = paths }
            configuration.maximumBodySize = maximumBodyKib << 10
            configuration.maximumConnections = maximumConnections
            configuration.hostsPolicies = hostPolicy
            configuration.trustedProxies = Set(trustedProxy)
            if let tlsCertificate, let tlsKey {
                configuration.tls = ServerConfiguration.TLSFiles(certificatePath: tlsCertificate, keyPath: tlsKey)
            }
            let store = try databaseOptions.open(for: .readWrite)
            let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
            let reportPaths = configuration.reportPaths.joined(separator: ", ")
            let scheme = configuration.tls == nil ? "http" : "https"
            let app = try buildApplication(configuration, store: store) { port in
                StandardError.write("tlsrpt: listening on \(scheme)://\(host):\(port) (reports: \(reportPaths); metrics: \(ServerConfiguration.metricsPath))\n")
            }
            try await app.runService()
        }
    }
}
