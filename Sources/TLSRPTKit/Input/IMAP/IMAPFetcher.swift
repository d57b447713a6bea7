import Foundation
import NIOSSL

/// Fetches the TLS reports in an IMAP mailbox into a store: `tlsrpt fetch`.
///
/// A run logs in, opens the mailbox, and asks for the UIDs of its messages; those the store does
/// not list as finished (for the mailbox's current `UIDVALIDITY`) are fetched in batches with
/// `BODY.PEEK[]`, and each message goes through ``ReportIngestor`` as an e-mail — the same path as
/// an `.eml` file. Only once a batch's reports are committed are its messages marked on the server
/// (``IMAPFetchOptions/Disposal``) and then recorded as finished. An interrupted run therefore
/// loses nothing: a message whose reports were committed but not yet recorded is fetched again,
/// and its reports are recognised as duplicates. Messages without a TLS report are recorded as
/// finished and left untouched.
///
/// ```swift
/// var options = IMAPFetchOptions(mailbox: try IMAPMailboxURL("imaps://reports@imap.example.com/INBOX"), credential: .password(secret))
/// options.disposal = .move(to: "TLS-RPT/done")
/// let summary = try await IMAPFetcher(store: store, options: options).run()
/// print(summary.accepted, "new reports")
/// ```
public struct IMAPFetcher: Sendable {
    let store: any ReportStore
    let options: IMAPFetchOptions
    let ingestor: ReportIngestor

    public init(store: any ReportStore, options: IMAPFetchOptions, ingestOptions: IngestOptions = IngestOptions()) {
        self.store = store
        self.options = options
        ingestor = ReportIngestor(store: store, options: ingestOptions)
    }

    /// Runs one fetch.
    /// - Parameter progress: called after each batch with the counts so far.
    /// - Returns: the counts: ``IngestSummary/inputsRead`` messages fetched,
    ///   ``IngestSummary/withoutReport`` of them without a TLS report, ``IngestSummary/alreadySeen``
    ///   messages finished by earlier runs.
    /// - Throws: ``IMAPFetchError`` when the server cannot be reached, refuses the login or a
    ///   command, or closes the connection; the store's error when a write fails. What was
    ///   finished before the error stays finished.
    public func run(progress: @Sendable (IngestSummary) -> Void = { _ in }) async throws -> IngestSummary {
        try await withSession { client, status in
            let summary = try await pass(client: client, status: status, progress: progress)
            await client.logout()
            return summary
        }
    }

    /// Fetches, then waits for new mail and fetches it, until the task is cancelled or an error
    /// retrying cannot mend: `tlsrpt fetch --watch`.
    ///
    /// Between passes the connection stays open and waits in `IDLE` (renewed every
    /// ``IMAPFetchOptions/idleRenewal``), so a new report is fetched within seconds; a server
    /// without `IDLE` is asked again every ``IMAPFetchOptions/pollInterval``. When the connection
    /// breaks (``IMAPFetchError/isTransient``) it reconnects after ``retryDelay(afterFailures:)``:
    /// growing from a few seconds to five minutes, with jitter, so a fleet of watchers restarted
    /// together does not hammer the server together.
    /// - Parameters:
    ///   - onPass: called after each pass with its counts (most passes fetch nothing), and whether
    ///     it is the first pass since (re)connecting.
    ///   - onRetry: called with the error and the delay before reconnecting.
    /// - Throws: the first error that is not transient (a refused login, a certificate that does
    ///   not verify, a store error), or `CancellationError`.
    public func watch(
        onPass: @Sendable (_ summary: IngestSummary, _ isFirstOfSession: Bool) -> Void, onRetry: @Sendable (IMAPFetchError, Duration) -> Void
    ) async throws -> Never {
        var failures = 0
        while true {
            do {
                try await withSession { client, status in
                    failures = 0
                    var isFirst = true
                    while true {
                        onPass(try await pass(client: client, status: status, progress: { _ in }), isFirst)
                        isFirst = false
                        // Mail that came during the pass is fetched at once, not after the next IDLE.
                        if client.takeAnnouncement() { continue }
                        if client.capabilities.contains("IDLE") {
                            try await client.idle(for: options.idleRenewal)
                        } else {
                            try await Task.sleep(for: options.pollInterval)
                        }
                    }
                }
            } catch let error as IMAPFetchError where error.isTransient {
                failures += 1
                let delay = Self.retryDelay(afterFailures: failures)
                onRetry(error, delay)
                try await Task.sleep(for: delay)
            }
        }
    }

    /// The wait before reconnecting after `failures` failures in a row: 5 s, 10 s, 20 s… up to
    /// 300 s, each cut by a random 0–40 % (jitter), and never under 3 s.
    static func retryDelay(afterFailures failures: Int) -> Duration {
        let ceiling = min(300, 5 * pow(2, Double(min(max(failures, 1), 10) - 1)))
        return .milliseconds(Int(max(3, ceiling * Double.random(in: 0.6...1.0)) * 1000))
    }

    /// Connects, logs in, creates the `--move-to` folder if missing, opens the mailbox and runs `body`.
    private func withSession<Result>(
        _ body: (IMAPClient, IMAPClient.MailboxStatus) async throws -> Result
    ) async throws -> Result {
        let tls = try makeTLSContext()
        let mailbox = options.mailbox
        return try await IMAPClient.withConnection(
            to: mailbox, tls: tls, plaintext: options.allowsPlaintext, readTimeout: options.readTimeout
        ) { client in
            try await client.logIn(user: mailbox.user, credential: options.credential)
            if !options.readOnly {
                if case .move(let folder) = options.disposal { try await client.createIfMissing(mailbox: folder) }
                if let folder = options.othersFolder { try await client.createIfMissing(mailbox: folder) }
            }
            return try await body(client, try await client.open(mailbox: mailbox.mailbox, readOnly: options.readOnly))
        }
    }

