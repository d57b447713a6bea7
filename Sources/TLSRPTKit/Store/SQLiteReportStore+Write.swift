import Foundation
import GRDB

extension SQLiteReportStore {
    public func makeWriteSession() throws -> any ReportWriteSession {
        try SQLiteWriteSession(store: self)
    }
}

/// The write session of ``SQLiteReportStore``: for a database file, a connection of its own
/// beside the store's pool, so its open transaction is never joined by another call on the store
/// (which waits for SQLite's write lock instead, as another process would). An in-memory
/// database has one connection only, which the session shares.
final class SQLiteWriteSession: ReportWriteSession {
    let connection: any DatabaseWriter
    private let path: String

    init(store: SQLiteReportStore) throws {
        path = store.writer.path
        if store.databasePath.isEmpty {
            connection = store.writer
        } else {
            do {
                connection = try DatabaseQueue(path: store.databasePath, configuration: SQLiteReportStore.configuration(readOnly: false))
            } catch {
                throw SQLiteReportStore.storeError(for: error, path: path)
            }
        }
    }

    deinit {
        rollbackNow()
    }

    func write(_ batch: IngestBatch) async throws -> BatchOutcome {
        try await withConnection { db in
            if !db.isInsideTransaction { try db.beginTransaction(.immediate) }
            do {
                var writer = BatchWriter(db: db)
                var outcome = BatchOutcome()
                for input in batch.inputs {
                    switch input.outcome {
                    case .success(let report):
                        try writer.store(report, from: input, outcome: &outcome)
                    case .failure(let rejection):
                        let inputID = try writer.saveInput(input, status: .rejected, reason: rejection.reason)
                        outcome.results.append(.rejected(inputID: inputID, rejection))
                    }
                }
                try writer.tallies.flush(db)
                for file in batch.seenFiles { try writer.recordSeen(file) }
                return outcome
            } catch {
                if db.isInsideTransaction { try? db.rollback() }
                throw error
            }
        }
    }

    func commit() async throws {
        try await withConnection { db in
            guard db.isInsideTransaction else { return }
            do {
                try db.commit()
            } catch {
                if db.isInsideTransaction { try? db.rollback() }
                throw error
            }
        }
    }

    /// Rare (an abandoned run, a released session) and short: done in place, also from `deinit`.
    func rollback() async {
        rollbackNow()
    }

    private func rollbackNow() {
        try? connection.writeWithoutTransaction { db in
            if db.isInsideTransaction { try db.rollback() }
        }
    }

    /// The session's connection, outside GRDB's own transactions (the session runs its own), its
    /// SQLite errors as ``StoreError``. The caller suspends while GRDB's writer queue runs `body`.
    private func withConnection<Result: Sendable>(_ body: @escaping @Sendable (Database) throws -> Result) async throws -> Result {
        do {
            return try await connection.writeWithoutTransaction(body)
        } catch {
            throw SQLiteReportStore.storeError(for: error, path: path)
        }
    }
}

/// Writes one batch inside its transaction, remembering the ids of folders and policy texts it
/// has already looked up. The hot statements are bound through ``BoundStatement``.
private struct BatchWriter {
    let db: Database
    var directoryIDs: [String: Int64] = [:]
    var policyTextIDs: [PreparedReport.PolicyText: Int64] = [:]
    /// The batch's reports added up, written at the end of the batch.
    var tallies = PolicyTallyWriter()

    init(db: Database) {
        self.db = db
    }

