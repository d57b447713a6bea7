import Foundation

/// One thing to ingest, found by walking the paths a user gave.
enum InputItem: Sendable {
    /// A file; `ledger` is what to record once its reports are stored, `previous` what the
    /// ledger knew of it (a changed file, e.g. a grown mbox).
    case file(path: String, ledger: SeenFile, previous: FileIdentity?)
    /// Standard input (`-`).
    case standardInput
}

/// Walks files and directories (recursively; in name order, or by chunks for very large folders)
/// and yields the inputs to ingest, skipping files the ledger says were ingested unchanged before.
///
/// Skipped:
/// - hidden files and Maildir `tmp/` folders (messages still being delivered);
/// - the store's own files (``ReportStore/storageFiles``: the database, `-wal`, `-shm`,
///   `-journal`), recognised by their folder's device and inode and their name, or by their own
///   device and inode: a database inside the folder it ingests never reads itself;
/// - symbolic links inside a folder that lead to a directory, to something other than a regular
///   file, or nowhere (a loop, a dangling link): not followed, so a link loop cannot trap the
///   walk, and counted in ``skippedLinks``, not failures. A link to a file is read. A path given
///   by the user is followed whatever it is;
/// - FIFOs, sockets and devices inside a folder: never opened (a FIFO nobody writes to would
///   block the walk forever), counted in ``skippedSpecialFiles``. A path given by the user is
///   read as a stream whatever it is.
struct InputWalker {
    var store: any ReportStore
    /// When true, files are read again even if the ledger says they were ingested.
    var ignoresLedger: Bool

    /// Counts of what the walk skipped.
    private(set) var alreadySeen = 0
    /// Symbolic links skipped (see the type's documentation).
    private(set) var skippedLinks = 0
    /// FIFOs, sockets and devices inside a walked folder, skipped unopened.
    private(set) var skippedSpecialFiles = 0
    /// Paths that could not be read, with the reason.
    private(set) var failures: [String] = []
    /// The store's own files, by the device and inode of their folder.
    private let storageNamesByFolder: [DeviceAndInode: Set<String>]
    /// The store's own files that exist, by their device and inode.
    private let storageFiles: Set<DeviceAndInode>

    /// A file or folder's identity in the file system.
    struct DeviceAndInode: Hashable {
        var device: UInt64
        var inode: UInt64

        init(_ status: stat) {
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
        }
    }

    init(store: any ReportStore, ignoresLedger: Bool) {
        self.store = store
        self.ignoresLedger = ignoresLedger
        var namesByFolder: [DeviceAndInode: Set<String>] = [:]
        var files: Set<DeviceAndInode> = []
        for file in store.storageFiles {
            let absolute = Self.absolute(file)
            var status = stat()
            if stat((absolute as NSString).deletingLastPathComponent, &status) == 0 {
                namesByFolder[DeviceAndInode(status), default: []].insert((absolute as NSString).lastPathComponent)
            }
            if stat(absolute, &status) == 0 { files.insert(DeviceAndInode(status)) }
        }
        storageNamesByFolder = namesByFolder
        storageFiles = files
    }

    /// Whether `name` in the folder `folder` is one of the store's own files.
    private func isStorageFile(named name: String, inFolder folder: DeviceAndInode?, status: stat?) -> Bool {
        if let folder, storageNamesByFolder[folder]?.contains(name) == true { return true }
        if let status, storageFiles.contains(DeviceAndInode(status)) { return true }
        return false
    }

    /// Calls `visit` with every input under `paths`, in order.
    mutating func walk(_ paths: [String], _ visit: (InputItem) async throws -> Void) async throws {
        for path in paths {
            if path == "-" {
                try await visit(.standardInput)
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                failures.append("\(path): no such file or directory")
                continue
            }
            if isDirectory.boolValue {
                try await walkDirectory(Self.absolute(path), visit)
            } else {
                let absolute = Self.absolute(path)
                let directory = (absolute as NSString).deletingLastPathComponent
                let name = (absolute as NSString).lastPathComponent
                var folderStatus = stat()
                var fileStatus = stat()
                let folder = stat(directory, &folderStatus) == 0 ? DeviceAndInode(folderStatus) : nil
                if isStorageFile(named: name, inFolder: folder, status: stat(absolute, &fileStatus) == 0 ? fileStatus : nil) {
                    continue
                }
                let known = try ledger(of: directory, named: [name])
                try await visitFile(directory: directory, name: name, known: known, visit)
            }
        }
    }

