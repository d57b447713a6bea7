import GRDB

extension SQLiteReportStore {
    public func mailboxProgress(mailbox: String) throws -> MailboxProgress? {
        try reading { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, uid_validity FROM imap_mailbox WHERE url = ?", arguments: [mailbox])
            else { return nil }
            let id: Int64 = row[0]
            var progress = MailboxProgress(uidValidity: UInt32(truncatingIfNeeded: row[1] as Int64))
            let uids = try Int64.fetchCursor(db, sql: "SELECT uid FROM imap_finished_message WHERE mailbox_id = ?", arguments: [id])
            while let uid = try uids.next() { progress.finishedUIDs.insert(UInt32(truncatingIfNeeded: uid)) }
            return progress
        }
    }

    public func recordFinished(uids: [UInt32], mailbox: String, uidValidity: UInt32) throws {
        try writing { db in
            let existing = try Row.fetchOne(db, sql: "SELECT id, uid_validity FROM imap_mailbox WHERE url = ?", arguments: [mailbox])
            let id: Int64
            if let existing {
                id = existing[0]
                if existing[1] as Int64 != Int64(uidValidity) {
                    // The server renumbered the mailbox: the old UIDs name other messages now.
                    try db.execute(sql: "DELETE FROM imap_finished_message WHERE mailbox_id = ?", arguments: [id])
                    try db.execute(sql: "UPDATE imap_mailbox SET uid_validity = ? WHERE id = ?", arguments: [Int64(uidValidity), id])
                }
            } else {
                try db.execute(sql: "INSERT INTO imap_mailbox (url, uid_validity) VALUES (?, ?)", arguments: [mailbox, Int64(uidValidity)])
                id = db.lastInsertedRowID
            }
            let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO imap_finished_message (mailbox_id, uid) VALUES (?, ?)")
            for uid in uids { try insert.execute(arguments: [id, Int64(uid)]) }
        }
    }

    public func forgetFinished(below uid: UInt32, mailbox: String) throws {
        try writing { db in
            try db.execute(
                sql: """
                    DELETE FROM imap_finished_message
                    WHERE mailbox_id = (SELECT id FROM imap_mailbox WHERE url = ?) AND uid < ?
                    """,
                arguments: [mailbox, Int64(uid)])
        }
    }
}
