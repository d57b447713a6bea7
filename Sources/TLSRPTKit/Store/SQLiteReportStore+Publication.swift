import GRDB

extension SQLiteReportStore {
    public func recordPublication(_ policy: PublishedPolicy) throws {
        try writing { db in
            try db.execute(
                sql: """
                    INSERT INTO published_policy (domain, mode, policy_id, policy_text, max_age, published_at, published_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    policy.domain, policy.mode.rawValue, policy.id, policy.fileText, policy.maximumAge, policy.publishedAt,
                    policy.publishedBy,
                ])
        }
    }

    public func publishedPolicies(domain: String, limit: Int) throws -> [PublishedPolicy] {
        try reading { db in
            try Array(
                Row.fetchCursor(
                    db,
                    sql: """
                        SELECT domain, mode, policy_id, policy_text, max_age, published_at, published_by
                        FROM published_policy WHERE domain = ? ORDER BY published_at DESC, id DESC LIMIT ?
                        """,
                    arguments: [domain, limit]
                ).map { row in
                    PublishedPolicy(
                        domain: row.text(0), mode: STSPolicy.Mode(rawValue: row.text(1)) ?? .none, id: row.text(2),
                        fileText: row.text(3), maximumAge: row[4], publishedAt: row[5], publishedBy: row.text(6))
                })
        }
    }
}
