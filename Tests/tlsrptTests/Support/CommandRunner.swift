import Foundation

/// Runs the built `tlsrpt` binary the way a user would and captures what it printed.
struct CommandResult {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

enum CommandRunner {
    /// The repository root (the folder holding Package.swift).
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url = url.deletingLastPathComponent()
        }
        return url
    }()

    /// `../shared/corpus` next to the repository.
    static let corpus = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    /// The project's own sample reports.
    static let sampleReports = repositoryRoot.appendingPathComponent("SampleReports")

    /// The `tlsrpt` executable built next to the test bundle.
    static let executable: URL = {
        let bundle = Bundle.main.bundleURL
        for directory in [bundle, bundle.deletingLastPathComponent(), bundle.deletingLastPathComponent().deletingLastPathComponent()] {
            let candidate = directory.appendingPathComponent("tlsrpt")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
        }
        return repositoryRoot.appendingPathComponent(".build/debug/tlsrpt")
    }()

    /// Runs `tlsrpt arguments…`, optionally feeding `input` on standard input.
    @discardableResult
    static func run(
        _ arguments: [String],
        input: Data? = nil,
        environment: [String: String] = [:],
        workingDirectory: URL? = nil,
        asUnprivilegedUser: Bool = false
    ) throws -> CommandResult {
        try start(
            arguments, input: input, environment: environment, workingDirectory: workingDirectory,
            asUnprivilegedUser: asUnprivilegedUser
        ).wait()
    }

    /// Whether ``run(_:input:environment:workingDirectory:asUnprivilegedUser:)`` can run the binary
    /// as a user without special rights: always when the tests do not run as root; as root, through
    /// `setpriv` as `nobody` (root ignores file permissions).
    static var canRunUnprivileged: Bool {
        geteuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
    }

    /// Starts `tlsrpt arguments…` and returns at once; ``RunningCommand/wait()`` collects it.
    /// Several started before any is waited for run at the same time.
    static func start(
        _ arguments: [String],
        input: Data? = nil,
        environment: [String: String] = [:],
        workingDirectory: URL? = nil,
        asUnprivilegedUser: Bool = false
    ) throws -> RunningCommand {
        let process = Process()
        if asUnprivilegedUser, geteuid() == 0 {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        var processEnvironment = ProcessInfo.processInfo.environment
        processEnvironment.removeValue(forKey: "TLSRPT_DATABASE")
        for (key, value) in environment { processEnvironment[key] = value }
        process.environment = processEnvironment
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = inputPipe
        try process.run()
        let running = RunningCommand(
            process: process,
            output: OutputCollector(outputPipe.fileHandleForReading),
            error: OutputCollector(errorPipe.fileHandleForReading))
        if let input { inputPipe.fileHandleForWriting.write(input) }
        try inputPipe.fileHandleForWriting.close()
        return running
    }
}

/// A started `tlsrpt` process.
struct RunningCommand {
    let process: Process
    let output: OutputCollector
    let error: OutputCollector

    /// Waits for the process to end and returns what it printed.
    func wait() -> CommandResult {
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus,
            standardOutput: String(decoding: output.wait(), as: UTF8.self),
            standardError: String(decoding: error.wait(), as: UTF8.self)
        )
    }
}

/// Reads a pipe to its end on a background thread, so a chatty child never blocks on a full pipe.
final class OutputCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

/// A temporary folder removed when the value is discarded.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tlsrpt-test-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// A database path inside the folder.
    var database: String { url.appendingPathComponent("tlsrpt.sqlite").path }

    /// Writes `data` to `name` inside the folder (creating sub-folders) and returns its URL.
    @discardableResult
    func write(_ data: Data, to name: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file
    }
}

extension CommandResult {
    /// Standard output split into JSON objects, one per line.
    func jsonLines() throws -> [[String: Any]] {
        try standardOutput.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw CocoaError(.coderReadCorrupt)
            }
            return object
        }
    }
}
