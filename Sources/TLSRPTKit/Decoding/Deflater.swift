import CZlib

/// Compresses bytes with zlib into a gzip stream, for keeping original inputs small in the store.
enum Deflater {
    /// Gzip-compresses `input` at the default level (mtime 0, no file name: reproducible output).
    static func gzip(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        guard tlsrpt_deflateInit2(&stream, Z_DEFAULT_COMPRESSION, 15 + 16) == Z_OK else {
            preconditionFailure("zlib deflateInit2 failed: out of memory")
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count))) + 32
        var output = [UInt8](repeating: 0, count: bound)
        let written = input.withUnsafeBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer -> Int in
                stream.next_in = UnsafeMutablePointer(mutating: inputBuffer.baseAddress)
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                let status = deflate(&stream, Z_FINISH)
                precondition(status == Z_STREAM_END, "deflate with a deflateBound buffer must finish")
                return outputBuffer.count - Int(stream.avail_out)
            }
        }
        output.removeSubrange(written...)
        return output
    }
}
