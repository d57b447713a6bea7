import Foundation
import GRDB

extension SQLiteReportStore {
    public func write(_ batch: IngestBatch) throws -> BatchOutcome {
        try writer.write { db in
            var writer = BatchWriter(db: db)
            var outcome = BatchOutcome()
            for input in batch.inputs {
                switch input.outcome {
                case .success(let report):
                    try writer.store(report, from: input, outcome: &outcome)
                case .failure(let rejection):
                    try writer.saveInput(input, status: "rejected", reason: rejection.reason)
                    outcome.rejected += 1
                }
            }
            for file in batch.seenFiles { try writer.recordSeen(file) }
            return outcome
        }
    }

    static func jsonArray(_ values: [String]) -> String {
        var writer = JSONWriter(capacity: 128)
        writer.strings(nil, values)
        return writer.text
    }
}

/// Writes one batch inside its transaction, remembering the ids of folders and policy texts it
/// has already looked up.
private struct BatchWriter {
    let db: Database
    var directoryIDs: [String: Int64] = [:]
    var policyTextIDs: [PolicyTextKey: Int64] = [:]

    struct PolicyTextKey: Hashable {
        var strings: [String]
        var hosts: [String]
    }

    init(db: Database) {
        self.db = db
    }

    mutating func store(_ report: TLSReport, from input: DecodedInput, outcome: inout BatchOutcome) throws {
        let fingerprint = Int64(bitPattern: report.fingerprint)
        let keyHash = Int64(bitPattern: report.keyHash)
        let existing = try Row.fetchOne(
            try db.cachedStatement(
                sql: "SELECT id, fingerprint FROM report WHERE key_hash = ? AND organization_name = ? AND report_id = ?"),
            arguments: [keyHash, report.organizationName, report.reportID]
        )
        if let existing {
            let existingID: Int64 = existing[0]
            if existing[1] as Int64 == fingerprint {
                outcome.duplicates += 1
                if input.storedInputID != nil {
                    try saveInput(input, status: "duplicate", reason: "same report as stored report \(existingID)")
                }
            } else {
                outcome.conflicts += 1
                try saveInput(
                    input, status: "conflict",
                    reason: "same organization-name and report-id as stored report \(existingID) but different content; the first one is kept")
            }
            return
        }
        let inputID = try saveInput(input, status: "accepted", reason: nil)
        let day = Timestamp.day(of: report.startTime)
        try db.cachedStatement(
            sql: """
                INSERT INTO report (input_id, organization_name, report_id, contact_info, start_time, end_time, day,
                                    fingerprint, key_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            inputID, report.organizationName, report.reportID, report.contactInfo, report.startTime, report.endTime,
            day, fingerprint, keyHash,
        ])
        let reportRow = db.lastInsertedRowID
        let insertPolicy = try db.cachedStatement(
            sql: """
                INSERT INTO policy (report_row, position, policy_type, policy_domain, text_id, successful_sessions,
                                    failed_sessions, day)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        let insertDetail = try db.cachedStatement(
            sql: """
                INSERT INTO failure_detail (policy_row, position, result_type, sending_mta_ip, receiving_mx_hostname,
                                            receiving_mx_helo, receiving_ip, failed_sessions, additional_information,
                                            failure_reason_code)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        for (position, policy) in report.policies.enumerated() {
            let textID = try policyTextID(strings: policy.policyStrings, hosts: policy.mxHosts)
            try insertPolicy.execute(arguments: [
                reportRow, position, policy.policyType, policy.policyDomain, textID, policy.successfulSessionCount,
                policy.failedSessionCount, day,
            ])
            let policyRow = db.lastInsertedRowID
            for (detailPosition, detail) in policy.failureDetails.enumerated() {
                try insertDetail.execute(arguments: [
                    policyRow, detailPosition, detail.resultType, detail.sendingMTAIP, detail.receivingMXHostname,
                    detail.receivingMXHelo, detail.receivingIP, detail.failedSessionCount, detail.additionalInformation,
                    detail.failureReasonCode,
                ])
            }
        }
        outcome.accepted += 1
    }

    /// Inserts the input row (or updates it when it is being reprocessed) and returns its id.
    @discardableResult
    mutating func saveInput(_ input: DecodedInput, status: String, reason: String?) throws -> Int64 {
        if let storedID = input.storedInputID {
            try db.cachedStatement(sql: "UPDATE input SET status = ?, reason = ? WHERE id = ?")
                .execute(arguments: [status, reason, storedID])
            return storedID
        }
        let gzippedByUs = !Inflater.isGzip(input.original)
        let stored = gzippedByUs ? Deflater.gzip(input.original) : input.original
        let provenance = input.provenance
        var directoryID: Int64?
        var sourceName = provenance.source
        if let slash = provenance.source.lastIndex(of: "/") {
            directoryID = try self.directoryID(String(provenance.source[..<slash]))
            sourceName = String(provenance.source[provenance.source.index(after: slash)...])
        }
        let attachmentName = provenance.fileName == sourceName ? nil : provenance.fileName
        try db.cachedStatement(
            sql: """
                INSERT INTO input (status, reason, directory_id, source_name, attachment_name, message_id, message_date,
                                   subject, report_domain_header, submitter_header, received_at, original,
                                   original_size, original_gzipped_by_us)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            status, reason, directoryID, sourceName, attachmentName, provenance.messageID, provenance.messageDate,
            provenance.subject, provenance.reportDomainHeader, provenance.submitterHeader, provenance.receivedAt,
            Data(stored), input.original.count, gzippedByUs,
        ])
        return db.lastInsertedRowID
    }

    mutating func recordSeen(_ file: SeenFile) throws {
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO seen_file (directory_id, name_hash, device, inode, size, modified, resume_offset)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            try directoryID(file.directory), SeenFileIndex.nameHash(file.name), Int64(bitPattern: file.identity.device),
            Int64(bitPattern: file.identity.inode), file.identity.size, file.identity.modified, file.identity.resumeOffset,
        ])
    }

    mutating func directoryID(_ path: String) throws -> Int64 {
        if let known = directoryIDs[path] { return known }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO source_directory (path) VALUES (?)").execute(arguments: [path])
        let id = try Int64.fetchOne(try db.cachedStatement(sql: "SELECT id FROM source_directory WHERE path = ?"), arguments: [path])!
        directoryIDs[path] = id
        return id
    }

    mutating func policyTextID(strings: [String], hosts: [String]) throws -> Int64 {
        let key = PolicyTextKey(strings: strings, hosts: hosts)
        if let known = policyTextIDs[key] { return known }
        let stringsJSON = SQLiteReportStore.jsonArray(strings)
        let hostsJSON = SQLiteReportStore.jsonArray(hosts)
        let signedHash = Int64(bitPattern: FNV1a.hash(hostsJSON.utf8, continuing: FNV1a.hash(stringsJSON.utf8 + [0])))
        let id: Int64
        if let existing = try Int64.fetchOne(
            try db.cachedStatement(sql: "SELECT id FROM policy_text WHERE hash = ? AND policy_strings = ? AND mx_hosts = ?"),
            arguments: [signedHash, stringsJSON, hostsJSON])
        {
            id = existing
        } else {
            try db.cachedStatement(sql: "INSERT INTO policy_text (hash, policy_strings, mx_hosts) VALUES (?, ?, ?)")
                .execute(arguments: [signedHash, stringsJSON, hostsJSON])
            id = db.lastInsertedRowID
        }
        policyTextIDs[key] = id
        return id
    }
}
