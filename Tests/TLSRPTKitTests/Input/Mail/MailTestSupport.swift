import Foundation
import Testing
@testable import TLSRPTKit

/// Helpers shared by the mail parsing tests.
enum MailTestSupport {
    /// `/work/shared/corpus` (or wherever it is relative to this package): walks up from this file to the
    /// directory holding `Package.swift`, then `../shared/corpus`.
    static let corpusDirectory: URL? = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let manifest = directory.appendingPathComponent("Package.swift")
            if FileManager.default.fileExists(atPath: manifest.path) {
                let corpus = directory.deletingLastPathComponent()
                    .appendingPathComponent("shared/corpus", isDirectory: true)
                    .standardizedFileURL
                return FileManager.default.fileExists(atPath: corpus.path) ? corpus : nil
            }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }()

    /// The bytes of a corpus file given by its path relative to the corpus directory.
    static func corpusFile(_ relativePath: String) throws -> [UInt8] {
        let directory = try #require(corpusDirectory, "corpus directory not found")
        let url = directory.appendingPathComponent(relativePath)
        return [UInt8](try Data(contentsOf: url))
    }

    /// Relative paths of every `*.eml` in the corpus, sorted.
    static func corpusMessagePaths() throws -> [String] {
        let directory = try #require(corpusDirectory, "corpus directory not found")
        let enumerator = try #require(FileManager.default.enumerator(atPath: directory.path))
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".eml") { paths.append(relative) }
        }
        return paths.sorted()
    }

    /// The UTF-8 bytes of `text` with every `\n` turned into `\r\n`.
    static func crlf(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            if byte == 0x0A { bytes.append(0x0D) }
            bytes.append(byte)
        }
        return bytes
    }

    /// The UTF-8 bytes of `text`, line endings untouched.
    static func lf(_ text: String) -> [UInt8] {
        Array(text.utf8)
    }

    /// The leaves of `entity` whose media type starts with `application/tlsrpt`.
    static func reportLeaves(_ entity: MIMEEntity) -> [MIMEEntity] {
        entity.leaves().filter { $0.mediaType.hasPrefix("application/tlsrpt") }
    }

    /// The maximum nesting depth of `entity` (0 for a leaf).
    static func depth(of entity: MIMEEntity) -> Int {
        entity.children.map { depth(of: $0) + 1 }.max() ?? 0
    }

    /// The number of entities in the tree, `entity` included.
    static func entityCount(_ entity: MIMEEntity) -> Int {
        1 + entity.children.reduce(0) { $0 + entityCount($1) }
    }
}
