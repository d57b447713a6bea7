import CZlib

/// Compresses bytes with zlib, for keeping original inputs small in the store.
enum Deflater {
    /// Gzip-compresses `input` at the default level (mtime 0, no file name: reproducible output).
    static func gzip(_ input: [UInt8]) -> [UInt8] {
        withStream { stream in
            guard tlsrpt_deflateInit2(stream, Z_DEFAULT_COMPRESSION, 15 + 16, 8) == Z_OK else {
                preconditionFailure("zlib deflateInit2 failed: out of memory")
            }
            defer { deflateEnd(stream) }
            return finish(stream, input)
        }
    }

    /// Calls `body` with a stream on the heap: zlib checks that a stream keeps the address it was
    /// initialised at, which a Swift `inout` does not promise from one call to the next.
    static func withStream<Result>(_ body: (UnsafeMutablePointer<z_stream>) -> Result) -> Result {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        return body(stream)
    }

    /// Compresses all of `input` with `stream`, in one call, into a buffer of zlib's bound.
    static func finish(_ stream: UnsafeMutablePointer<z_stream>, _ input: [UInt8]) -> [UInt8] {
        let bound = Int(deflateBound(stream, uLong(input.count))) + 32
        return [UInt8](unsafeUninitializedCapacity: bound) { outputBuffer, written in
            input.withUnsafeBufferPointer { inputBuffer in
                // zlib never writes through next_in; the cast only satisfies its C signature.
                // Inputs are capped far below 4 GiB (zlib counts in 32 bits).
                stream.pointee.next_in = UnsafeMutablePointer(mutating: inputBuffer.baseAddress)
                stream.pointee.avail_in = uInt(inputBuffer.count)
                stream.pointee.next_out = outputBuffer.baseAddress
                stream.pointee.avail_out = uInt(outputBuffer.count)
                let status = CZlib.deflate(stream, Z_FINISH)
                precondition(status == Z_STREAM_END, "deflate with a deflateBound buffer must finish")
                written = outputBuffer.count - Int(stream.pointee.avail_out)
            }
        }
    }
}