    mutating func store(_ report: TLSReport, from input: DecodedInput, outcome: inout BatchOutcome) throws {
        guard let prepared = input.prepared else { return }
        var lookup = BoundStatement(
            try db.cachedStatement(
                sql: "SELECT id, fingerprint, input_id FROM report WHERE key_hash = ? AND organization_name = ? AND report_id = ?"))
        lookup.bind(prepared.keyHash)
        lookup.bind(report.organizationName)
        lookup.bind(report.reportID)
        if let existing = try lookup.firstRow(columns: 3) {
            if existing[1] == prepared.fingerprint {
                outcome.results.append(.duplicate(ofInput: existing[2]))
                if input.storedInputID != nil {
                    try saveInput(input, status: .duplicate, reason: "same report as stored report \(existing[0])")
                }
            } else {
                let inputID = try saveInput(
                    input, status: .conflict,
                    reason: "same organization-name and report-id as stored report \(existing[0]) but different content; the first one is kept")
                outcome.results.append(.conflict(inputID: inputID, ofInput: existing[2]))
            }
            return
        }
        let inputID = try saveInput(input, status: .accepted, reason: nil)
        var insertReport = BoundStatement(
            try db.cachedStatement(
                sql: """
                    INSERT INTO report (input_id, organization_name, report_id, contact_info, start_time, end_time, day,
                                        fingerprint, key_hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """))
        insertReport.bind(inputID)
        insertReport.bind(report.organizationName)
        insertReport.bind(report.reportID)
        insertReport.bind(report.contactInfo)
        insertReport.bind(report.startTime)
        insertReport.bind(report.endTime)
        insertReport.bind(prepared.day)
        insertReport.bind(prepared.fingerprint)
        insertReport.bind(prepared.keyHash)
        try insertReport.execute()
        let reportRow = db.lastInsertedRowID
        let policyStatement = try db.cachedStatement(
            sql: """
                INSERT INTO policy (report_row, position, policy_type, policy_domain, text_id, successful_sessions,
                                    failed_sessions, day)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let detailStatement = try db.cachedStatement(
            sql: """
                INSERT INTO failure_detail (policy_row, position, result_type, sending_mta_ip, receiving_mx_hostname,
                                            receiving_mx_helo, receiving_ip, failed_sessions, additional_information,
                                            failure_reason_code)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        var textIDs: [Int64] = []
        for (position, policy) in report.policies.enumerated() {
            let textID = try policyTextID(prepared.policyTexts[position])
            textIDs.append(textID)
            var insertPolicy = BoundStatement(policyStatement)
            insertPolicy.bind(reportRow)
            insertPolicy.bind(Int64(position))
            insertPolicy.bind(policy.policyType.rawValue)
            insertPolicy.bind(policy.policyDomain)
            insertPolicy.bind(textID)
            insertPolicy.bind(policy.successfulSessionCount)
            insertPolicy.bind(policy.failedSessionCount)
            insertPolicy.bind(prepared.day)
            try insertPolicy.execute()
            let policyRow = db.lastInsertedRowID
            for (detailPosition, detail) in policy.failureDetails.enumerated() {
                var insertDetail = BoundStatement(detailStatement)
                insertDetail.bind(policyRow)
                insertDetail.bind(Int64(detailPosition))
                insertDetail.bind(detail.resultType)
                insertDetail.bind(detail.sendingMTAIP)
                insertDetail.bind(detail.receivingMXHostname)
                insertDetail.bind(detail.receivingMXHelo)
                insertDetail.bind(detail.receivingIP)
                insertDetail.bind(detail.failedSessionCount)
                insertDetail.bind(detail.additionalInformation)
                insertDetail.bind(detail.failureReasonCode)
                try insertDetail.execute()
            }
        }
        tallies.add(prepared.tallies, ofReport: reportRow, textIDs: textIDs)
        outcome.results.append(.accepted(inputID: inputID))
    }

    /// Inserts the input row (or updates it when it is being reprocessed) and returns its id.
    ///
    /// A reject or conflict read again (`ingest --rescan`, a second `reprocess`, the same bytes
    /// piped twice) is not recorded twice: when a row with the same status, source, attachment
    /// name, remote address and stored original exists, that row's id is returned, with the
    /// reason given this time.
    @discardableResult
    mutating func saveInput(_ input: DecodedInput, status: InputStatus, reason: String?) throws -> Int64 {
        if let storedID = input.storedInputID {
            try db.cachedStatement(sql: "UPDATE input SET status = ?, reason = ? WHERE id = ?")
                .execute(arguments: [status.rawValue, reason, storedID])
            return storedID
        }
        let provenance = input.provenance
        var directoryID: Int64?
        var sourceName = provenance.source
        if let slash = provenance.source.utf8.lastIndex(of: UInt8(ascii: "/")) {
            directoryID = try self.directoryID(String(provenance.source[..<slash]))
            sourceName = String(provenance.source[provenance.source.utf8.index(after: slash)...])
        }
        if status != .accepted,
            let existingID = try existingInput(
                input, status: status, directoryID: directoryID, sourceName: sourceName,
                attachmentName: provenance.fileName == sourceName ? nil : provenance.fileName)
        {
            try db.cachedStatement(sql: "UPDATE input SET reason = ? WHERE id = ? AND reason IS NOT ?")
                .execute(arguments: [reason, existingID, reason])
            return existingID
        }
        var insert = BoundStatement(
            try db.cachedStatement(
                sql: """
                    INSERT INTO input (status, reason, directory_id, source_name, attachment_name, message_id,
                                       message_date, subject, report_domain_header, submitter_header, received_at,
                                       original, original_size, original_encoding, remote_address, user_agent)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """))
        insert.bind(status.rawValue)
        insert.bind(reason)
        insert.bind(directoryID)
        insert.bind(sourceName)
        insert.bind(provenance.fileName == sourceName ? nil : provenance.fileName)
        insert.bind(provenance.messageID)
        insert.bind(provenance.messageDate)
        insert.bind(provenance.subject)
        insert.bind(provenance.reportDomainHeader)
        insert.bind(provenance.submitterHeader)
        insert.bind(provenance.receivedAt)
        insert.bind(input.storedOriginal.bytes)
        insert.bind(Int64(input.originalSize))
        insert.bind(input.storedOriginal.encoding.rawValue)
        insert.bind(provenance.remoteAddress)
        insert.bind(provenance.userAgent)
        try insert.execute()
        return db.lastInsertedRowID
    }

    /// The id of a stored input that is not accepted and is the one `input` was read from again:
    /// the same status and source, and the same stored bytes.
    private func existingInput(
        _ input: DecodedInput, status: InputStatus, directoryID: Int64?, sourceName: String, attachmentName: String?
    ) throws -> Int64? {
        // `status <> 'accepted'` lets SQLite use the partial index input_unaccepted_source (v4).
        var lookup = BoundStatement(
            try db.cachedStatement(
                sql: """
                    SELECT id FROM input
                    WHERE status <> 'accepted' AND source_name = ? AND status = ? AND directory_id IS ?
                          AND attachment_name IS ? AND remote_address IS ? AND original_size = ?
                          AND original_encoding = ? AND original = ?
                    ORDER BY id LIMIT 1
                    """))
        lookup.bind(sourceName)
        lookup.bind(status.rawValue)
        lookup.bind(directoryID)
        lookup.bind(attachmentName)
        lookup.bind(input.provenance.remoteAddress)
        lookup.bind(Int64(input.originalSize))
        lookup.bind(input.storedOriginal.encoding.rawValue)
        lookup.bind(input.storedOriginal.bytes)
        return try lookup.firstRow(columns: 1)?[0]
    }

    mutating func recordSeen(_ file: SeenFile) throws {
        var insert = BoundStatement(
            try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO seen_file (directory_id, name_hash, device, inode, size, modified, resume_offset)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """))
        insert.bind(try directoryID(file.directory))
        insert.bind(SeenFileIndex.nameHash(file.name))
        insert.bind(Int64(bitPattern: file.identity.device))
        insert.bind(Int64(bitPattern: file.identity.inode))
        insert.bind(file.identity.size)
        insert.bind(file.identity.modified)
        insert.bind(file.identity.resumeOffset)
        try insert.execute()
    }

    mutating func directoryID(_ path: String) throws -> Int64 {
        if let known = directoryIDs[path] { return known }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO source_directory (path) VALUES (?)").execute(arguments: [path])
        let id = try Int64.fetchOne(try db.cachedStatement(sql: "SELECT id FROM source_directory WHERE path = ?"), arguments: [path])!
        directoryIDs[path] = id
        return id
    }

    mutating func policyTextID(_ text: PreparedReport.PolicyText) throws -> Int64 {
        if let known = policyTextIDs[text] { return known }
        var lookup = BoundStatement(
            try db.cachedStatement(sql: "SELECT id FROM policy_text WHERE hash = ? AND policy_strings = ? AND mx_hosts = ?"))
        lookup.bind(text.hash)
        lookup.bind(text.strings)
        lookup.bind(text.hosts)
        let id: Int64
        if let existing = try lookup.firstRow(columns: 1) {
            id = existing[0]
        } else {
            var insert = BoundStatement(
                try db.cachedStatement(sql: "INSERT INTO policy_text (hash, policy_strings, mx_hosts) VALUES (?, ?, ?)"))
            insert.bind(text.hash)
            insert.bind(text.strings)
            insert.bind(text.hosts)
            try insert.execute()
            id = db.lastInsertedRowID
        }
        policyTextIDs[text] = id
        return id
    }
}
