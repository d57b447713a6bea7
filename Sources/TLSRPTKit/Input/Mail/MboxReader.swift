#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams the messages of an mbox file one at a time with bounded memory.
///
/// The file is read in chunks (1 MiB by default) with positional reads; it is never loaded whole. Memory
/// use is about one chunk plus the current message (at most `maximumMessageSize`); larger messages are
/// skipped while being counted and reported as `.tooLarge`.
///
/// Format (mboxo / mboxrd, RFC 4155):
/// * every line starting with `From ` begins a new record; that separator line is removed;
/// * content before the first separator (a file without one, e.g. a single `.eml`) is a record at offset 0;
/// * lines matching `>+From ` are unescaped by removing one `>`;
/// * the empty line that writers put between records is removed from the end of each message;
/// * records that are empty or white space only are skipped.
///
/// Copies of a reader share the open file but keep independent positions.
struct MboxReader: Sendable {
    /// The default number of bytes read from the file at once.
    static let defaultChunkSize = 1 << 20

    /// The path the reader was opened with.
    let path: String
    /// Messages with more bytes than this are skipped and reported as `.tooLarge`.
    let maximumMessageSize: Int

    /// Bytes requested per read.
    private let chunkSize: Int
    /// A line longer than this is handed out in pieces, so a file without line breaks needs bounded memory.
    private let lineFragmentLimit: Int
    /// The open file.
    private let file: FileDescriptorOwner

    /// Unconsumed bytes read from the file.
    private var buffer: [UInt8] = []
    /// The file offset of `buffer[0]`.
    private var bufferFileOffset = 0
    /// The next unconsumed index in `buffer`.
    private var cursor = 0
    /// `buffer[cursor..<scannedUpTo]` is known to contain no line feed (avoids rescanning after a refill).
    private var scannedUpTo = 0
    /// Whether a read returned no more bytes.
    private var reachedEndOfFile = false
    /// Whether the next unconsumed byte starts a line.
    private var atLineStart = true
    /// Where the next record starts, or `nil` when there is none.
    private var nextRecordOffset: Int? = 0
    /// Whether the separator line of the next record has already been consumed.
    private var nextRecordSeparatorConsumed = false

    /// A piece of the input: a whole line (with its line feed) or part of an overlong line.
    private struct Fragment {
        /// The bytes, as indices of `buffer`; valid until the next `readFragment()`.
        var range: Range<Int>
        /// The file offset of the first byte.
        var fileOffset: Int
        /// Whether the fragment begins a line.
        var isLineStart: Bool
        /// Whether the fragment ends with a line feed.
        var endsLine: Bool
    }

