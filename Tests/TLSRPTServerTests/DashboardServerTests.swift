import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import TLSRPTDashboard
import TLSRPTKit
import TLSRPTServer
import TLSRPTTestSupport
import Testing

/// The dashboard as `tlsrpt serve` serves it, on a real loopback socket: security headers on
/// every answer, 404s, GET / beside POST /, and the token and basic-authentication gate.
@Suite("serve: the dashboard over HTTP")
struct DashboardServerTests {
    static func configuration(_ access: DashboardAccess = DashboardAccess()) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.dashboardAccess = access
        return configuration
    }

    static func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    static let pages = ["/", "/?last=7d", "/rejects", "/domains/example.com?since=2026-11-01&until=2026-11-02"]

    @Test("every page and every error carries the CSP, for GET and HEAD; unknown domains, report ids and paths are 404; GET / is the page, POST / a report")
    func pagesAndErrors() async throws {
        let database = try ReportReceptionTests.Database()
        let app = try buildApplication(Self.configuration(), store: database.store)
        try await app.test(.live) { client in
            let posted = try await client.execute(
                uri: "/", method: .post, body: ByteBuffer(bytes: [UInt8](ReportFactory.json(reportID: "posted"))))
            #expect(posted.status == .created, "\(String(buffer: posted.body))")
            let inputID = try #require(try database.store.inputs(withStatus: [.accepted]).first?.id)
            let cases: [(String, HTTPResponse.Status)] = Self.pages.map { ($0, .ok) } + [
                ("/reports/\(inputID)", .ok), ("/reports/\(inputID)/original", .ok),
                ("/domains/unknown.example", .notFound), ("/reports/999999", .notFound), ("/reports/abc", .notFound),
                ("/reports/999999/original", .notFound), ("/nowhere", .notFound), ("/?last=never", .badRequest),
                ("/tlsrpt", .methodNotAllowed),
            ]
            for (path, status) in cases {
                // HEAD answers as GET does, with the same headers and no body (monitoring probes).
                let head = try await client.execute(uri: path, method: .head)
                #expect(head.status == status, "HEAD \(path)")
                #expect(head.headers[.contentSecurityPolicy] == DashboardPage.contentSecurityPolicy, "HEAD \(path)")
                #expect(head.body.readableBytes == 0, "HEAD \(path)")
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == status, "\(path)")
                #expect(response.headers[.contentSecurityPolicy] == DashboardPage.contentSecurityPolicy, "\(path)")
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
                if status == .ok, !path.hasSuffix("/original") {
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(path)")
                    let html = String(buffer: response.body)
                    #expect(html.hasPrefix("<!DOCTYPE html>") && !html.contains("<script"), "\(path)")
                }
            }
            let original = try await client.execute(uri: "/reports/\(inputID)/original", method: .get)
            #expect(Array(buffer: original.body) == [UInt8](ReportFactory.json(reportID: "posted")))
            #expect(original.headers[.contentDisposition]?.hasPrefix("attachment") == true)
        }
    }

    @Test("a breakdown longer than the page shows links to the page with it in full (?all=); long evidence lists end in \"and N more\"")
    func showAll() async throws {
        let database = try ReportReceptionTests.Database()
        let app = try buildApplication(Self.configuration(), store: database.store)
        try await app.test(.live) { client in
            for index in 1...25 {
                let report = ReportFactory.json(
                    organization: "Reporter \(index < 10 ? "0" : "")\(index)", reportID: "r\(index)", successful: 100 + index)
                #expect(try await client.execute(uri: "/", method: .post, body: ByteBuffer(bytes: [UInt8](report))).status == .created)
            }
            let path = "/domains/example.com?since=2026-11-01&until=2026-11-01"
            /// The rows of the organisations table, and what follows it up to the next table.
            func organizations(_ uri: String) async throws -> (rows: Int, html: String, page: String) {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok, "\(uri)")
                let page = String(buffer: response.body)
                guard let start = page.range(of: "<h3 id=\"organizations\">") else { return (0, "", page) }
                let rest = page[start.upperBound...]
                let section = String(rest[..<(rest.range(of: "<h3")?.lowerBound ?? rest.endIndex)])
                return (section.components(separatedBy: "<td class=\"name\">Reporter ").count - 1, section, page)
            }
            let top = try await organizations(path)
            #expect(top.rows == 10, "the top rows")
            #expect(top.html.contains("<a href=\"/domains/example.com?since=2026-11-01&amp;until=2026-11-01&amp;all=organizations#organizations\">show all 25</a>"), "\(top.html)")
            #expect(!top.html.contains("<details>"), "the rest is not carried in the page")
            #expect(top.page.contains("Reporter 01, Reporter 02"))
            #expect(top.page.contains("Reporter 20 and 5 more"), "the reporters check lists 20 names")

            let all = try await organizations(path + "&all=organizations")
            #expect(all.rows == 25)
            #expect(!all.html.contains("show all"), "\(all.html)")
            let unknown = try await client.execute(uri: path + "&all=everything", method: .get)
            #expect(unknown.status == .badRequest)
            #expect(String(buffer: unknown.body).contains("all takes result-types, mx-hosts, organizations, sending-ips"))
        }
    }

    @Test("with a token or a password file, pages and /metrics answer 401 without them and 200 with them; reports are still taken")
    func gate() async throws {
        let hash = Bcrypt.hash("bcrypt secret", cost: 4)
        let access = DashboardAccess(token: "a-token-of-32-characters-or-more", users: ["alice": "plain secret", "bob": hash])
        let database = try ReportReceptionTests.Database()
        let app = try buildApplication(Self.configuration(access), store: database.store)
        try await app.test(.live) { client in
            for (index, path) in ["/", "/tlsrpt"].enumerated() {
                let report = ByteBuffer(bytes: [UInt8](ReportFactory.json(reportID: "open-\(index)")))
                #expect(try await client.execute(uri: path, method: .post, body: report).status == .created, "POST \(path) needs no credentials")
            }
            for path in Self.pages + ["/metrics", "/domains/unknown.example"] {
                let closed = try await client.execute(uri: path, method: .get)
                #expect(closed.status == .unauthorized, "\(path)")
                #expect(closed.headers[values: .wwwAuthenticate].contains { $0.hasPrefix("Basic") }, "\(path)")
                #expect(!String(buffer: closed.body).contains("secret"))
                for wrong in ["Bearer wrong-token", "Bearer a-token-of-32-characters-or-mor", Self.basic("alice", "wrong"), Self.basic("bob", "plain secret"), Self.basic("eve", "plain secret")] {
                    #expect(try await client.execute(uri: path, method: .get, headers: [.authorization: wrong]).status == .unauthorized, "\(path) \(wrong)")
                }
                let expected: HTTPResponse.Status = path.contains("unknown") ? .notFound : .ok
                for right in ["Bearer a-token-of-32-characters-or-more", Self.basic("alice", "plain secret"), Self.basic("bob", "bcrypt secret"), Self.basic("anyone", "a-token-of-32-characters-or-more")] {
                    let status = try await client.execute(uri: path, method: .get, headers: [.authorization: right]).status
                    #expect(status == expected, "\(path) \(right): \(status)")
                }
            }
        }
        #expect(try database.reports().count == 2)
    }

    @Test("password files: user:password or user:bcrypt-hash lines; a bad line is named by number only")
    func passwordFiles() throws {
        #expect(try DashboardAccess.users(passwordFile: "# users\nalice:pass:word\r\n\nbob:$2b$04$abc\n") == ["alice": "pass:word", "bob": "$2b$04$abc"])
        for (text, problem) in [("alice\n", "line 1"), ("ok:1\n:secret\n", "line 2"), ("a:1\na:2\n", "line 2"), ("# none\n", "no user"), ("alice:\n", "line 1")] {
            #expect(throws: DashboardAccess.Problem.self) { try DashboardAccess.users(passwordFile: text) }
            do {
                _ = try DashboardAccess.users(passwordFile: text)
            } catch {
                #expect(error.description.contains(problem) && !error.description.contains("secret"), "\(text): \(error)")
            }
        }
    }
}
