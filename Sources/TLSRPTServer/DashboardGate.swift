import Hummingbird
import HummingbirdAuth
import HummingbirdBasicAuth
import HummingbirdBcrypt
import NIOPosix

/// Closes every `GET` and `HEAD` (the dashboard, `/metrics`) to requests without the token or a
/// user's password (``DashboardAccess``), with 401 and a `WWW-Authenticate` challenge; `POST`s
/// (reports) and the answers to other methods pass. Runs after ``PolicyHostingMiddleware``, so
/// MTA-STS policy files stay public too. Secrets are compared in constant time and never logged.
struct DashboardGate: RouterMiddleware {
    typealias Context = ServerRequestContext

    let access: DashboardAccess

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.method == .get || request.method == .head, !access.isOpen else { return try await next(request, context) }
        if let identity = try await authenticate(request, context: context) {
            var context = context
            context.identity = identity
            return try await next(request, context)
        }
        var response = Response(
            status: .unauthorized,
            headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: .init(string: "the dashboard needs the token (Authorization: Bearer) or a user's password (basic authentication)\n"))
        )
        response.headers[.wwwAuthenticate] = "Basic realm=\"tlsrpt\", charset=\"UTF-8\""
        response.headers.append(HTTPFields.Element(name: .wwwAuthenticate, value: "Bearer realm=\"tlsrpt\""))
        return response
    }

    /// Who the request authenticates as, if anyone.
    func authenticate(_ request: Request, context: Context) async throws -> DashboardUser? {
        if let token = access.token {
            if let bearer = request.headers.bearer, Self.constantTimeEqual(bearer.token, token) {
                return DashboardUser(name: "token", passwordHash: nil)
            }
            if let basic = request.headers.basic, Self.constantTimeEqual(basic.password, token) {
                return DashboardUser(name: basic.username, passwordHash: nil)
            }
        }
        guard !access.users.isEmpty else { return nil }
        let users = access.users
        let authenticator = BasicAuthenticator(
            passwordHashVerifier: DashboardPasswordVerifier(), context: Context.self
        ) { name, _ in
            users[name].map { DashboardUser(name: name, passwordHash: $0) }
        }
        return try await authenticator.authenticate(request: request, context: context)
    }

    /// Whether `a` equals `b`, in a time that depends on their lengths only.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        var difference = UInt8(truncatingIfNeeded: left.count ^ right.count)
        for index in 0..<max(left.count, right.count) {
            difference |= (index < left.count ? left[index] : 0) ^ (index < right.count ? right[index] : 0)
        }
        return difference == 0 && left.count == right.count
    }
}

/// Who opened the dashboard: a user of the password file, or the token's holder.
public struct DashboardUser: PasswordAuthenticatable, Sendable {
    public var name: String
    /// The password or bcrypt hash of the password file.
    public var passwordHash: String?
}

/// Checks a password against a password file's entry: bcrypt (on NIO's thread pool: it is slow
/// by design) for a `$2…$` hash, otherwise a constant-time comparison with the password itself.
struct DashboardPasswordVerifier: PasswordHashVerifier {
    func verifyPassword(_ password: String, createsHash hash: String) async throws -> Bool {
        if hash.hasPrefix("$2a$") || hash.hasPrefix("$2b$") || hash.hasPrefix("$2y$") {
            return try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
        }
        return DashboardGate.constantTimeEqual(password, hash)
    }
}