    /// Opens `path` for reading.
    ///
    /// - Parameters:
    ///   - maximumMessageSize: larger messages are skipped and reported as `.tooLarge`.
    ///   - chunkSize: bytes per read; tests use small values to exercise chunk boundaries.
    ///   - startOffset: where to start reading: 0, or the offset of a record (its `From ` line)
    ///     returned by an earlier run, to resume an mbox that has grown since.
    /// - Throws: `MboxReaderError.cannotOpen` when the file cannot be opened.
    init(
        path: String, maximumMessageSize: Int = 64 << 20, chunkSize: Int = MboxReader.defaultChunkSize,
        startOffset: Int = 0
    ) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw MboxReaderError.cannotOpen(path: path, errorNumber: errno)
        }
        self.path = path
        self.file = FileDescriptorOwner(descriptor: descriptor)
        self.maximumMessageSize = max(0, maximumMessageSize)
        self.chunkSize = max(1, chunkSize)
        self.lineFragmentLimit = max(self.chunkSize, 4096)
        self.bufferFileOffset = max(0, startOffset)
        self.nextRecordOffset = max(0, startOffset)
    }

    /// The next message, or `nil` at the end of the file.
    ///
    /// - Throws: `MboxReaderError.readFailed` when reading fails.
    mutating func next() throws -> MboxMessage? {
        let separator = Array("From ".utf8)
        while let recordOffset = nextRecordOffset {
            nextRecordOffset = nil
            // Only the first record can start without an already consumed separator line.
            var mayStartWithSeparator = !nextRecordSeparatorConsumed
            nextRecordSeparatorConsumed = false
            var bytes: [UInt8] = []
            var size = 0
            var isTooLarge = false
            var hasContent = false

            while let fragment = try readFragment() {
                let line = buffer[fragment.range]
                if fragment.isLineStart, MailByteScanning.hasPrefix(line, separator) {
                    try skipRestOfLine(after: fragment)
                    if mayStartWithSeparator {
                        mayStartWithSeparator = false
                        continue
                    }
                    nextRecordOffset = fragment.fileOffset
                    nextRecordSeparatorConsumed = true
                    break
                }
                mayStartWithSeparator = false
                size += line.count
                if !hasContent {
                    hasContent = line.contains { !MailByteScanning.isWhitespace($0) }
                }
                if isTooLarge { continue }
                if size > maximumMessageSize {
                    isTooLarge = true
                    bytes = []
                } else if fragment.isLineStart, Self.isEscapedSeparator(line) {
                    bytes += line.dropFirst()
                } else {
                    bytes += line
                }
            }

            if isTooLarge {
                return .tooLarge(offset: recordOffset, size: size)
            }
            guard hasContent else { continue }
            Self.removeTrailingBlankLine(&bytes)
            return .message(bytes: bytes, offset: recordOffset)
        }
        return nil
    }

    /// Whether `line` is `>From `, `>>From `, …: an mboxrd/mboxo-escaped body line.
    private static func isEscapedSeparator(_ line: ArraySlice<UInt8>) -> Bool {
        var index = line.startIndex
        while index < line.endIndex, line[index] == UInt8(ascii: ">") { index += 1 }
        guard index > line.startIndex else { return false }
        return MailByteScanning.hasPrefix(line[index...], Array("From ".utf8))
    }

    /// Removes the one empty line (LF or CRLF) that separates a record from the next, when present.
    private static func removeTrailingBlankLine(_ bytes: inout [UInt8]) {
        guard let last = bytes.last, last == MailByteScanning.lineFeed else { return }
        var blankLineStart = bytes.count - 1
        if blankLineStart > 0, bytes[blankLineStart - 1] == MailByteScanning.carriageReturn {
            blankLineStart -= 1
        }
        if blankLineStart > 0, bytes[blankLineStart - 1] == MailByteScanning.lineFeed {
            bytes.removeSubrange(blankLineStart...)
        }
    }

    /// Consumes the rest of the line that `fragment` started, when it did not end the line.
    private mutating func skipRestOfLine(after fragment: Fragment) throws {
        guard !fragment.endsLine else { return }
        while let piece = try readFragment() {
            if piece.endsLine { return }
        }
    }

    /// The next line or line piece, or `nil` at the end of the file.
    private mutating func readFragment() throws -> Fragment? {
        while true {
            if let lineFeed = indexOfLineFeed(from: max(cursor, scannedUpTo)) {
                let fragment = Fragment(
                    range: cursor..<(lineFeed + 1),
                    fileOffset: bufferFileOffset + cursor,
                    isLineStart: atLineStart,
                    endsLine: true
                )
                cursor = lineFeed + 1
                scannedUpTo = cursor
                atLineStart = true
                return fragment
            }
            scannedUpTo = buffer.count
            let pending = buffer.count - cursor
            if pending >= lineFragmentLimit || (reachedEndOfFile && pending > 0) {
                let fragment = Fragment(
                    range: cursor..<buffer.count,
                    fileOffset: bufferFileOffset + cursor,
                    isLineStart: atLineStart,
                    endsLine: false
                )
                cursor = buffer.count
                scannedUpTo = cursor
                atLineStart = false
                return fragment
            }
            if reachedEndOfFile { return nil }
            try refill()
        }
    }

    /// The index of the next line feed in `buffer` at or after `start`.
    private func indexOfLineFeed(from start: Int) -> Int? {
        buffer.withUnsafeBufferPointer { MailByteScanning.indexOfLineFeed(in: $0, from: start) }
    }

    /// Drops consumed bytes and appends the next chunk of the file.
    private mutating func refill() throws {
        if cursor > 0 {
            buffer.removeSubrange(0..<cursor)
            bufferFileOffset += cursor
            scannedUpTo = max(0, scannedUpTo - cursor)
            cursor = 0
        }
        let oldCount = buffer.count
        let readOffset = bufferFileOffset + oldCount
        buffer.append(contentsOf: repeatElement(0, count: chunkSize))
        let descriptor = file.descriptor
        let requested = chunkSize
        let result: Int = buffer.withUnsafeMutableBufferPointer { pointer in
            guard let base = pointer.baseAddress else { return 0 }
            while true {
                let count = pread(descriptor, base + oldCount, requested, off_t(readOffset))
                if count < 0, errno == EINTR { continue }
                return count
            }
        }
        guard result >= 0 else {
            let errorNumber = errno
            buffer.removeSubrange(oldCount...)
            throw MboxReaderError.readFailed(path: path, errorNumber: errorNumber)
        }
        buffer.removeSubrange((oldCount + result)...)
        if result == 0 {
            reachedEndOfFile = true
        }
    }
}

/// Owns an open file descriptor and closes it when the last reader copy goes away.
private final class FileDescriptorOwner: Sendable {
    /// The descriptor, opened read-only.
    let descriptor: Int32

    /// Takes ownership of `descriptor`.
    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        _ = close(descriptor)
    }
}
