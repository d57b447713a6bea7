import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// A connection to an IMAP4rev1 server (RFC 3501) that sends tagged commands one at a time and
/// collects their responses, on swift-nio with TLS by swift-nio-ssl.
///
/// It knows only what `tlsrpt fetch` needs: the greeting, `CAPABILITY`, `STARTTLS`, commands whose
/// arguments may be literals, and `AUTHENTICATE` continuations. Responses are read through
/// ``IMAPResponseParser`` (bounded), and the channel applies backpressure, so a server that sends
/// too much fills neither memory nor the parser. A server silent for longer than the read timeout
/// while an answer is awaited is taken for a dropped connection: the socket is closed and the
/// command fails with ``IMAPFetchError/timedOut(host:seconds:)``.
final class IMAPClient {
    let host: String
    /// How long an awaited answer may keep the server silent.
    let readTimeout: Duration
    /// The capabilities the server announced last (uppercased): `IMAP4REV1`, `MOVE`, `UIDPLUS`, `AUTH=PLAIN`…
    private(set) var capabilities: Set<String> = []
    private let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var parser = IMAPResponseParser()
    private var tagNumber = 0
    /// The text of the last `* BYE`, said when the connection then closes.
    private var farewell: String?
    /// Whether the server announced a message (`* n EXISTS`) since ``takeAnnouncement()`` was last called.
    private var announced = false
    /// Set when the read timeout closed the socket.
    private let timedOut = NIOLockedValueBox(false)

    private init(
        host: String, readTimeout: Duration, channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>,
        inbound: NIOAsyncChannelInboundStream<ByteBuffer>, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) {
        self.host = host
        self.readTimeout = readTimeout
        self.channel = channel
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
    }

