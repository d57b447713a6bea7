import Foundation
import GRDB

extension SQLiteReportStore {
    public func policyTallies(_ query: PolicyQuery) throws -> [PolicyTally] {
        try reading { db in
            var condition = "policy_tally.day BETWEEN ? AND ?"
            var arguments: [any DatabaseValueConvertible] = [query.fromDay, query.untilDay]
            if !query.domains.isEmpty {
                condition += " AND policy_tally.policy_domain IN (\(SQLPlaceholders.list(query.domains.count)))"
                arguments.append(contentsOf: query.domains as [any DatabaseValueConvertible])
            }
            // policy_tally_key serves a query with domains, policy_tally_day one without.
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT id, day, organization_name, policy_type, policy_domain, text_id, is_counted, accompanies_sts,
                           entries, reports, successful_sessions, failed_sessions, disagreeing_entries, latest_end_time,
                           latest_report_row
                    FROM policy_tally
                    WHERE \(condition)
                    ORDER BY day, id
                    """,
                arguments: StatementArguments(arguments)
            )
            var tallies: [PolicyTally] = []
            var indexByID: [Int64: Int] = [:]
            // Reporters copy the same few policy texts into every report (policy_text stores each
            // once): each is read and decoded once per query, and its arrays shared.
            let textStatement = try db.cachedStatement(sql: "SELECT policy_strings, mx_hosts FROM policy_text WHERE id = ?")
            var texts: [Int64: (strings: [String], hosts: [String])] = [:]
            while let row = try rows.next() {
                let id: Int64 = row[0]
                let textID: Int64 = row[5]
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
                        day: row[1],
                        organizationName: row.text(2),
                        policy: TLSReport.Policy(
                            policyType: TLSReport.PolicyType(row.text(3)), policyDomain: row.text(4),
                            policyStrings: text.strings, mxHosts: text.hosts, successfulSessionCount: row[10],
                            failedSessionCount: row[11], failureDetails: []),
                        isCounted: row[6] as Int64 != 0,
                        accompaniesSTS: row[7] as Int64 != 0,
                        entries: row[8],
                        reports: row[9],
                        disagreeingEntries: row[12],
                        latestEndTime: row[13],
                        order: row[14]
                    )
                )
            }
            let failures = try Row.fetchCursor(
                db,
                sql: """
                    SELECT policy_tally_failure.tally_id, policy_tally_failure.result_type, policy_tally_failure.sending_mta_ip,
                           policy_tally_failure.receiving_mx_hostname, policy_tally_failure.failed_sessions
                    FROM policy_tally JOIN policy_tally_failure ON policy_tally_failure.tally_id = policy_tally.id
                    WHERE \(condition)
                    ORDER BY policy_tally_failure.tally_id, policy_tally_failure.rowid
                    """,
                arguments: StatementArguments(arguments)
            )
            while let row = try failures.next() {
                guard let index = indexByID[row[0]] else { continue }
                tallies[index].policy.failureDetails.append(
                    TLSReport.FailureDetail(
                        resultType: row.text(1), sendingMTAIP: row.optionalText(2), receivingMXHostname: row.optionalText(3),
                        receivingMXHelo: nil, receivingIP: nil, failedSessionCount: row[4], additionalInformation: nil,
                        failureReasonCode: nil))
            }
            return tallies
        }
    }
}
