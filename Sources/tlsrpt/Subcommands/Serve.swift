import ArgumentParser
import Foundation
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

                The dashboard (GET; POST / still takes reports): / lists every domain with its readiness \
                verdict, sessions and failure rates of the last 7 days and of the period, a sparkline of \
                the daily failure rate, reporters and policy modes (?sort=failure-rate, ?q=NAME); \
                /domains/DOMAIN shows charts, failures by result type, MX host, organisation and \
                sending IP, the policies reporters saw, every readiness check and the `tlsrpt policy` \
                output of the next step; /reports/ID one stored report (provenance, normalised JSON, \
                /reports/ID/original to download); /rejects the rejected inputs. Periods: ?last=7d, \
                ?since=YYYY-MM-DD&until=YYYY-MM-DD (default: the last 28 days). No page runs a script or \
                loads anything from elsewhere. --dashboard-token or --dashboard-password-file close the \
                pages and /metrics (401 without credentials); the report endpoint stays open.
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

        @Option(name: .long, help: ArgumentHelp("Close the dashboard and /metrics to requests without this token: a file whose first line is the token, or the token itself (which `ps` shows; prefer a file). Send it as `Authorization: Bearer TOKEN`, or as the password of basic authentication with any user name.", valueName: "file-or-token"))
        var dashboardToken: String?

        @Option(name: .long, help: ArgumentHelp("Close the dashboard and /metrics to requests without a user's password (HTTP basic authentication): one user:password or user:bcrypt-hash (htpasswd -B) per line.", valueName: "file"))
        var dashboardPasswordFile: String?

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

        /// The token and users of `--dashboard-token` and `--dashboard-password-file`; neither is
        /// ever printed.
        func dashboardAccess() throws -> DashboardAccess {
            var access = DashboardAccess()
            if let dashboardToken {
                var token = dashboardToken
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: dashboardToken, isDirectory: &isDirectory), !isDirectory.boolValue {
                    guard let data = FileManager.default.contents(atPath: dashboardToken) else {
                        throw CommandFailure("cannot read the --dashboard-token file \(dashboardToken)")
                    }
                    token = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
                }
                token = token.trimmingCharacters(in: .whitespaces)
                guard token.count >= 16 else { throw ValidationError("--dashboard-token must be at least 16 characters (e.g. openssl rand -hex 32)") }
                access.token = token
            }
            if let dashboardPasswordFile {
                guard let data = FileManager.default.contents(atPath: dashboardPasswordFile) else {
                    throw CommandFailure("cannot read the --dashboard-password-file \(dashboardPasswordFile)")
                }
                do {
                    access.users = try DashboardAccess.users(passwordFile: String(decoding: data, as: UTF8.self))
                } catch {
                    throw CommandFailure("--dashboard-password-file \(dashboardPasswordFile): \(error.description)")
                }
            }
            return access
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
            configuration.dashboardAccess = try dashboardAccess()
            let store = try databaseOptions.open(for: .readWrite)
            let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
            let reportPaths = configuration.reportPaths.joined(separator: ", ")
            let scheme = configuration.tls == nil ? "http" : "https"
            let gate = configuration.dashboardAccess.isOpen ? "open to anyone" : "closed without the token or a password"
            let app = try buildApplication(configuration, store: store) { port in
                StandardError.write("tlsrpt: listening on \(scheme)://\(host):\(port) (reports: \(reportPaths); metrics: \(ServerConfiguration.metricsPath); dashboard: /, \(gate))\n")
            }
            try await app.runService()
        }
    }
}
