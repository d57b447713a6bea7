import GRDB

/// Adds ``PolicyTally`` values to the `policy_tally` tables (schema v8) inside the caller's
/// transaction: those of one batch are first added up in memory by the key of
/// `policy_tally_key`, then each is looked up and updated, or inserted, with its failure details;
/// domain and organisation names are stored once, in `tally_name`.
/// Sums saturate at `Int64.max` (see `SaturatingSum.swift`), which SQL's `+` would not do.
struct PolicyTallyWriter {
    private struct Key: Hashable {
        var domain: String
        var day: Int64
        var organization: String
        var type: String
        var textID: Int64
        var isCounted: Bool
        var accompaniesSTS: Bool
    }

    private var indexByKey: [Key: Int] = [:]
    /// `tally_name` ids of the names already looked up.
    private var nameIDs: [String: Int64] = [:]
    /// In the order first added, so tallies get their row ids in the order their reports were stored.
    private var pending: [(key: Key, tally: PolicyTally)] = []

    /// Keeps the tallies of the report stored as `reportRow` (``PolicyTally/tallies(of:)``; the
    /// policy texts of its entries stored as `textIDs`, by position) to be written by ``flush(_:)``.
    mutating func add(_ tallies: [(tally: PolicyTally, position: Int)], ofReport reportRow: Int64, textIDs: [Int64]) {
        for (tally, position) in tallies where position < textIDs.count {
            var tally = tally
            tally.order = reportRow
            add(tally, textID: textIDs[position])
        }
    }

    private mutating func add(_ tally: PolicyTally, textID: Int64) {
        let key = Key(
            domain: tally.policy.policyDomain, day: tally.day, organization: tally.organizationName,
            type: tally.policy.policyType.rawValue, textID: textID, isCounted: tally.isCounted, accompaniesSTS: tally.accompaniesSTS)
        if let index = indexByKey[key] {
            pending[index].tally.add(tally)
        } else {
            indexByKey[key] = pending.count
            pending.append((key, tally))
        }
    }

    /// Writes what was added since the last flush.
    mutating func flush(_ db: Database) throws {
        defer {
            pending.removeAll(keepingCapacity: true)
            indexByKey.removeAll(keepingCapacity: true)
        }
        let written = pending
        for (key, tally) in written {
            let id = try write(tally, key: key, domainID: try nameID(key.domain, db), organizationID: try nameID(key.organization, db), db)
            for detail in tally.policy.failureDetails {
                try write(detail, tallyID: id, db)
            }
        }
    }

    /// The `tally_name` id of `name`, stored the first time.
    private mutating func nameID(_ name: String, _ db: Database) throws -> Int64 {
        if let known = nameIDs[name] { return known }
        var lookup = BoundStatement(try db.cachedStatement(sql: "SELECT id FROM tally_name WHERE name = ?"))
        lookup.bind(name)
        let id: Int64
        if let row = try lookup.firstRow(columns: 1) {
            id = row[0]
        } else {
            var insert = BoundStatement(try db.cachedStatement(sql: "INSERT INTO tally_name (name) VALUES (?)"))
            insert.bind(name)
            try insert.execute()
            id = db.lastInsertedRowID
        }
        nameIDs[name] = id
        return id
    }

    private func write(_ tally: PolicyTally, key: Key, domainID: Int64, organizationID: Int64, _ db: Database) throws -> Int64 {
        var lookup = BoundStatement(
            try db.cachedStatement(
                sql: """
                    SELECT id, entries, reports, successful_sessions, failed_sessions, disagreeing_entries, latest_end_time,
                           latest_report_row
                    FROM policy_tally
                    WHERE domain_id = ? AND day = ? AND organization_id = ? AND policy_type = ? AND text_id = ?
                          AND is_counted = ? AND accompanies_sts = ?
                    """))
        bindKey(key, domainID: domainID, organizationID: organizationID, to: &lookup)
        if let row = try lookup.firstRow(columns: 8) {
            var update = BoundStatement(
                try db.cachedStatement(
                    sql: """
                        UPDATE policy_tally SET entries = ?, reports = ?, successful_sessions = ?, failed_sessions = ?,
                                                disagreeing_entries = ?, latest_end_time = ?, latest_report_row = ?
                        WHERE id = ?
                        """))
            update.bind(row[1].addingSaturated(tally.entries))
            update.bind(row[2].addingSaturated(tally.reports))
            update.bind(row[3].addingSaturated(tally.policy.successfulSessionCount))
            update.bind(row[4].addingSaturated(tally.policy.failedSessionCount))
            update.bind(row[5].addingSaturated(tally.disagreeingEntries))
            let isLater = (tally.latestEndTime, tally.order) > (row[6], row[7])
            update.bind(isLater ? tally.latestEndTime : row[6])
            update.bind(isLater ? tally.order : row[7])
            update.bind(row[0])
            try update.execute()
            return row[0]
        }
        var insert = BoundStatement(
            try db.cachedStatement(
                sql: """
                    INSERT INTO policy_tally (domain_id, day, organization_id, policy_type, text_id, is_counted,
                                              accompanies_sts, entries, reports, successful_sessions, failed_sessions,
                                              disagreeing_entries, latest_end_time, latest_report_row)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """))
        bindKey(key, domainID: domainID, organizationID: organizationID, to: &insert)
        insert.bind(tally.entries)
        insert.bind(tally.reports)
        insert.bind(tally.policy.successfulSessionCount)
        insert.bind(tally.policy.failedSessionCount)
        insert.bind(tally.disagreeingEntries)
        insert.bind(tally.latestEndTime)
        insert.bind(tally.order)
        try insert.execute()
        return db.lastInsertedRowID
    }

    private func bindKey(_ key: Key, domainID: Int64, organizationID: Int64, to statement: inout BoundStatement) {
        statement.bind(domainID)
        statement.bind(key.day)
        statement.bind(organizationID)
        statement.bind(key.type)
        statement.bind(key.textID)
        statement.bind(key.isCounted ? 1 : 0)
        statement.bind(key.accompaniesSTS ? 1 : 0)
    }

    private func write(_ detail: TLSReport.FailureDetail, tallyID: Int64, _ db: Database) throws {
        var lookup = BoundStatement(
            try db.cachedStatement(
                sql: """
                    SELECT rowid, failed_sessions FROM policy_tally_failure
                    WHERE tally_id = ? AND result_type = ? AND sending_mta_ip IS ? AND receiving_mx_hostname IS ?
                    """))
        lookup.bind(tallyID)
        lookup.bind(detail.resultType)
        lookup.bind(detail.sendingMTAIP)
        lookup.bind(detail.receivingMXHostname)
        if let row = try lookup.firstRow(columns: 2) {
            var update = BoundStatement(try db.cachedStatement(sql: "UPDATE policy_tally_failure SET failed_sessions = ? WHERE rowid = ?"))
            update.bind(row[1].addingSaturated(detail.failedSessionCount))
            update.bind(row[0])
            try update.execute()
            return
        }
        var insert = BoundStatement(
            try db.cachedStatement(
                sql: """
                    INSERT INTO policy_tally_failure (tally_id, result_type, sending_mta_ip, receiving_mx_hostname, failed_sessions)
                    VALUES (?, ?, ?, ?, ?)
                    """))
        insert.bind(tallyID)
        insert.bind(detail.resultType)
        insert.bind(detail.sendingMTAIP)
        insert.bind(detail.receivingMXHostname)
        insert.bind(detail.failedSessionCount)
        try insert.execute()
    }
}
