import GRDB

/// The schema this build expects (its migrations run on an empty in-memory database), and how a
/// database's actual schema differs from it.
///
/// A database whose tables lack a column the recorded versions promise was changed outside
/// tlsrpt: opening it fails with the differences named, rather than with a raw SQLite error in
/// the middle of a command.
enum StoreSchema {
    /// The tables, indexes and views of a schema, and the columns of its tables and views.
    struct Description: Sendable, Equatable {
        /// Object name → `table`, `index`, `view` or `trigger`.
        var objects: [String: String] = [:]
        /// Table or view name → its columns, in order, as `name TYPE [NOT NULL] [PRIMARY KEY]`.
        var columns: [String: [String]] = [:]
    }

    /// How a database differs from ``expected``.
    struct Comparison: Sendable, Equatable {
        /// What the expected schema has and the database lacks or has otherwise: each a sentence.
        var problems: [String] = []
        /// Objects the database has beyond the expected ones (an index someone added): harmless.
        var extras: [String] = []
    }

    /// The schema of this build's migrations.
    static let expected: Description = {
        do {
            let queue = try DatabaseQueue()
            return try queue.writeWithoutTransaction { db in
                try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
                for migration in StoreMigrations.all { try migration.apply(db) }
                return try describe(db)
            }
        } catch {
            preconditionFailure("the schema migrations do not run on an empty database: \(error)")
        }
    }()

    /// The schema of the `main` database of `db` (SQLite's own objects left out).
    static func describe(_ db: Database) throws -> Description {
        var description = Description()
        let objects = try Row.fetchAll(
            db, sql: "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
        for object in objects {
            let type: String = object[0]
            let name: String = object[1]
            description.objects[name] = type
            guard type == "table" || type == "view" else { continue }
            description.columns[name] = try Row.fetchAll(db, sql: "PRAGMA table_info(\(name.quotedDatabaseIdentifier))").map { column in
                let columnName: String = column["name"]
                let columnType: String = column["type"]
                var text = columnName + (columnType.isEmpty ? "" : " " + columnType.uppercased())
                if column["notnull"] as Int == 1 { text += " NOT NULL" }
                if column["pk"] as Int > 0 { text += " PRIMARY KEY" }
                return text
            }
        }
        return description
    }

    /// How the schema of `db` differs from ``expected``.
    static func comparison(with db: Database) throws -> Comparison {
        let actual = try describe(db)
        var comparison = Comparison()
        for (name, type) in expected.objects.sorted(by: { $0.key < $1.key }) {
            guard let actualType = actual.objects[name] else {
                comparison.problems.append("\(type) \(name) is missing")
                continue
            }
            guard actualType == type else {
                comparison.problems.append("\(name) is a \(actualType), expected a \(type)")
                continue
            }
            let expectedColumns = expected.columns[name] ?? []
            let actualColumns = actual.columns[name] ?? []
            for column in expectedColumns where !actualColumns.contains(column) {
                let columnName = column.prefix { $0 != " " }
                if let found = actualColumns.first(where: { $0.prefix { $0 != " " } == columnName }) {
                    comparison.problems.append("column \(name).\(columnName) is \"\(found)\", expected \"\(column)\"")
                } else {
                    comparison.problems.append("\(type) \(name) lacks column \(columnName)")
                }
            }
        }
        for (name, type) in actual.objects.sorted(by: { $0.key < $1.key }) where expected.objects[name] == nil {
            comparison.extras.append("\(type) \(name)")
        }
        return comparison
    }
}
