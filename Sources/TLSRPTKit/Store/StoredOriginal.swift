/// The original bytes of an input as the store keeps them, and how to get them back.
///
/// A report that decoded is kept as its JSON, byte for byte as the reporter wrote it, compressed
/// with the ``ReportDictionary``: about 150 bytes for a typical report instead of the 350 its gzip
/// file takes. The gzip wrapper it may have come in (like an e-mail's base64) is transport and
/// is not kept. An input that did not decode is kept exactly as received (gzip'd by us when it
/// was not gzip already), so that it can be looked at, or decoded again by a later version.
struct StoredOriginal: Sendable {
    /// How ``bytes`` encode the original (the `input.original_encoding` column).
    enum Encoding: Int64, Sendable {
        /// The bytes as received (a gzip file).
        case asReceived = 0
        /// The bytes as received, gzip'd by us.
        case gzipped = 1
        /// The decompressed report, raw deflate primed with ``ReportDictionary/version1``.
        case reportDeflated = 2
    }

    var bytes: [UInt8]
    var encoding: Encoding

    private static let reportDeflater = PrimedDeflater(dictionary: ReportDictionary.version1)

    /// Prepares `original` for the store; `report` is the JSON it decompressed to, when the
    /// input decoded as a report.
    init(original: [UInt8], report: [UInt8]?) {
        if let report {
            bytes = Self.reportDeflater.deflate(report)
            encoding = .reportDeflated
        } else if Inflater.isGzip(original) {
            bytes = original
            encoding = .asReceived
        } else {
            bytes = Deflater.gzip(original)
            encoding = .gzipped
        }
    }

    init(bytes: [UInt8], encoding: Encoding) {
        self.bytes = bytes
        self.encoding = encoding
    }

    /// The original: the bytes as received, or the report they decompressed to.
    func restored() throws(Inflater.Failure) -> [UInt8] {
        switch encoding {
        case .asReceived: bytes
        case .gzipped: try Inflater(limit: Int.max).inflate(bytes)
        case .reportDeflated: try Inflater(limit: Int.max).inflate(raw: bytes, dictionary: ReportDictionary.version1)
        }
    }
}
