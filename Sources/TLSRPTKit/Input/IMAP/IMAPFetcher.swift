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
/// var options = IMAPFetchOptions(mailbox: try IMAPMailboxURL("imaps://reports@imap.example.com/INBOX"), password: secret)
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
        let clock = ContinuousClock()
        let start = clock.now
        var summary = IngestSummary()
        let tls = try makeTLSContext()
        let mailbox = options.mailbox
        try await IMAPClient.withConnection(to: mailbox, tls: tls, plaintext: options.allowsPlaintext) { client in
            try await client.logIn(user: mailbox.user, password: options.password)
            if case .move(let folder) = options.disposal, !options.readOnly { try await client.createIfMissing(mailbox: folder) }
            let status = try await client.open(mailbox: mailbox.mailbox, readOnly: options.readOnly)
            let key = mailbox.progressKey
            var finished = try store.mailboxProgress(mailbox: key)
            if finished?.uidValidity != status.uidValidity { finished = nil }  // renumbered: scan it all again
            let all = status.messageCount == 0 ? [] : try await client.allUIDs()
            let pending = all.filter { finished?.finishedUIDs.contains($0) != true }
            summary.alreadySeen = all.count - pending.count
            var index = pending.startIndex
            while index < pending.endIndex {
                let batch = Array(pending[index..<min(index + max(1, options.batchSize), pending.endIndex)])
                try await process(batch, client: client, uidValidity: status.uidValidity, summary: &summary)
                index += batch.count
                summary.elapsedSeconds = Self.seconds(clock.now - start)
                progress(summary)
            }
            await client.logout()
        }
        summary.elapsedSeconds = Self.seconds(clock.now - start)
        return summary
    }

    /// Fetches, ingests, marks and records one batch of UIDs.
    private func process(_ uids: [UInt32], client: IMAPClient, uidValidity: UInt32, summary: inout IngestSummary) async throws {
        let messages = try await client.messages(UIDSet(uids))
        let mailbox = options.mailbox
        let receivedAt = Int64(Date().timeIntervalSince1970)
        // Ingested at once, so the writer commits the batch in one or a few transactions.
        let results = try await withThrowingTaskGroup(of: (UInt32, [InputResult]).self) { group in
            for (uid, bytes) in messages {
                let provenance = Provenance(source: mailbox.messageSource(uidValidity: uidValidity, uid: uid), receivedAt: receivedAt)
                group.addTask { [ingestor] in (uid, try await ingestor.ingest(bytes, provenance: provenance, as: .message)) }
            }
            var results: [UInt32: [InputResult]] = [:]
            for try await (uid, result) in group { results[uid] = result }
            return results
        }
        var withReports: [UInt32] = []
        for uid in uids {
            guard let result = results[uid] else { continue }  // expunged meanwhile
            summary.inputsRead += 1
            if result.isEmpty {
                summary.withoutReport += 1
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
