import Foundation
import GRDB

extension SQLiteReportStore {
    public func write(_ batch: IngestBatch) throws -> BatchOutcome {
        try writer.write { db in
            var outcome = BatchOutcome()
            for input in batch.inputs {
                switch input.outcome {
                case .success(let report):
                    try store(report, from: input, in: db, outcome: &outcome)
                case .failure(let rejection):
                    try saveInput(input, status: "rejected", reason: rejection.reason, in: db)
                    outcome.rejected += 1
                }
            }
            let ledger = try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO seen_file (directory, name, device, inode, size, modified, resume_offset)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """
            )
            for file in batch.seenFiles {
                try ledger.execute(arguments: [
                    file.directory, file.name, Int64(bitPattern: file.identity.device),
                    Int64(bitPattern: file.identity.inode), file.identity.size, file.identity.modified,
                    file.identity.resumeOffset,
                ])
            }
            return outcome
        }
    }

    private func store(_ report: TLSReport, from input: DecodedInput, in db: Database, outcome: inout BatchOutcome) throws {
        let fingerprint = Int64(bitPattern: report.fingerprint)
        let existing = try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT id, fingerprint FROM report WHERE organization_name = ? AND report_id = ?"),
            arguments: [report.organizationName, report.reportID]
        )
        if let existing {
            let existingID: Int64 = existing[0]
            if existing[1] as Int64 == fingerprint {
                outcome.duplicates += 1
                if input.storedInputID != nil {
                    try saveInput(input, status: "duplicate", reason: "same report as stored report \(existingID)", in: db)
                }
            } else {
                outcome.conflicts += 1
                try saveInput(
                    input, status: "conflict",
                    reason: "same organization-name and report-id as stored report \(existingID) but different content; the first one is kept",
                    in: db)
            }
            return
        }
        let inputID = try saveInput(input, status: "accepted", reason: nil, in: db)
        let day = Timestamp.day(of: report.startTime)
        try db.cachedStatement(
            sql: """
                INSERT INTO report (input_id, organization_name, report_id, contact_info, start_time, end_time, day, fingerprint)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            inputID, report.organizationName, report.reportID, report.contactInfo, report.startTime, report.endTime,
            day, fingerprint,
        ])
        let reportRow = db.lastInsertedRowID
        let insertPolicy = try db.cachedStatement(
            sql: """
                INSERT INTO policy (report_row, position, policy_type, policy_domain, policy_strings, mx_hosts, mode,
                                    max_age, successful_sessions, failed_sessions, day)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
            let isSTS = policy.policyType == "sts"
            try insertPolicy.execute(arguments: [
                reportRow, position, policy.policyType, policy.policyDomain, Self.jsonArray(policy.policyStrings),
                Self.jsonArray(policy.mxHosts), isSTS ? policy.stsMode : nil, isSTS ? policy.stsMaximumAge : nil,
                policy.successfulSessionCount, policy.failedSessionCount, day,
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
    private func saveInput(_ input: DecodedInput, status: String, reason: String?, in db: Database) throws -> Int64 {
        if let storedID = input.storedInputID {
            try db.cachedStatement(sql: "UPDATE input SET status = ?, reason = ? WHERE id = ?")
                .execute(arguments: [status, reason, storedID])
            return storedID
        }
        let gzippedByUs = !Inflater.isGzip(input.original)
        let stored = gzippedByUs ? Deflater.gzip(input.original) : input.original
        let provenance = input.provenance
        try db.cachedStatement(
            sql: """
                INSERT INTO input (status, reason, source, message_id, message_date, subject, report_domain_header,
                                   submitter_header, file_name, received_at, original, original_size, original_gzipped_by_us)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            status, reason, provenance.source, provenance.messageID, provenance.messageDate, provenance.subject,
            provenance.reportDomainHeader, provenance.submitterHeader, provenance.fileName, provenance.receivedAt,
            Data(stored), input.original.count, gzippedByUs,
        ])
        return db.lastInsertedRowID
    }

    static func jsonArray(_ values: [String]) -> String {
        var writer = JSONWriter(capacity: 128)
        writer.strings(nil, values)
        return writer.text
    }
}
