/// Errors thrown by `MboxReader`.
enum MboxReaderError: Error, Sendable, Equatable {
    /// The file could not be opened; `errorNumber` is the system `errno`.
    case cannotOpen(path: String, errorNumber: Int32)
    /// Reading failed; `errorNumber` is the system `errno`.
    case readFailed(path: String, errorNumber: Int32)
}
