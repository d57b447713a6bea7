/// What tells whether a file changed since it was ingested: device, inode, size and
/// modification time. A Maildir message never changes in place, and an mbox only grows, so
/// ``resumeOffset`` lets a growing mbox be read from where the last run stopped.
public struct FileIdentity: Sendable, Equatable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    /// Modification time in nanoseconds since the epoch.
    public var modified: Int64
    /// For an mbox: the byte offset up to which messages were ingested.
    public var resumeOffset: Int64

    public init(device: UInt64, inode: UInt64, size: Int64, modified: Int64, resumeOffset: Int64 = 0) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.resumeOffset = resumeOffset
    }

    /// Whether `other` is the same, unchanged file.
    func isUnchanged(comparedTo other: FileIdentity) -> Bool {
        device == other.device && inode == other.inode && size == other.size && modified == other.modified
    }
}

/// A file to record in the ledger once its reports are stored.
public struct SeenFile: Sendable {
    public var directory: String
    public var name: String
    public var identity: FileIdentity
}

/// The ledger entries of one folder, looked up by file name.
public struct SeenFileIndex: Sendable {
    /// Entries by ``nameHash(_:)`` of the file name.
    public var entries: [Int64: FileIdentity] = [:]

    public init() {}

    public subscript(name: String) -> FileIdentity? { entries[Self.nameHash(name)] }

    /// What the ledger stores instead of the name: FNV-1a of its UTF-8 bytes.
    public static func nameHash(_ name: String) -> Int64 { Int64(bitPattern: FNV1a.hash(name)) }
}
