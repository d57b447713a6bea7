import CZlib

/// Compresses small texts as raw deflate (no header) primed with a dictionary.
///
/// A report of a few hundred bytes shares little with itself but much with any other report
/// (the field names, the result types): priming zlib with a dictionary of such text halves what
/// it takes to keep. zlib hashes a dictionary anew each time it is set, so the stream is primed
/// once and each compression starts from a copy of it (`deflateCopy` only reads its source, so
/// every thread can share one). ``Inflater/inflate(raw:dictionary:)`` reverses it.
final class PrimedDeflater: @unchecked Sendable {
    /// The window: 2^13 bytes, small enough that zlib's state stays well under 128 KiB (malloc's
    /// threshold for a fresh `mmap` per call), large enough for the dictionary and a report.
    static let windowBits: Int32 = 13

    /// Primed once in `init`, then only read.
    private let primed: UnsafeMutablePointer<z_stream>

    init(dictionary: [UInt8]) {
        primed = .allocate(capacity: 1)
        primed.initialize(to: z_stream())
        guard tlsrpt_deflateInit2(primed, Z_DEFAULT_COMPRESSION, -Self.windowBits, 6) == Z_OK else {
            preconditionFailure("zlib deflateInit2 failed: out of memory")
        }
        let status = dictionary.withUnsafeBufferPointer { deflateSetDictionary(primed, $0.baseAddress, uInt($0.count)) }
        precondition(status == Z_OK, "zlib deflateSetDictionary failed on a raw stream")
    }

    deinit {
        deflateEnd(primed)
        primed.deallocate()
    }

    /// `input` compressed with the dictionary.
    func deflate(_ input: [UInt8]) -> [UInt8] {
        Deflater.withStream { stream in
            guard deflateCopy(stream, primed) == Z_OK else {
                preconditionFailure("zlib deflateCopy failed: out of memory")
            }
            defer { deflateEnd(stream) }
            return Deflater.finish(stream, input)
        }
    }
}