    /// Connects to `url`'s server, reads its greeting (with TLS first for `imaps://`, after
    /// `STARTTLS` for `imap://` unless `plaintext`), runs `body`, and closes the connection.
    /// - Parameters:
    ///   - tls: the verifying TLS context; `nil` only with `plaintext`.
    ///   - plaintext: `imap://` without STARTTLS (`--insecure`).
    ///   - readTimeout: how long the server may be silent when an answer is due; also the connect timeout.
    static func withConnection<Result>(
        to url: IMAPMailboxURL, tls: NIOSSLContext?, plaintext: Bool, readTimeout: Duration,
        _ body: (IMAPClient) async throws -> Result
    ) async throws -> Result {
        let host = url.host
        // SNI takes names only; an IP address is verified against the certificate's IP entries.
        let serverName: String? = (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
        let implicitTLS = url.security == .implicitTLS ? tls : nil
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(TimeAmount(readTimeout))
                .connect(host: host, port: url.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let implicitTLS {
                            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: implicitTLS, serverHostname: serverName))
                        }
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw IMAPFetchError.cannotConnect(host: host, port: url.port, reason: Self.describe(error))
        }
        return try await channel.executeThenClose { inbound, outbound in
            let client = IMAPClient(host: host, readTimeout: readTimeout, channel: channel, inbound: inbound, outbound: outbound)
            try await client.readGreeting()
            if url.security == .startTLS, !plaintext {
                guard let tls else { throw IMAPFetchError.startTLSUnavailable(host: host) }
                try await client.startTLS(tls, serverName: serverName)
            }
            return try await body(client)
        }
    }

    /// Reads the greeting and the capabilities.
    private func readGreeting() async throws {
        let greeting = try await nextResponse()
        guard greeting.kind == .untagged, greeting.status == "OK" || greeting.status == "PREAUTH" else {
            throw IMAPFetchError.connectionClosed(host: host, serverText: greeting.humanText)
        }
        try await refreshCapabilities()
    }

    /// Asks for the capabilities again (they change after STARTTLS and login).
    func refreshCapabilities() async throws {
        let (untagged, _) = try await run("CAPABILITY")
        for response in untagged where response.status == "CAPABILITY" {
            capabilities = Set(response.words.dropFirst().map { $0.uppercased() })
        }
    }

    /// Upgrades the connection with `STARTTLS` (RFC 3501 §6.2.1).
    private func startTLS(_ tls: NIOSSLContext, serverName: String?) async throws {
        guard capabilities.contains("STARTTLS") else { throw IMAPFetchError.startTLSUnavailable(host: host) }
        _ = try await run("STARTTLS")
        // Bytes after the OK and before the handshake would be injected in the clear.
        guard parser.bufferedByteCount == 0 else { throw IMAPFetchError.protocolViolation(.malformed("data after the STARTTLS answer")) }
        let channel = self.channel.channel
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName), position: .first)
        }.get()
        try await refreshCapabilities()
    }

    /// A part of a command line: text as is, or a string sent as a synchronising literal.
    enum Argument {
        case text(String)
        case literal([UInt8])
    }

    /// Sends a command and collects the untagged responses until its tagged completion.
    /// - Parameter name: what errors call the command (never its arguments, which may hold a password).
    /// - Throws: ``IMAPFetchError/commandFailed(command:serverText:)`` for `NO` or `BAD` unless
    ///   `allowsFailure`; connection and protocol errors.
    @discardableResult
    func run(_ command: String, name: String? = nil, allowsFailure: Bool = false) async throws -> (untagged: [IMAPResponse], completion: IMAPResponse) {
        try await run([.text(command)], name: name ?? String(command.prefix { $0 != " " }), allowsFailure: allowsFailure)
    }

    /// Sends a command made of `arguments` (literals wait for the server's `+`) and collects its responses.
    func run(_ arguments: [Argument], name: String, allowsFailure: Bool = false) async throws -> (untagged: [IMAPResponse], completion: IMAPResponse) {
        let tag = nextTag()
        var line = Array((tag + " ").utf8)
        var untagged: [IMAPResponse] = []
        for argument in arguments {
            switch argument {
            case .text(let text): line += Array(text.utf8)
            case .literal(let bytes):
                line += Array("{\(bytes.count)}\r\n".utf8)
                try await send(line)
                line = bytes
                while true {
                    let response = try await nextResponse()
                    if response.kind == .continuation { break }
                    if response.kind == .tagged(tag) { throw IMAPFetchError.commandFailed(command: name, serverText: response.humanText) }
                    untagged.append(response)
                }
            }
        }
        try await send(line + [0x0D, 0x0A])
        while true {
            let response = try await nextResponse()
            switch response.kind {
            case .tagged(tag):
                guard response.status == "OK" || allowsFailure else {
                    throw IMAPFetchError.commandFailed(command: name, serverText: response.humanText)
                }
                return (untagged, response)
            case .tagged:
                throw IMAPFetchError.protocolViolation(.malformed("a completion for a command never sent"))
            case .continuation:
                throw IMAPFetchError.protocolViolation(.malformed("a continuation request nobody asked for"))
            case .untagged:
                untagged.append(response)
            }
        }
    }

    /// Runs `AUTHENTICATE mechanism` with `initialResponse` (base64), inline when the server has SASL-IR.
    /// - Parameter laterAnswer: the answer to any further challenge: `*` cancels (RFC 3501); XOAUTH2
    ///   wants an empty line after its error challenge.
    func authenticate(mechanism: String, initialResponse: String, laterAnswer: String = "*") async throws -> IMAPResponse {
        let tag = nextTag()
        if capabilities.contains("SASL-IR") {
            try await send(Array("\(tag) AUTHENTICATE \(mechanism) \(initialResponse)\r\n".utf8))
        } else {
            try await send(Array("\(tag) AUTHENTICATE \(mechanism)\r\n".utf8))
        }
        var answered = capabilities.contains("SASL-IR")
        while true {
            let response = try await nextResponse()
            switch response.kind {
            case .tagged(tag): return response
            case .tagged: throw IMAPFetchError.protocolViolation(.malformed("a completion for a command never sent"))
            case .continuation:
                // A second challenge (or one after an inline response) gets `laterAnswer`.
                try await send(Array((answered ? laterAnswer : initialResponse).utf8) + [0x0D, 0x0A])
                answered = true
            case .untagged: continue
            }
        }
    }

    /// Whether the server announced a message (`EXISTS`, in any answer) since the last call.
    func takeAnnouncement() -> Bool {
        defer { announced = false }
        return announced
    }

    /// A fresh command tag: `T1`, `T2`…
    func nextTag() -> String {
        tagNumber += 1
        return "T\(tagNumber)"
    }

    /// The writer of the connection, for a line sent while an answer is awaited (`DONE` ending `IDLE`).
    var writer: NIOAsyncChannelOutboundWriter<ByteBuffer> { outbound }

    /// Ends the session politely; errors are ignored (the work is done).
    func logout() async {
        _ = try? await run("LOGOUT", allowsFailure: true)
    }

    func send(_ bytes: [UInt8]) async throws {
        do {
            try await outbound.write(ByteBuffer(bytes: bytes))
        } catch {
            throw mapped(error)
        }
    }

    /// The next response, reading from the socket as needed.
    /// - Parameter patience: how long the server may stay silent (default: the read timeout).
    func nextResponse(patience: Duration? = nil) async throws -> IMAPResponse {
        let patience = patience ?? readTimeout
        while true {
            do {
                if let response = try parser.next() {
                    if response.kind == .untagged, response.status == "BYE" { farewell = response.humanText }
                    if response.kind == .untagged, response.number(before: "EXISTS") != nil { announced = true }
                    return response
                }
            } catch {
                throw IMAPFetchError.protocolViolation(error)
            }
            let bytes: ByteBuffer?
            let channel = self.channel.channel
            let timedOut = self.timedOut
            let deadline = channel.eventLoop.scheduleTask(in: TimeAmount(patience)) {
                timedOut.withLockedValue { $0 = true }
                channel.close(promise: nil)
            }
            defer { deadline.cancel() }
            do {
                bytes = try await inbound.next()
            } catch {
                throw mapped(error)
            }
            guard let bytes else { throw mapped(ChannelError.alreadyClosed) }
            parser.append(bytes.readableBytesView)
        }
    }

    /// A socket or TLS error as a sentence.
    private func mapped(_ error: any Error) -> IMAPFetchError {
        if let error = error as? IMAPFetchError { return error }
        if timedOut.withLockedValue({ $0 }) { return .timedOut(host: host, seconds: Int(readTimeout.components.seconds)) }
        // A TLS session cut without close_notify is a dropped connection, not a TLS failure.
        if let error = error as? NIOSSLError, case .uncleanShutdown = error {
            return .connectionClosed(host: host, serverText: farewell)
        }
        if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError {
            return .tlsFailed(host: host, reason: Self.describe(error))
        }
        if let error = error as? ChannelError, case .alreadyClosed = error { return .connectionClosed(host: host, serverText: farewell) }
        return .connectionClosed(host: host, serverText: farewell ?? Self.describe(error))
    }

    /// A short description of a connection error.
    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") { return "the server's certificate does not verify" }
        if let error = error as? NIOSSLExtraError, error == .failedToValidateHostname { return "the server's certificate is for another host" }
        if let error = error as? NIOConnectionError, let first = error.connectionErrors.first {
            return String(describing: first.error)
        }
        return text
    }
}
