/// The versions of a domain's MTA-STS policy that reporters copied into their reports, and which
/// of them independent reporters agree on.
///
/// Anyone can mail a report to a domain's `rua` address, so one report is a claim, not evidence:
/// a forged report can list `mx: mx.attacker.example`. A version counts as the policy the domain
/// publishes only when at least two reporting organisations (by `organization-name`) saw it.
struct PolicyVersions {
    /// One distinct policy: mode, `max_age` and the set of `mx` patterns.
    struct Version {
        var key: Key
        var organizations: Set<String>
        /// The most recent tally showing this version.
        var latest: PolicyTally
    }

    struct Key: Hashable {
        var mode: String?
        var maximumAge: Int64?
        var patterns: [String]
    }

    /// The least number of organisations that must have seen a version for it to count.
    static let minimumOrganizations = 2

    let versions: [Version]

    /// Groups the `sts` entries that copied a `policy-string`.
    init(tallies: ArraySlice<PolicyTally>) {
        // Versions are changed in place in an array: a copy taken out of a dictionary and put back
        // would copy its set of organisations for every entry.
        var indexByKey: [Key: Int] = [:]
        var found: [Version] = []
        var keys = PolicyTextMemo<Key>()
        for tally in tallies where tally.policy.policyType == .sts && !tally.policy.policyStrings.isEmpty {
            let key = keys.value(for: tally.policy, Self.key)
            if let index = indexByKey[key] {
                found[index].organizations.insert(tally.organizationName)
                if Self.isLater(tally, than: found[index].latest) { found[index].latest = tally }
            } else {
                indexByKey[key] = found.count
                found.append(Version(key: key, organizations: [tally.organizationName], latest: tally))
            }
        }
        versions = found.sorted { Self.isLater($1.latest, than: $0.latest) }
    }

    /// The version an entry shows: mode, `max_age` and the set of `mx` patterns, lowercased.
    static func key(_ policy: TLSReport.Policy) -> Key {
        Key(mode: policy.stsMode, maximumAge: policy.stsMaximumAge, patterns: Set(policy.mxHosts.map { $0.lowercased() }).sorted())
    }

    /// Later by the reports' time: their start day, then their latest end time; the storage
    /// order only breaks ties, so the order is the same however often it is read.
    static func isLater(_ tally: PolicyTally, than other: PolicyTally) -> Bool {
        (tally.day, tally.latestEndTime, tally.order) > (other.day, other.latestEndTime, other.order)
    }

    /// The most recent version seen by at least ``minimumOrganizations`` organisations.
    var agreed: Version? {
        versions.last { $0.organizations.count >= Self.minimumOrganizations }
    }

    /// The most recent version, whoever saw it.
    var latest: Version? { versions.last }

    /// The `mx` patterns that a single organisation claims and the agreed version does not list:
    /// empty when no version is agreed (then every pattern has a single source).
    var unconfirmedPatterns: [ReadinessReport.UnconfirmedPattern] {
        guard let agreed else { return [] }
        var claims: [String: (organizations: Set<String>, lastDay: Int64)] = [:]
        for version in versions {
            for pattern in version.key.patterns {
                var claim = claims[pattern] ?? ([], version.latest.day)
                claim.organizations.formUnion(version.organizations)
                claim.lastDay = max(claim.lastDay, version.latest.day)
                claims[pattern] = claim
            }
        }
        return claims.compactMap { pattern, claim in
            guard claim.organizations.count == 1, !agreed.key.patterns.contains(pattern),
                let organization = claim.organizations.first
            else { return nil }
            return ReadinessReport.UnconfirmedPattern(
                pattern: pattern, organization: organization, lastSeenDay: claim.lastDay)
        }.sorted { $0.pattern < $1.pattern }
    }
}
