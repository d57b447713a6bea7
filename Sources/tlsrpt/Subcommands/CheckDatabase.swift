import ArgumentParser
import TLSRPTKit

extension TLSRPTCommand {
    struct CheckDatabase: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-database",
            abstract: "Check the database file and its schema without changing anything.",
            discussion: """
                Runs SQLite's integrity_check (every page, index and constraint) and compares the \
                schema with the one this tlsrpt expects (recorded versions, tables, indexes, columns). \
                A damaged database gives wrong answers silently: run this after a disk or file-system \
                problem, or before trusting a copied database. Restore a damaged database from a \
                backup, or ingest the original files again into a new one.

                Exit codes: 0 intact, with the expected schema (or empty, no schema yet); 1 damaged, or a schema that differs \
                (each problem is listed); 2 the file cannot be opened as a database.
                """
        )

        @OptionGroup var databaseOptions: DatabaseOptions

        func run() throws {
            let check = try SQLiteReportStore.check(path: databaseOptions.path)
            print("database \(TerminalText.sanitized(check.path)): schema v\(check.recordedVersion) (this tlsrpt: v\(check.expectedVersion))")
            Self.printSection("integrity", check.integrityProblems)
            if check.isEmpty {
                print("schema: none yet (an empty database; the next writing command, e.g. tlsrpt ingest, creates it)")
            } else {
                Self.printSection("schema", check.schemaProblems)
            }
            for extra in check.extraObjects { print("  note: \(TerminalText.sanitized(extra)) is not part of tlsrpt's schema") }
            if !check.isSound { throw ExitCode(ExitStatus.someInputsRejected.rawValue) }
        }

        private static func printSection(_ name: String, _ problems: [String]) {
            guard !problems.isEmpty else { return print("\(name): ok") }
            print("\(name): \(Figures.grouped(problems.count)) problem\(problems.count == 1 ? "" : "s")")
            for problem in problems { print("  " + TerminalText.sanitized(problem)) }
        }
    }
}
