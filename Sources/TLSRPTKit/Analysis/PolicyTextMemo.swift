/// Remembers what was computed from a policy entry's `policy-string` and `mx-host` lists, by the
/// identity of their storage: the store shares one pair of arrays among every entry that copied
/// the same policy text (`policyTallies`), so a million entries parse a handful of texts, not a
/// million. Entries with equal lists in different storage only miss the memo and are computed
/// again, with the same result; storage stays alive, so unchanged, while the tallies are held.
struct PolicyTextMemo<Value> {
    private var values: [Identity: Value] = [:]

    private struct Identity: Hashable {
        var strings: UnsafeRawPointer?
        var stringCount: Int
        var hosts: UnsafeRawPointer?
        var hostCount: Int
    }

    /// `compute(policy)`, computed once per storage of its lists.
    mutating func value(for policy: TLSReport.Policy, _ compute: (TLSReport.Policy) -> Value) -> Value {
        let identity = Identity(
            strings: policy.policyStrings.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) },
            stringCount: policy.policyStrings.count,
            hosts: policy.mxHosts.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) },
            hostCount: policy.mxHosts.count)
        if let known = values[identity] { return known }
        let value = compute(policy)
        values[identity] = value
        return value
    }
}
