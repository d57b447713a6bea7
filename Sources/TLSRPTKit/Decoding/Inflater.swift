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
        try inflate(input, windowBits: 15 + 32, dictionary: nil)
    }

    /// Inflates raw deflate data made by ``PrimedDeflater`` primed with `dictionary`.
    func inflate(raw input: [UInt8], dictionary: [UInt8]) throws(Failure) -> [UInt8] {
        try inflate(input, windowBits: -15, dictionary: dictionary)
    }

    private func inflate(_ input: [UInt8], windowBits: Int32, dictionary: [UInt8]?) throws(Failure) -> [UInt8] {
        if input.isEmpty { throw .truncated }
        // On the heap: zlib checks that a stream keeps the address it was initialised at.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard tlsrpt_inflateInit2(stream, windowBits) == Z_OK else {
            throw .corrupt("zlib could not be initialised")
        }
        defer { inflateEnd(stream) }
        if let dictionary {
            let status = dictionary.withUnsafeBufferPointer {
                inflateSetDictionary(stream, $0.baseAddress, uInt($0.count))
            }
            guard status == Z_OK else { throw .corrupt("zlib refused the dictionary") }
        }

        // Inflate straight into one buffer that doubles when full; one byte past the limit is
        // room enough to tell that the output would exceed it.
        let ceiling = limit == Int.max ? limit : limit + 1
        var output = OutputBuffer(capacity: min(ceiling, max(4096, input.count * 8)))
        defer { output.deallocate() }
        var failure: Failure?

        input.withUnsafeBufferPointer { inputBuffer in
            // zlib never writes through next_in; the cast only satisfies its C signature.
            stream.pointee.next_in = UnsafeMutablePointer(mutating: inputBuffer.baseAddress)
            stream.pointee.avail_in = uInt(inputBuffer.count)  // inputs are capped far below 4 GiB
            while failure == nil {
                if output.count == output.capacity {
                    guard output.capacity <= limit else {
                        failure = .tooLarge(limit: limit)
                        break
                    }
                    output.grow(toAtMost: ceiling)
                }
                // zlib counts in 32 bits: at most 4 GiB of room per call.
                let room = min(output.capacity - output.count, Int(UInt32.max))
                stream.pointee.next_out = output.base + output.count
                stream.pointee.avail_out = uInt(room)
                let status = CZlib.inflate(stream, Z_NO_FLUSH)
                let produced = room - Int(stream.pointee.avail_out)
                output.count += produced
                if output.count > limit {
                    failure = .tooLarge(limit: limit)
                    break
                }
                switch status {
                case Z_STREAM_END:
                    // Another gzip member may follow (concatenated gzip); trailing zeros are padding.
                    let remaining = Int(stream.pointee.avail_in)
                    let rest = UnsafeBufferPointer(start: stream.pointee.next_in, count: remaining)
                    if windowBits > 0, remaining >= 2, rest[0] == 0x1f, rest[1] == 0x8b {
                        inflateReset(stream)
                        continue
                    }
                    return
                case Z_OK:
                    continue
                case Z_BUF_ERROR:
                    if stream.pointee.avail_in == 0 { failure = .truncated }
                    else if produced == 0 && stream.pointee.avail_out > 0 { failure = .corrupt("zlib made no progress") }
                case Z_DATA_ERROR:
                    let message = stream.pointee.msg.map { String(cString: $0) } ?? "invalid data"
                    failure = .corrupt(message)
                case Z_MEM_ERROR:
                    failure = .corrupt("out of memory")
                default:
                    failure = .corrupt("zlib status \(status)")
                }
            }
        }
        if let failure { throw failure }
        return Array(UnsafeBufferPointer(start: output.base, count: output.count))
    }

    /// Uninitialised bytes zlib writes into: no zero-filling of memory that is about to be
    /// overwritten.
    private struct OutputBuffer {
        var base: UnsafeMutablePointer<UInt8>
        var capacity: Int
        var count = 0

        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(capacity: capacity)
        }

        mutating func grow(toAtMost maximum: Int) {
            let larger = min(maximum, capacity * 2)
            let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
            moved.update(from: base, count: count)
            base.deallocate()
            base = moved
            capacity = larger
        }

        func deallocate() {
            base.deallocate()
        }
    }
}
