import CZlib

/// Compresses bytes with zlib, for keeping original inputs small in the store.
enum Deflater {
    /// Gzip-compresses `input` at the default level (mtime 0, no file name: reproducible output).
    static func gzip(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        guard tlsrpt_deflateInit2(&stream, Z_DEFAULT_COMPRESSION, 15 + 16, 8) == Z_OK else {
            preconditionFailure("zlib deflateInit2 failed: out of memory")
        }
        defer { deflateEnd(&stream) }
        return finish(&stream, input)
    }

    /// Compresses all of `input` with `stream`, in one call, into a buffer of zlib's bound.
    static func finish(_ stream: inout z_stream, _ input: [UInt8]) -> [UInt8] {
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
