import Foundation
import NIOConcurrencyHelpers
import NIOCore

/// The commands `tlsrpt fetch` runs once connected.
extension IMAPClient {
    /// Logs in: with a password by `AUTHENTICATE PLAIN` when the server offers it, else `LOGIN`;
    /// with a bearer token by `AUTHENTICATE XOAUTH2` (Gmail, Microsoft 365).
    /// - Throws: ``IMAPFetchError/loginFailed(user:host:serverText:)`` when refused;
    ///   ``IMAPFetchError/loginDisabled(host:)`` when the server refuses to log in here at all;
    ///   ``IMAPFetchError/missingCapability(_:purpose:)`` for a token and a server without XOAUTH2.
    func logIn(user: String, credential: IMAPCredential) async throws {
        switch credential {
        case .password(let password): try await logIn(user: user, password: password)
        case .bearerToken(let source):
            guard capabilities.contains("AUTH=XOAUTH2") else {
                throw IMAPFetchError.missingCapability("AUTH=XOAUTH2", purpose: "logging in with an OAuth 2.0 token")
            }
            // https://developers.google.com/gmail/imap/xoauth2-protocol; on refusal the server sends
            // a challenge holding its error as JSON, answered with an empty line to get the NO.
            let token = try source.token()
            let initial = Data(Array("user=\(user)\u{1}auth=Bearer \(token)\u{1}\u{1}".utf8)).base64EncodedString()
            let completion = try await authenticate(mechanism: "XOAUTH2", initialResponse: initial, laterAnswer: "")
            guard completion.status == "OK" else {
                throw IMAPFetchError.loginFailed(user: user, host: host, serverText: completion.humanText)
            }
            try await refreshCapabilities()
        }
    }

    private func logIn(user: String, password: String) async throws {
        if capabilities.contains("LOGINDISABLED") { throw IMAPFetchError.loginDisabled(host: host) }
        let completion: IMAPResponse
        if capabilities.contains("AUTH=PLAIN") {
            let credentials = Data([0] + Array(user.utf8) + [0] + Array(password.utf8)).base64EncodedString()
            completion = try await authenticate(mechanism: "PLAIN", initialResponse: credentials)
        } else {
            completion = try await run(
                [.text("LOGIN "), IMAPString.argument(user), .text(" "), IMAPString.argument(password)], name: "LOGIN",
                allowsFailure: true
            ).completion
        }
        guard completion.status == "OK" else {
            throw IMAPFetchError.loginFailed(user: user, host: host, serverText: completion.humanText)
        }
        try await refreshCapabilities()
    }

    /// What `SELECT` or `EXAMINE` said about a mailbox.
    struct MailboxStatus {
        var uidValidity: UInt32
    }

    /// Opens `mailbox` with `SELECT`, or `EXAMINE` when `readOnly`.
    func open(mailbox: String, readOnly: Bool) async throws -> MailboxStatus {
        let (untagged, completion) = try await run(
            "\(readOnly ? "EXAMINE" : "SELECT") \(IMAPString.mailbox(mailbox))", allowsFailure: true)
        guard completion.status == "OK" else { throw IMAPFetchError.mailboxUnavailable(mailbox, serverText: completion.humanText) }
        var status = MailboxStatus(uidValidity: 0)
        for response in untagged {
            if let code = response.responseCode, code.uppercased().hasPrefix("UIDVALIDITY "), let value = UInt32(code.dropFirst(12)) {
                status.uidValidity = value
            }
        }
        guard status.uidValidity != 0 else {
            throw IMAPFetchError.protocolViolation(.malformed("a SELECT answer without UIDVALIDITY"))
        }
        return status
    }

    /// The UIDs of every message in the open mailbox (`UID SEARCH ALL`), ascending.
    func allUIDs() async throws -> [UInt32] {
        let (untagged, _) = try await run("UID SEARCH ALL")
        var uids: [UInt32] = []
        for response in untagged where response.status == "SEARCH" {
            uids += response.words.dropFirst().compactMap { UInt32($0) }
        }
        return uids.sorted()
    }

