import CZlib

/// Decompresses gzip, zlib or raw-deflate data with a hard cap on the output size.
///
/// The header is detected automatically (zlib's `windowBits = 15 + 32`), so a report sent as
/// gzip or as a zlib stream inflates the same way. Concatenated gzip members are inflated one
/// after the other, as `gunzip` does. The cap is what keeps a gzip bomb from exhausting memory:
/// inflation stops as soon as the output would exceed it.
struct Inflater: Sendable {
    /// Why inflation failed.
    enum Failure: Error, Equatable, Sendable {
        /// The decompressed data would be larger than the cap.
        case tooLarge(limit: Int)
        /// The data ended before the compressed stream did.
        case truncated
        /// The data is not a valid compressed stream.
        case corrupt(String)
    }

    /// The largest decompressed size accepted, in bytes.
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Whether the bytes start with the gzip magic number `1f 8b`.
    static func isGzip<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        var iterator = bytes.makeIterator()
        return iterator.next() == 0x1f && iterator.next() == 0x8b
    }

    /// Inflates `input` and returns the decompressed bytes.
    /// - Throws: ``Failure`` when the input is corrupt, truncated or inflates beyond ``limit``.
    func inflate(_ input: [UInt8]) throws(Failure) -> [UInt8] {
        if input.isEmpty { throw .truncated }
        var stream = z_stream()
        guard tlsrpt_inflateInit2(&stream, 15 + 32) == Z_OK else {
            throw .corrupt("zlib could not be initialised")
        }
        defer { inflateEnd(&stream) }

        var output = [UInt8]()
        output.reserveCapacity(min(limit, max(4096, input.count * 8)))
        let chunkSize = 64 * 1024
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var failure: Failure?

        input.withUnsafeBufferPointer { inputBuffer in
            // zlib never writes through next_in; the cast only satisfies its C signature.
            stream.next_in = UnsafeMutablePointer(mutating: inputBuffer.baseAddress)
            stream.avail_in = uInt(inputBuffer.count)
            while failure == nil {
                let status = chunk.withUnsafeMutableBufferPointer { chunkBuffer -> Int32 in
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = uInt(chunkSize)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunkSize - Int(stream.avail_out)
                if output.count + produced > limit {
                    failure = .tooLarge(limit: limit)
                    break
                }
                output.append(contentsOf: chunk[0..<produced])
                switch status {
                case Z_STREAM_END:
                    // Another gzip member may follow (concatenated gzip); trailing zeros are padding.
                    let remaining = Int(stream.avail_in)
                    let rest = UnsafeBufferPointer(start: stream.next_in, count: remaining)
                    if remaining >= 2, rest[0] == 0x1f, rest[1] == 0x8b {
                        inflateReset(&stream)
                        continue
                    }
                    return
                case Z_OK:
                    continue
                case Z_BUF_ERROR:
                    if stream.avail_in == 0 { failure = .truncated }
                    else if produced == 0 { failure = .corrupt("zlib made no progress") }
                case Z_DATA_ERROR:
                    let message = stream.msg.map { String(cString: $0) } ?? "invalid data"
                    failure = .corrupt(message)
                case Z_MEM_ERROR:
                    failure = .corrupt("out of memory")
                default:
                    failure = .corrupt("zlib status \(status)")
                }
            }
        }
        if let failure { throw failure }
        return output
    }
}
