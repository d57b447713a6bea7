#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads whole files with `open`/`fstat`/`read`: one allocation and, for small files, one read
/// call, which matters when a Maildir holds 100,000 messages.
enum FileReader {
    /// Problems reading a file.
    enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case cannotOpen(path: String, reason: String)
        case tooLarge(path: String, size: Int64, limit: Int)

        var description: String {
            switch self {
            case .cannotOpen(let path, let reason): "cannot read \(path): \(reason)"
            case .tooLarge(let path, let size, let limit):
                "\(path) is \(Figures.grouped(size)) bytes, larger than the \(limit >> 20) MiB accepted for one input"
            }
        }
    }

    /// The identity (device, inode, size, mtime) of the file at `path`, following symlinks.
    static func identity(of path: String) throws(Failure) -> FileIdentity {
        var status = stat()
        guard stat(path, &status) == 0 else { throw .cannotOpen(path: path, reason: errorText()) }
        return FileIdentity(status)
    }

    /// The contents of the file at `path`, which must not be larger than `limit` bytes.
    ///
    /// A path that is not a regular file (a pipe such as `<(zcat …)`, a device such as
    /// `/dev/zero`) has no size: it is read as a stream, up to `limit` bytes.
    /// - Parameter expectedSize: the size the walk saw; when it is still right, the file is read
    ///   without an `fstat` (one `read` for its bytes, one that finds the end).
    static func read(_ path: String, limit: Int, expectedSize: Int64? = nil) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: errorText()) }
        defer { close(descriptor) }
        var status = stat()
        if let expectedSize, expectedSize < limit {
            // One byte of room more than expected: a file that grew meanwhile fills it, and is
            // then read again from the start at its new size.
            let bytes = try readUpTo(Int(expectedSize) + 1, from: descriptor, path: path)
            if bytes.count <= expectedSize { return bytes }
            guard fstat(descriptor, &status) == 0 else { throw .cannotOpen(path: path, reason: errorText()) }
            if status.st_mode & S_IFMT != S_IFREG {
                return try readStream(from: descriptor, path: path, limit: limit, startingWith: bytes)
            }
            guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw .cannotOpen(path: path, reason: errorText()) }
        }
        guard fstat(descriptor, &status) == 0 else { throw .cannotOpen(path: path, reason: errorText()) }
        if status.st_mode & S_IFMT != S_IFREG {
            return try readStream(from: descriptor, path: path, limit: limit, startingWith: [])
        }
        let size = Int64(status.st_size)
        guard size <= limit else { throw .tooLarge(path: path, size: size, limit: limit) }
        return try readUpTo(Int(size), from: descriptor, path: path)
    }

    /// Everything `descriptor` gives until its end, after `bytes`, up to `limit` bytes.
    private static func readStream(from descriptor: Int32, path: String, limit: Int, startingWith bytes: [UInt8]) throws(Failure) -> [UInt8] {
        var bytes = bytes
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotOpen(path: path, reason: errorText())
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        throw .tooLarge(path: path, size: Int64(bytes.count), limit: limit)
    }

    /// Up to `capacity` bytes from `descriptor`: fewer at the end of the file.
    private static func readUpTo(_ capacity: Int, from descriptor: Int32, path: String) throws(Failure) -> [UInt8] {
        var readError: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, filled in
            filled = 0
            while filled < capacity {
                let count = Glibc.read(descriptor, buffer.baseAddress! + filled, capacity - filled)
                if count > 0 {
                    filled += count
                } else if count == 0 {
                    break
                } else if errno != EINTR {
                    readError = errorText()
                    break
                }
            }
        }
        if let readError { throw .cannotOpen(path: path, reason: readError) }
        return bytes
    }

    /// The first `count` bytes of the file at `path` (fewer if it is shorter).
    static func prefix(of path: String, count: Int) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: errorText()) }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, count) }
        guard read >= 0 else { throw .cannotOpen(path: path, reason: errorText()) }
        bytes.removeSubrange(read...)
        return bytes
    }

    /// Everything on standard input, up to `limit` bytes.
    static func readStandardInput(limit: Int) throws(Failure) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress!, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw .cannotOpen(path: "standard input", reason: errorText())
            }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { throw .tooLarge(path: "standard input", size: Int64(bytes.count), limit: limit) }
        }
    }

    static func errorText() -> String {
        String(cString: strerror(errno))
    }
}

extension FileIdentity {
    init(_ status: stat) {
        self.init(
            device: UInt64(status.st_dev),
            inode: UInt64(status.st_ino),
            size: Int64(status.st_size),
            modified: Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        )
    }
}
