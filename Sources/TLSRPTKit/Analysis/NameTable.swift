/// Names numbered in the order first seen, so values that repeat a hundred thousand times (the
/// result type, MX host and organisation of each failure detail) are carried as small integers
/// and compared and copied without touching their strings.
struct NameTable {
    private(set) var names: [String] = []
    private var indexByName: [String: Int32] = [:]

    /// The number of `name`, given it the first time. A few names (result types, MX hosts) are
    /// found by comparison, cheaper than hashing; many (organisations) through a dictionary.
    mutating func index(of name: String) -> Int32 {
        if names.count <= 16 {
            if let index = names.firstIndex(of: name) { return Int32(index) }
        } else if let index = indexByName[name] {
            return index
        }
        let index = Int32(names.count)
        names.append(name)
        indexByName[name] = index
        return index
    }

    subscript(index: Int32) -> String { names[Int(index)] }

    /// The names of `indexes`, sorted, each once.
    func sortedNames(_ indexes: some Sequence<Int32>) -> [String] {
        Set(indexes).map { names[Int($0)] }.sorted()
    }
}
