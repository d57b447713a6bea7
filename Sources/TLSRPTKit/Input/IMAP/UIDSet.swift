/// A set of message UIDs written the IMAP way: ascending ranges, `1:5,8,10:12`.
struct UIDSet: Sendable, Equatable, CustomStringConvertible {
    var uids: [UInt32]

    init(_ uids: [UInt32]) {
        self.uids = Array(Set(uids)).sorted()
    }

    var description: String {
        var parts: [String] = []
        var index = uids.startIndex
        while index < uids.endIndex {
            var end = index
            while end + 1 < uids.endIndex, uids[end + 1] == uids[end] + 1 { end += 1 }
            parts.append(end == index ? "\(uids[index])" : "\(uids[index]):\(uids[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }
}
