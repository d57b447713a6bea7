import FuzzSupport
import Foundation
@testable import TLSRPTKit

/// The mbox splitter: any file splits into messages (read in chunks of a size the first byte
/// chooses, to reach every chunk boundary), none larger than its limit, their bytes within the
/// file's, never a crash or a read past the end.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMbox(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    guard let first = bytes.first else { return 0 }
    let content = Array(bytes.dropFirst())
    let path = "/dev/shm/tlsrpt-fuzz-mbox-\(getpid())"
    guard FileManager.default.createFile(atPath: path, contents: Data(content)) else { fuzzFailure("cannot write \(path)") }
    defer { unlink(path) }
    let limit = 4096
    do {
        var reader = try MboxReader(path: path, maximumMessageSize: limit, chunkSize: Int(first % 64) + 1)
        var total = 0
        var count = 0
        while let message = try reader.next() {
            count += 1
            if count > content.count + 1 { fuzzFailure("more messages than bytes") }
            if case .message(let messageBytes, _) = message {
                if messageBytes.count > limit { fuzzFailure("a message of \(messageBytes.count) bytes past the \(limit)-byte limit") }
                total += messageBytes.count
            }
        }
        if total > content.count { fuzzFailure("\(total) message bytes from a \(content.count)-byte file") }
    } catch {
        _ = "\(error)"
    }
    return 0
}

/// The executable's entry point (see `fuzzMain`).
@_cdecl("fuzz_mbox_main")
public func fuzzMboxMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(fuzzMbox)
}
