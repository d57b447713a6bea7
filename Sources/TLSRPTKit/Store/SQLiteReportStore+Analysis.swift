import Foundation
import GRDB

extension SQLiteReportStore {
    /// Reads a hundred thousand rows for a big domain's month, so rows are stepped through
    /// ``BoundStatement`` rather than GRDB's `Row`.
    public func policyTallies(_ query: PolicyQuery) throws -> [PolicyTally] {
        try reading { db in
            var condition = "policy_tally.day BETWEEN ? AND ?"
            if !query.domains.isEmpty {
                condition += " AND policy_tally.domain_id IN (SELECT id FROM tally_name WHERE name IN (\(SQLPlaceholders.list(query.domains.count))))"
            }
            func bound(_ sql: String) throws -> BoundStatement {
                var statement = BoundStatement(try db.cachedStatement(sql: sql))
                statement.bind(query.fromDay)
                statement.bind(query.untilDay)
                for domain in query.domains { statement.bind(domain) }
                return statement
            }
            // policy_tally_key serves a query with domains, policy_tally_day one without.
            let tallyRows = try bound(
                """
                SELECT id, day, organization_id, policy_type, domain_id, text_id, is_counted, accompanies_sts,
                       entries, reports, successful_sessions, failed_sessions, disagreeing_entries, latest_end_time,
                       latest_report_row
                FROM policy_tally
                WHERE \(condition)
                ORDER BY day, id
                """)
            var tallies: [PolicyTally] = []
            var indexByID: [Int64: Int] = [:]
            // Reporters copy the same few policy texts into every report (policy_text stores each
            // once): each is read and decoded once per query, and its arrays shared.
            let textStatement = try db.cachedStatement(sql: "SELECT policy_strings, mx_hosts FROM policy_text WHERE id = ?")
            var texts: [Int64: (strings: [String], hosts: [String])] = [:]
            // Domain and organisation names, each read once (and shared by its tallies).
            let nameStatement = try db.cachedStatement(sql: "SELECT name FROM tally_name WHERE id = ?")
            var names: [Int64: String] = [:]
            func name(_ id: Int64) throws -> String {
                if let known = names[id] { return known }
                var lookup = BoundStatement(nameStatement)
                lookup.bind(id)
                var found: String?
                try lookup.rows { found = $0.text(0) }
                guard let found else { throw DatabaseError(message: "a policy tally names a name \(id) that is not stored") }
                names[id] = found
                return found
            }
            try tallyRows.rows { row in
                let id = row.integer(0)
                let textID = row.integer(5)
                let text: (strings: [String], hosts: [String])
                if let known = texts[textID] {
                    text = known
                } else {
                    let textRows = try Row.fetchCursor(textStatement, arguments: [textID])
                    guard let textRow = try textRows.next() else {
                        throw DatabaseError(message: "policy tally \(id) names a policy text that is not stored")
                    }
                    text = (try Self.stringArray(textRow.text(0)), try Self.stringArray(textRow.text(1)))
                    texts[textID] = text
                }
                indexByID[id] = tallies.count
                tallies.append(
                    PolicyTally(
                        day: row.integer(1),
                        organizationName: try name(row.integer(2)),
                        policy: TLSReport.Policy(
                            policyType: TLSReport.PolicyType(row.text(3)), policyDomain: try name(row.integer(4)),
                            policyStrings: text.strings, mxHosts: text.hosts, successfulSessionCount: row.integer(10),
                            failedSessionCount: row.integer(11), failureDetails: []),
                        isCounted: row.integer(6) != 0,
                        accompaniesSTS: row.integer(7) != 0,
                        entries: row.integer(8),
                        reports: row.integer(9),
                        disagreeingEntries: row.integer(12),
                        latestEndTime: row.integer(13),
                        order: row.integer(14)
                    )
                )
            }
            // In index order (tally, then result type, IP and MX host): no sort of every detail;
            // their order within a tally does not matter to sums.
            let failureRows = try bound(
                """
                SELECT policy_tally_failure.tally_id, policy_tally_failure.result_type, policy_tally_failure.sending_mta_ip,
                       policy_tally_failure.receiving_mx_hostname, policy_tally_failure.failed_sessions
                FROM policy_tally JOIN policy_tally_failure ON policy_tally_failure.tally_id = policy_tally.id
                WHERE \(condition)
                """)
            try failureRows.rows { row in
                guard let index = indexByID[row.integer(0)] else { return }
                tallies[index].policy.failureDetails.append(
                    TLSReport.FailureDetail(
                        resultType: row.text(1), sendingMTAIP: row.optionalText(2), receivingMXHostname: row.optionalText(3),
                        receivingMXHelo: nil, receivingIP: nil, failedSessionCount: row.integer(4), additionalInformation: nil,
                        failureReasonCode: nil))
            }
            return tallies
        }
    }
}
