/// Decides what `tlsrpt policy DOMAIN` emits, from the request and the readiness analysis: the
/// publication or a refusal, and the lines to print on standard error (warnings, reasons).
///
/// The `mx` lines come from `--mx` or from the policy at least two reporting organisations saw
/// (``ReadinessReport/policySeen`` when corroborated), never from a single report: anyone can mail
/// one to the `rua` address. Patterns only one organisation claims are named in a warning.
public enum PublicationPlanner {
    /// The request cannot be served as given (exit status 2): no patterns are known.
    public struct Problem: Error, Equatable, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The decision.
    public struct Plan: Sendable, Equatable {
        /// The publication, or `nil` when refused.
        public var publication: PolicyPublication?
        /// The exit status of a refusal (the readiness verdict's), 0 otherwise.
        public var exitStatus: Int32
        /// Lines for standard error, without terminators.
        public var messages: [String]
    }

    /// Decides what to emit for `request`, given the readiness analysis of its domain.
    ///
    /// - Returns: the publication and warnings, or (for an enforce policy with failing checks and
    ///   no `--force`) no publication, the verdict's exit status and the reasons.
    /// - Throws: ``Problem`` when no `mx` pattern can be published: none was given, and no policy
    ///   was reported by at least two organisations.
    public static func plan(_ request: PublicationRequest, readiness: ReadinessReport) throws(Problem) -> Plan {
        let domain = TerminalText.sanitized(request.domain)
        let blocking = request.mode == .enforce ? blockingChecks(readiness) : []
        if !blocking.isEmpty, !request.force {
            return Plan(
                publication: nil, exitStatus: readiness.verdict.exitStatus,
                messages: refusal(readiness, blocking: blocking, domain: domain))
        }
        let patterns = try patterns(for: request, readiness: readiness)
        var messages = unconfirmedWarnings(readiness, keeping: patterns)
        if !blocking.isEmpty {
            messages.append(
                "warning: --force overrides the readiness verdict: \(domain) is \(readiness.verdict.rawValue), and these checks do not pass:"
            )
            messages += blocking.map { "  \($0.id): \(TerminalText.sanitized($0.message))" }
        }
        let maximumAge = request.maximumAge ?? PolicyPublication.defaultMaximumAge(for: request.mode)
        if request.mode == .enforce { messages += maximumAgeWarnings(maximumAge) }
        let publication = PolicyPublication(
            domain: request.domain,
            policy: STSPolicy(mode: request.mode, mxPatterns: patterns, maximumAge: maximumAge),
            id: PolicyPublication.newID(at: request.now, differentFrom: request.currentID ?? request.published?.id),
            reportingAddress: request.reportingAddress,
            previousMaximumAge: [readiness.policySeen?.maximumAge, request.published?.maximumAge].compactMap { $0 }.max()
        )
        return Plan(publication: publication, exitStatus: 0, messages: messages)
    }

    /// `--mx`, else the patterns of the corroborated policy; for `none` no pattern is needed.
    static func patterns(for request: PublicationRequest, readiness: ReadinessReport) throws(Problem) -> [String] {
        if !request.mxPatterns.isEmpty { return request.mxPatterns }
        let domain = TerminalText.sanitized(request.domain)
        guard let seen = readiness.policySeen, !seen.mxPatterns.isEmpty else {
            if request.mode == .none { return [] }
            throw Problem(description: "No mx patterns are known for \(domain) from its reports; give them with --mx.")
        }
        guard seen.isCorroborated else {
            if request.mode == .none { return [] }
            let source = TerminalText.sanitized(seen.organizations.joined(separator: ", "))
            let listed = TerminalText.sanitized(seen.mxPatterns.joined(separator: ", "))
            throw Problem(
                description:
                    "Only \(source) reported a policy for \(domain) (mx \(listed)); a single reporter is not enough "
                    + "to publish from, as anyone can mail a report. Give the patterns with --mx.")
        }
        return seen.mxPatterns
    }

    /// The checks that stand in the way of an enforce policy: none when the domain is ready, or
    /// already enforced with no failing check (an update, e.g. a new MX); else the failing checks,
    /// and the data check when data is insufficient.
    static func blockingChecks(_ readiness: ReadinessReport) -> [ReadinessCheck] {
        let failing = readiness.checks.filter { $0.status == .fail }
        switch readiness.verdict {
        case .ready: return []
        case .enforced, .notReady: return failing
        case .insufficientData: return failing + readiness.checks.filter { $0.id == .data }
        }
    }

    static func refusal(_ readiness: ReadinessReport, blocking: [ReadinessCheck], domain: String) -> [String] {
        var lines = ["refusing to emit an enforce policy: \(domain) is \(readiness.verdict.rawValue)"]
        if readiness.verdict == .enforced { lines[0] += ", and these checks fail under the enforced policy" }
        lines += blocking.map { "  \($0.id): \(TerminalText.sanitized($0.message))" }
        lines.append("run `tlsrpt readiness \(domain)\(asOfArgument(readiness))` for the evidence, or add --force")
        return lines
    }

    /// ` --as-of DAY` when the user chose the day, so a suggested command gives the same answer.
    static func asOfArgument(_ readiness: ReadinessReport) -> String {
        readiness.asOfIsExplicit ? " --as-of \(Timestamp.formatDay(readiness.asOfDay))" : ""
    }

    /// Warnings about an enforce `max_age` that protects little or nothing.
    static func maximumAgeWarnings(_ maximumAge: Int64) -> [String] {
        if maximumAge == 0 {
            return [
                "warning: max_age 0 with mode enforce: senders may not keep the policy at all, so it protects no mail "
                    + "from a downgrade; use weeks, e.g. --max-age 2592000."
            ]
        }
        if maximumAge < 604_800 {
            return [
                "warning: max_age \(maximumAge) with mode enforce is under one week: senders refetch often and a fetch "
                    + "failure exposes mail to downgrade; RFC 8461 expects weeks, e.g. --max-age 2592000."
            ]
        }
        return []
    }

    /// One warning per pattern a single organisation claims that the emitted policy leaves out.
    static func unconfirmedWarnings(_ readiness: ReadinessReport, keeping patterns: [String]) -> [String] {
        readiness.unconfirmedPatterns.filter { !patterns.contains($0.pattern) }.map { claim in
            "warning: mx \(TerminalText.sanitized(claim.pattern)) is listed only in reports from \(TerminalText.sanitized(claim.organization)) "
                + "(last \(Timestamp.formatDay(claim.lastSeenDay))), not in the policy other reporters saw, so it is not in this policy. "
                + "Reports can be forged: add it with --mx only if it is your MX host."
        }
    }
}
