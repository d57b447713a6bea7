import Foundation

@testable import TLSRPTKit

/// A PNG read back to its pixels (8-bit greyscale, RGB or RGBA, not interlaced: what Chromium's
/// screenshots are), to tell a real page from a blank one.
struct PNGImage {
    var width: Int
    var height: Int
    /// Bytes per pixel.
    var channels: Int
    /// Rows of `width * channels` bytes, unfiltered.
    var pixels: [UInt8]

    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count > 33, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw Unsupported(description: "not a PNG")
        }
        func integer(_ offset: Int) -> Int {
            bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        }
        var offset = 8
        var idat: [UInt8] = []
        var header: (width: Int, height: Int, depth: UInt8, type: UInt8, interlace: UInt8)?
        while offset + 8 <= bytes.count {
            let length = integer(offset)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            let body = offset + 8
            guard body + length <= bytes.count else { throw Unsupported(description: "cut chunk \(type)") }
            if type == "IHDR" {
                header = (integer(body), integer(body + 4), bytes[body + 8], bytes[body + 9], bytes[body + 12])
            } else if type == "IDAT" {
                idat += bytes[body..<body + length]
            } else if type == "IEND" {
                break
            }
            offset = body + length + 4
        }
        guard let header, header.depth == 8, header.interlace == 0, [0, 2, 6].contains(header.type) else {
            throw Unsupported(description: "only 8-bit, non-interlaced greyscale, RGB or RGBA")
        }
        width = header.width
        height = header.height
        channels = header.type == 0 ? 1 : header.type == 2 ? 3 : 4
        let filtered = try Inflater(limit: 1 << 30).inflate(idat)
        let stride = width * channels
        guard filtered.count >= height * (stride + 1) else { throw Unsupported(description: "short image data") }
        pixels = [UInt8](repeating: 0, count: height * stride)
        for row in 0..<height {
            let filter = filtered[row * (stride + 1)]
            let source = row * (stride + 1) + 1
            let target = row * stride
            for index in 0..<stride {
                let raw = Int(filtered[source + index])
                let left = index >= channels ? Int(pixels[target + index - channels]) : 0
                let up = row > 0 ? Int(pixels[target - stride + index]) : 0
                let upLeft = row > 0 && index >= channels ? Int(pixels[target - stride + index - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = left
                case 2: predictor = up
                case 3: predictor = (left + up) / 2
                case 4:
                    let estimate = left + up - upLeft
                    let (a, b, c) = (abs(estimate - left), abs(estimate - up), abs(estimate - upLeft))
                    predictor = a <= b && a <= c ? left : b <= c ? up : upLeft
                default: throw Unsupported(description: "filter \(filter)")
                }
                pixels[target + index] = UInt8((raw + predictor) & 0xFF)
            }
        }
    }

    /// The share of pixels that differ from the most common colour (the background), and the
    /// number of distinct colours.
    var content: (share: Double, colours: Int) {
        var counts: [UInt32: Int] = [:]
        for pixel in stride(from: 0, to: pixels.count, by: channels) {
            var key: UInt32 = 0
            for channel in 0..<min(channels, 3) { key = key << 8 | UInt32(pixels[pixel + channel]) }
            counts[key, default: 0] += 1
        }
        let total = width * height
        let background = counts.values.max() ?? total
        return (Double(total - background) / Double(max(total, 1)), counts.count)
    }
}
