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
                           policy.policy_type, policy.policy_domain, policy_text.policy_strings, policy_text.mx_hosts,
                           policy.successful_sessions, policy.failed_sessions, report.end_time
                    FROM policy JOIN report ON report.id = policy.report_row
                    JOIN policy_text ON policy_text.id = policy.text_id
                    WHERE \(condition)
                    ORDER BY policy.day, policy.report_row, policy.position
                    """,
                arguments: StatementArguments(arguments)
            )
            var records: [PolicyRecord] = []
            var indexByPolicyRow: [Int64: Int] = [:]
            while let row = try policies.next() {
                let policyRow: Int64 = row[0]
                indexByPolicyRow[policyRow] = records.count
                records.append(
                    PolicyRecord(
                        reportRow: row[1],
                        position: row[2],
                        organizationName: row.text(3),
                        day: row[4],
                        policy: try Self.policy(from: row, startingAt: 5),
                        endTime: row[11]
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
