import Foundation
import TLSRPTTestSupport

/// Runs the built `tlsrpt` binary the way a user would and captures what it printed.
struct CommandResult {
    var status: Int32
    /// Standard output exactly as written.
    var standardOutputBytes: Data
    var standardError: String

    /// Standard output as UTF-8 text.
    var standardOutput: String { String(decoding: standardOutputBytes, as: UTF8.self) }
}

enum CommandRunner {
    /// The repository root (the folder holding Package.swift).
    static let repositoryRoot = RealReports.repositoryRoot

    /// The real reports kept in the repository (`Tests/Fixtures/RealReports`).
    static let corpus = RealReports.directory

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
            standardOutputBytes: output.wait(),
            standardError: String(decoding: error.wait(), as: UTF8.self)
        )
    }
}

extension CommandRunner {
    /// Runs `tlsrpt arguments…` with a pseudo-terminal as its standard output (through
    /// util-linux's `script`) and returns what the terminal received.
    static func runOnTerminal(_ arguments: [String]) throws -> String {
        let quoted = ([executable.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let result = try runProgram("/usr/bin/script", ["-qec", quoted.joined(separator: " "), "/dev/null"])
        return String(decoding: result, as: UTF8.self)
    }

    /// Runs a program other than tlsrpt and returns its standard output.
    static func runProgram(_ path: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let collector = OutputCollector(output.fileHandleForReading)
        process.waitUntilExit()
        return collector.wait()
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
    /// Standard output as one JSON object.
    func jsonObject() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: standardOutputBytes) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        return object
    }

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
