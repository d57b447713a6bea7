import Foundation
import GRDB

extension SQLiteReportStore {
    public func policyRecords(_ query: PolicyQuery) throws -> [PolicyRecord] {
        try reading { db in
            var condition = "policy.day BETWEEN ? AND ?"
            var arguments: [any DatabaseValueConvertible] = [query.fromDay, query.untilDay]
            if !query.domains.isEmpty {
                condition += " AND policy.policy_domain IN (\(SQLPlaceholders.list(query.domains.count)))"
                arguments.append(contentsOf: query.domains as [any DatabaseValueConvertible])
            }
            // Uses the policy(policy_domain, day) index with domains, policy(day) without.
            let policies = try Row.fetchCursor(
                db,
                sql: """
                    SELECT policy.id, policy.report_row, policy.position, report.organization_name, policy.day,
                           policy.policy_type, policy.policy_domain, policy.text_id,
                           policy.successful_sessions, policy.failed_sessions, report.end_time
                    FROM policy JOIN report ON report.id = policy.report_row
                    WHERE \(condition)
                    ORDER BY policy.day, policy.report_row, policy.position
                    """,
                arguments: StatementArguments(arguments)
            )
            var records: [PolicyRecord] = []
            var indexByPolicyRow: [Int64: Int] = [:]
            // Reporters copy the same few policy texts into every report (policy_text stores each
            // once): each is read and decoded once per query, and its arrays shared.
            let textStatement = try db.cachedStatement(sql: "SELECT policy_strings, mx_hosts FROM policy_text WHERE id = ?")
            var texts: [Int64: (strings: [String], hosts: [String])] = [:]
            while let row = try policies.next() {
                let policyRow: Int64 = row[0]
                let textID: Int64 = row[7]
                let text: (strings: [String], hosts: [String])
                if let known = texts[textID] {
                    text = known
                } else {
                    let textRows = try Row.fetchCursor(textStatement, arguments: [textID])
                    guard let textRow = try textRows.next() else {
                        throw DatabaseError(message: "policy row \(policyRow) names a policy text that is not stored")
                    }
                    text = (try Self.stringArray(textRow.text(0)), try Self.stringArray(textRow.text(1)))
                    texts[textID] = text
                }
                indexByPolicyRow[policyRow] = records.count
                records.append(
                    PolicyRecord(
                        reportRow: row[1],
                        position: row[2],
                        organizationName: row.text(3),
                        day: row[4],
                        policy: TLSReport.Policy(
                            policyType: TLSReport.PolicyType(row.text(5)),
                            policyDomain: row.text(6),
                            policyStrings: text.strings,
                            mxHosts: text.hosts,
                            successfulSessionCount: row[8],
                            failedSessionCount: row[9],
                            failureDetails: []
                        ),
                        endTime: row[10]
                    )
                )
            }
            let details = try Row.fetchCursor(
                db,
                sql: """
                    SELECT failure_detail.policy_row, \(Self.failureDetailColumns)
                    FROM failure_detail JOIN policy ON policy.id = failure_detail.policy_row
                    WHERE \(condition)
                    ORDER BY failure_detail.policy_row, failure_detail.position
                    """,
                arguments: StatementArguments(arguments)
            )
            while let row = try details.next() {
                guard let index = indexByPolicyRow[row[0]] else { continue }
                records[index].policy.failureDetails.append(Self.failureDetail(from: row, startingAt: 1))
            }
            return records
        }
    }
}
