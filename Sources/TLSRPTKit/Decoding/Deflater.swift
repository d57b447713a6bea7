import CZlib

/// Compresses bytes with zlib, for keeping original inputs small in the store.
enum Deflater {
    /// Gzip-compresses `input` at the default level (mtime 0, no file name: reproducible output).
    static func gzip(_ input: [UInt8]) -> [UInt8] {
        compress(input, windowBits: 15 + 16, memoryLevel: 8, dictionary: nil)
    }

    /// Compresses `input` as raw deflate (no header) primed with `dictionary`, in an 8 KiB window.
    ///
    /// A report of a few hundred bytes shares little with itself but much with any other report
    /// (the field names, the result types); priming zlib with a dictionary of such text halves
    /// what it takes to keep. ``Inflater/inflate(raw:dictionary:)`` reverses it.
    static func deflate(_ input: [UInt8], dictionary: [UInt8]) -> [UInt8] {
        compress(input, windowBits: -rawWindowBits, memoryLevel: 6, dictionary: dictionary)
    }

    /// The window of ``deflate(_:dictionary:)``: 2^13 bytes, small enough that zlib's state stays
    /// under 128 KiB (malloc's threshold for a fresh `mmap` per call), large enough for the
    /// dictionary and a typical report together.
    static let rawWindowBits: Int32 = 13

    private static func compress(_ input: [UInt8], windowBits: Int32, memoryLevel: Int32, dictionary: [UInt8]?) -> [UInt8] {
        var stream = z_stream()
        guard tlsrpt_deflateInit2(&stream, Z_DEFAULT_COMPRESSION, windowBits, memoryLevel) == Z_OK else {
            preconditionFailure("zlib deflateInit2 failed: out of memory")
        }
        defer { deflateEnd(&stream) }
        if let dictionary {
            let status = dictionary.withUnsafeBufferPointer {
                deflateSetDictionary(&stream, $0.baseAddress, uInt($0.count))
            }
            precondition(status == Z_OK, "zlib deflateSetDictionary failed on a raw stream")
        }
        let bound = Int(deflateBound(&stream, uLong(input.count))) + 32
        return [UInt8](unsafeUninitializedCapacity: bound) { outputBuffer, written in
            input.withUnsafeBufferPointer { inputBuffer in
                // zlib never writes through next_in; the cast only satisfies its C signature.
                stream.next_in = UnsafeMutablePointer(mutating: inputBuffer.baseAddress)
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                let status = CZlib.deflate(&stream, Z_FINISH)
                precondition(status == Z_STREAM_END, "deflate with a deflateBound buffer must finish")
                written = outputBuffer.count - Int(stream.avail_out)
            }
        }
    }
}