    /// One pass over the open mailbox: every message not finished is fetched, ingested, marked
    /// and recorded, in batches.
    private func pass(
        client: IMAPClient, status: IMAPClient.MailboxStatus, progress: @Sendable (IngestSummary) -> Void
    ) async throws -> IngestSummary {
        let clock = ContinuousClock()
        let start = clock.now
        var summary = IngestSummary()
        _ = client.takeAnnouncement()  // what the search below sees needs no second pass
        var finished = try store.mailboxProgress(mailbox: options.mailbox.progressKey)
        if finished?.uidValidity != status.uidValidity { finished = nil }  // renumbered: scan it all again
        let all = try await client.allUIDs()
        if let finished, let oldest = finished.finishedUIDs.min(), oldest < all.first ?? .max {
            try store.forgetFinished(below: all.first ?? .max, mailbox: options.mailbox.progressKey)
        }
        let pending = all.filter { finished?.finishedUIDs.contains($0) != true }
        summary.alreadySeen = all.count - pending.count
        let batches = stride(from: 0, to: pending.count, by: max(1, options.batchSize)).map {
            Array(pending[$0..<min($0 + max(1, options.batchSize), pending.count)])
        }
        // Pipelined: while one batch is ingested, the next one is downloaded; a batch is marked on
        // the server (after the download, the connection doing one command at a time) only once
        // its reports are committed.
        var messages = batches.isEmpty ? [:] : try await client.messages(UIDSet(batches[0]))
        for (number, batch) in batches.enumerated() {
            let downloaded = messages
            async let results = Self.ingest(
                downloaded, ingestor: ingestor, mailbox: options.mailbox, uidValidity: status.uidValidity)
            let next = number + 1 < batches.count ? try await client.messages(UIDSet(batches[number + 1])) : [:]
            try await finish(batch, results: try await results, client: client, uidValidity: status.uidValidity, summary: &summary)
            messages = next
            summary.elapsedSeconds = Self.seconds(clock.now - start)
            progress(summary)
        }
        summary.elapsedSeconds = Self.seconds(clock.now - start)
        return summary
    }

    /// Ingests one batch of downloaded messages at once, so the writer commits it in one or a few
    /// transactions; returns once committed, the results by UID.
    private static func ingest(
        _ messages: [UInt32: [UInt8]], ingestor: ReportIngestor, mailbox: IMAPMailboxURL, uidValidity: UInt32
    ) async throws -> [UInt32: [InputResult]] {
        let receivedAt = Int64(Date().timeIntervalSince1970)
        return try await withThrowingTaskGroup(of: (UInt32, [InputResult]).self) { group in
            for (uid, bytes) in messages {
                let provenance = Provenance(source: mailbox.messageSource(uidValidity: uidValidity, uid: uid), receivedAt: receivedAt)
                group.addTask { (uid, try await ingestor.ingest(bytes, provenance: provenance, as: .message)) }
            }
            var results: [UInt32: [InputResult]] = [:]
            for try await (uid, result) in group { results[uid] = result }
            return results
        }
    }

    /// Counts, marks and records one batch of UIDs whose messages were ingested.
    private func finish(
        _ uids: [UInt32], results: [UInt32: [InputResult]], client: IMAPClient, uidValidity: UInt32, summary: inout IngestSummary
    ) async throws {
        let mailbox = options.mailbox
        var withReports: [UInt32] = []
        var withoutReport: [UInt32] = []
        for uid in uids {
            guard let result = results[uid] else { continue }  // expunged meanwhile
            summary.inputsRead += 1
            if result.isEmpty {
                summary.withoutReport += 1
                withoutReport.append(uid)
                continue
            }
            withReports.append(uid)
            summary.add(BatchOutcome(results: result))
            for case .rejected(_, let rejection) in result where summary.rejections.count < IngestSummary.maximumListedRejections {
                summary.rejections.append(
                    .init(source: mailbox.messageSource(uidValidity: uidValidity, uid: uid), fileName: nil, reason: rejection.reason))
            }
        }
        if !withReports.isEmpty, !options.readOnly {
            let set = UIDSet(withReports)
            switch options.disposal {
            case .markSeen: try await client.addFlag("\\Seen", to: set)
            case .move(let folder): try await client.move(set, to: folder)
            case .delete: try await client.delete(set)
            }
        }
        if let folder = options.othersFolder, !withoutReport.isEmpty, !options.readOnly {
            try await client.move(UIDSet(withoutReport), to: folder)
        }
        try store.recordFinished(uids: uids, mailbox: mailbox.progressKey, uidValidity: uidValidity)
    }

    /// The verifying TLS context (the system's roots, plus `--ca-file`), or `nil` for plain IMAP.
    private func makeTLSContext() throws -> NIOSSLContext? {
        if options.allowsPlaintext, options.mailbox.security == .startTLS { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .fullVerification
        if let path = options.certificateAuthorityFile {
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(path)
                guard !certificates.isEmpty else { throw IMAPFetchError.unusableCAFile(path: path, reason: "it holds no PEM certificate") }
                configuration.additionalTrustRoots = [.certificates(certificates)]
            } catch let error as IMAPFetchError {
                throw error
            } catch {
                let reason = FileManager.default.isReadableFile(atPath: path) ? "it holds no PEM certificate" : "it cannot be read"
                throw IMAPFetchError.unusableCAFile(path: path, reason: reason)
            }
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw IMAPFetchError.tlsFailed(host: options.mailbox.host, reason: String(describing: error))
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