    /// Walks `directory` a chunk of ``chunkSize`` names at a time, so that memory stays flat
    /// however many files it holds: each chunk is sorted by name and its ledger entries are
    /// looked up together. A folder of up to ``chunkSize`` entries is thus read in name order; a
    /// larger one in the order the file system lists it, chunk by chunk.
    private mutating func walkDirectory(_ directory: String, _ visit: (InputItem) async throws -> Void) async throws {
        guard let listing = opendir(directory) else {
            failures.append("\(directory): \(FileReader.errorText())")
            return
        }
        defer { closedir(listing) }
        let isMaildir = Self.isDirectory(directory + "/cur") && Self.isDirectory(directory + "/new")
        var folderStatus = stat()
        let folder = fstat(dirfd(listing), &folderStatus) == 0 ? DeviceAndInode(folderStatus) : nil
        var chunk: [String] = []
        chunk.reserveCapacity(Self.chunkSize)
        var finished = false
        while !finished {
            chunk.removeAll(keepingCapacity: true)
            while chunk.count < Self.chunkSize {
                errno = 0
                guard let entry = readdir(listing) else {
                    // The end of the folder, or an error (`errno` tells): a folder that cannot be
                    // read to its end is a failure, not a smaller folder.
                    if errno != 0 { failures.append("\(directory): \(FileReader.errorText())") }
                    finished = true
                    break
                }
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name == "." || name == ".." { continue }
                if name.hasPrefix(".") && !(isMaildir && Self.isMaildirFolder(name)) { continue }
                chunk.append(name)
            }
            chunk.sort()
            let known = try ledger(of: directory, named: chunk)
            let statuses = await Self.statuses(of: chunk, in: dirfd(listing))
            for (name, result) in zip(chunk, statuses) {
                let status: stat
                switch result {
                case .success(let found): status = found
                case .failure(let error):
                    failures.append("\(directory)/\(name): \(error.reason)")
                    continue
                }
                switch status.st_mode & S_IFMT {
                case S_IFDIR:
                    if isMaildir && name == "tmp" { continue }
                    try await walkDirectory(directory + "/" + name, visit)
                case S_IFREG:
                    if isStorageFile(named: name, inFolder: folder, status: status) { continue }
                    // fstatat already said what stat would: no second system call per file.
                    try await visitFile(directory: directory, name: name, known: known, identity: FileIdentity(status), visit)
                case S_IFLNK:
                    // Followed only to a regular file; see the type's documentation.
                    var target = stat()
                    guard stat(directory + "/" + name, &target) == 0, target.st_mode & S_IFMT == S_IFREG else {
                        skippedLinks += 1
                        continue
                    }
                    if isStorageFile(named: name, inFolder: folder, status: target) { continue }
                    try await visitFile(directory: directory, name: name, known: known, identity: FileIdentity(target), visit)
                default:
                    skippedSpecialFiles += 1
                }
            }
        }
    }

    /// Why `fstatat` failed for a name.
    struct StatusFailure: Error {
        var reason: String
    }

    /// `fstatat` (not following symbolic links) of every name in the open folder `folder`, on
    /// every core: looking names up in a folder of 100,000 files is most of what a rerun does.
    /// Relative to the open folder, the kernel resolves one name rather than the whole path.
    static func statuses(of names: [String], in folder: Int32) async -> [Result<stat, StatusFailure>] {
        @Sendable func status(_ name: String) -> Result<stat, StatusFailure> {
            var status = stat()
            guard fstatat(folder, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
                return .failure(StatusFailure(reason: FileReader.errorText()))
            }
            return .success(status)
        }
        // A few hundred names per task at least: below that, the tasks cost more than they save.
        return await names.concurrentMap(workers: min(ProcessInfo.processInfo.activeProcessorCount, names.count / 256), status)
    }

    /// Names read from a folder and looked up in the ledger at a time.
    static let chunkSize = 4096

    private func ledger(of directory: String, named names: [String]) throws -> SeenFileIndex {
        ignoresLedger || names.isEmpty ? SeenFileIndex() : try store.seenFiles(inDirectory: directory, named: names)
    }

    private static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    private mutating func visitFile(
        directory: String,
        name: String,
        known: SeenFileIndex,
        identity knownIdentity: FileIdentity? = nil,
        _ visit: (InputItem) async throws -> Void
    ) async throws {
        let identity: FileIdentity
        if let knownIdentity {
            identity = knownIdentity
        } else {
            do {
                identity = try FileReader.identity(of: directory + "/" + name)
            } catch {
                failures.append(error.description)
                return
            }
        }
        guard identity.size >= 0 else { return }
        let previous = known[name]
        if let previous, previous.isUnchanged(comparedTo: identity) {
            alreadySeen += 1
            return
        }
        let path = directory + "/" + name
        try await visit(.file(path: path, ledger: SeenFile(directory: directory, name: name, identity: identity), previous: previous))
    }

    /// Maildir++ sub-folders are hidden directories such as `.Archive`.
    private static func isMaildirFolder(_ name: String) -> Bool {
        name.count > 1 && name != ".." && !name.hasPrefix("..")
    }

    private static func absolute(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var text = url.path
        while text.count > 1, text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
