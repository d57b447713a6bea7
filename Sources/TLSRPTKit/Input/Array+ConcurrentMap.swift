extension Array where Element: Sendable {
    /// `map` on up to `workers` tasks, each taking one contiguous slice; the results keep the
    /// order of the elements. Runs inline when one worker (or one element) is enough.
    func concurrentMap<Output: Sendable>(
        workers: Int,
        _ transform: @escaping @Sendable (Element) -> Output
    ) async -> [Output] {
        let workers = Swift.min(workers, count)
        guard workers > 1 else { return map(transform) }
        let sliceSize = (count + workers - 1) / workers
        return await withTaskGroup(of: (Int, [Output]).self) { group in
            for worker in 0..<workers {
                let range = (worker * sliceSize)..<Swift.min(count, (worker + 1) * sliceSize)
                guard !range.isEmpty else { continue }
                let slice = self[range]
                group.addTask { (worker, slice.map(transform)) }
            }
            var parts = [[Output]](repeating: [], count: workers)
            for await (worker, outputs) in group { parts[worker] = outputs }
            return parts.flatMap { $0 }
        }
    }
}