    /// The full messages with the given UIDs (`UID FETCH … (UID BODY.PEEK[])`, which sets no
    /// flag), by UID; UIDs no longer in the mailbox are missing from the answer.
    func messages(_ uids: UIDSet) async throws -> [UInt32: [UInt8]] {
        let (untagged, _) = try await run("UID FETCH \(uids) (UID BODY.PEEK[])")
        var messages: [UInt32: [UInt8]] = [:]
        for response in untagged where response.number(before: "FETCH") != nil {
            let words = response.words
            guard let uidIndex = words.firstIndex(where: { $0.uppercased().hasSuffix("UID") }), uidIndex + 1 < words.count,
                let uid = UInt32(words[uidIndex + 1].prefix { $0.isNumber }),
                response.string.uppercased().contains("BODY[]"), let body = response.literals.first
            else { continue }
            messages[uid] = body
        }
        return messages
    }

    /// Sets `flag` on the messages (`UID STORE … +FLAGS.SILENT`).
    func addFlag(_ flag: String, to uids: UIDSet) async throws {
        try await run("UID STORE \(uids) +FLAGS.SILENT (\(flag))")
    }

    /// Creates `mailbox` unless it exists.
    func createIfMissing(mailbox: String) async throws {
        let (untagged, _) = try await run("LIST \"\" \(IMAPString.mailbox(mailbox))")
        guard !untagged.contains(where: { $0.status == "LIST" }) else { return }
        let (_, completion) = try await run("CREATE \(IMAPString.mailbox(mailbox))", allowsFailure: true)
        guard completion.status == "OK" || completion.responseCode?.uppercased() == "ALREADYEXISTS" else {
            throw IMAPFetchError.mailboxUnavailable(mailbox, serverText: completion.humanText)
        }
    }

    /// Moves the messages into `mailbox`: `UID MOVE` (RFC 6851) when the server has it, else
    /// `UID COPY`, `\Deleted` and `UID EXPUNGE` of exactly these UIDs (UIDPLUS, RFC 4315).
    func move(_ uids: UIDSet, to mailbox: String) async throws {
        if capabilities.contains("MOVE") {
            try await run("UID MOVE \(uids) \(IMAPString.mailbox(mailbox))")
            return
        }
        guard capabilities.contains("UIDPLUS") else { throw IMAPFetchError.missingCapability("MOVE or UIDPLUS", purpose: "--move-to") }
        try await run("UID COPY \(uids) \(IMAPString.mailbox(mailbox))")
        try await delete(uids)
    }

    /// Deletes the messages: `\Deleted`, then `UID EXPUNGE` of exactly these UIDs (so messages
    /// someone else marked deleted stay).
    func delete(_ uids: UIDSet) async throws {
        guard capabilities.contains("UIDPLUS") else { throw IMAPFetchError.missingCapability("UIDPLUS", purpose: "--delete") }
        try await addFlag("\\Deleted", to: uids)
        try await run("UID EXPUNGE \(uids)")
    }

    /// Waits in `IDLE` (RFC 2177) until the server announces a new message (`EXISTS`) or
    /// `maximum` passes, then ends it with `DONE` and reads the completion. An announcement is
    /// left for ``takeAnnouncement()``.
    func idle(for maximum: Duration) async throws {
        let tag = nextTag()
        try await send(Array("\(tag) IDLE\r\n".utf8))
        let writer = self.writer
        let doneSent = NIOLockedValueBox(false)
        @Sendable func sendDone() async throws {
            guard doneSent.withLockedValue({ sent in defer { sent = true }; return !sent }) else { return }
            try await writer.write(ByteBuffer(string: "DONE\r\n"))
        }
        let timer = Task {
            try await Task.sleep(for: maximum)
            try await sendDone()
        }
        defer { timer.cancel() }
        while true {
            // Silence is expected until the timer ends IDLE; after that, the usual patience.
            let response = try await nextResponse(patience: maximum + readTimeout)
            switch response.kind {
            case .continuation: continue  // "+ idling"
            case .untagged:
                if response.number(before: "EXISTS") != nil { try await sendDone() }
            case .tagged(tag):
                guard response.status == "OK" else { throw IMAPFetchError.commandFailed(command: "IDLE", serverText: response.humanText) }
                return
            case .tagged:
                throw IMAPFetchError.protocolViolation(.malformed("a completion for a command never sent"))
            }
        }
    }
}
