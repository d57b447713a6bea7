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

    public static func plan(_ request: PublicationRequest, readiness: ReadinessReport) throws(Problem) -> Plan {
        let domain = TerminalText.sanitized(request.domain)
        if request.mode == .enforce, readiness.verdict != .ready, !request.force {
            return Plan(publication: nil, exitStatus: readiness.verdict.exitStatus, messages: refusal(readiness, domain: domain))
        }
        let patterns = try patterns(for: request, readiness: readiness)
        let messages = unconfirmedWarnings(readiness, keeping: patterns)
        let maximumAge = request.maximumAge ?? PolicyPublication.defaultMaximumAge(for: request.mode)
        let publication = PolicyPublication(
            domain: request.domain,
            policy: STSPolicy(mode: request.mode, mxPatterns: patterns, maximumAge: maximumAge),
            id: PolicyPublication.newID(at: request.now, differentFrom: request.currentID),
            reportingAddress: request.reportingAddress,
            previousMaximumAge: readiness.policySeen?.maximumAge
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
            throw Problem(description: "Only \(source) reported a policy for \(domain) (mx \(listed)); a single reporter is not enough "
                + "to publish from, as anyone can mail a report. Give the patterns with --mx.")
        }
        return seen.mxPatterns
    }

    static func refusal(_ readiness: ReadinessReport, domain: String) -> [String] {
        var lines = ["refusing to emit an enforce policy: \(domain) is \(readiness.verdict.rawValue)"]
        for check in readiness.checks where check.status == .fail || (readiness.verdict == .insufficientData && check.id == "data") {
            lines.append("  \(check.id): \(TerminalText.sanitized(check.message))")
        }
        if readiness.verdict == .enforced { lines.append("  the policy reporters see is already in mode enforce") }
        lines.append("run `tlsrpt readiness \(domain)` for the evidence, or add --force")
        return lines
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
