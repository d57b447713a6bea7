/// One record read from an mbox file by `MboxReader`.
enum MboxMessage: Sendable, Equatable {
    /// A message: its bytes (the `From ` separator line removed, `>From ` lines unescaped, the blank line
    /// that separates it from the next record removed) and the file offset where its record starts
    /// (the first byte of its `From ` line).
    case message(bytes: [UInt8], offset: Int)
    /// A message larger than the reader's maximum size, skipped without being kept in memory.
    /// `offset` is where its record starts; `size` is its byte count in the file, `From ` line excluded.
    case tooLarge(offset: Int, size: Int)
}
