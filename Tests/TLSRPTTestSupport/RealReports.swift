import Foundation

/// The real reports and report e-mails kept in the repository under `Tests/Fixtures/RealReports`
/// (copied from permissively licensed projects; `MANIFEST.tsv` and `NOTICE.md` there say which).
///
/// Tests read them from inside the repository only, so that a fresh clone passes its tests.
public enum RealReports {
    /// The repository root: the folder holding `Package.swift`, found upwards from this file.
    public static let repositoryRoot: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            let parent = directory.deletingLastPathComponent()
            precondition(parent.path != directory.path, "Package.swift not found above \(#filePath)")
            directory = parent
        }
        return directory.standardizedFileURL
    }()

    /// `Tests/Fixtures/RealReports` in the repository.
    public static let directory = repositoryRoot
        .appendingPathComponent("Tests/Fixtures/RealReports", isDirectory: true)

    /// Paths relative to ``directory`` of every file whose name ends with one of `suffixes`, sorted.
    public static func paths(endingWith suffixes: String...) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        var paths: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if suffixes.contains(where: path.hasSuffix) { paths.append(path) }
        }
        return paths.sorted()
    }

    /// The URL of a file given by its path relative to ``directory``.
    public static func url(_ relativePath: String) -> URL {
        directory.appendingPathComponent(relativePath)
    }

    /// The bytes of a file given by its path relative to ``directory``.
    public static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(relativePath)))
    }

    /// The rows of `MANIFEST.tsv` (header excluded), each split into its tab-separated fields:
    /// local path, source repository, source path, licence, reporter, real or synthetic, commit,
    /// format, notes.
    public static func manifestRows() throws -> [[String]] {
        let text = try String(contentsOf: url("MANIFEST.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst()
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The extracted copy of a message's report attachment, as `MANIFEST.tsv` names it.
    public static func extractedAttachment(ofMessage relativePath: String) throws -> String? {
        let rows = try manifestRows()
        guard let index = rows.firstIndex(where: { $0.first == relativePath }) else { return nil }
        let folder = relativePath.split(separator: "/").first.map { String($0) + "/" } ?? ""
        if rows.indices.contains(index + 1), rows[index + 1][2] == "(attachment of the above)" { return rows[index + 1][0] }
        return rows.first(where: { $0[0].hasPrefix(folder) && $0[2] == "(attachment of \(rows[index][2]))" })?[0]
    }
}
