import TLSRPTKit

/// The next step for a domain, as `tlsrpt policy` would emit it: enforce when ready, a rollback to
/// testing when an enforced policy has failing checks, otherwise why enforcing is refused.
struct NextStep {
    /// A sentence for people.
    var text: String
    /// The command to run.
    var command: String
    /// What the command prints on standard error (warnings, reasons for a refusal).
    var messages: [String]
    /// What it prints on standard output (the policy file, the DNS records, the steps), when it emits.
    var output: String?

    init(domain: String, readiness: ReadinessReport, store: any ReportReading, now: Int64) {
        let failing = readiness.checks.contains { $0.status == .fail }
        let mode: STSPolicy.Mode
        switch readiness.verdict {
        case .ready:
            mode = .enforce
            text = "Every check passes: publish this enforce policy, then the new _mta-sts record."
        case .enforced where failing:
            mode = .testing
            text = "The policy is enforced but checks fail, so mail is being refused: roll back to testing while you fix them."
        case .enforced:
            mode = .enforce
            text = "The policy is enforced and every check passes; this is the same policy with a new id, for an update."
        case .notReady, .insufficientData:
            mode = .enforce
            text = "Enforcing is refused until the checks pass; `tlsrpt policy` says why:"
        }
        command = "tlsrpt policy \(TerminalText.sanitized(domain)) --mode \(mode.rawValue)"
            + (readiness.asOfIsExplicit ? " --as-of " + Timestamp.formatDay(readiness.asOfDay) : "")
        let published = try? store.publishedPolicy(domain: domain)
        let request = PublicationRequest(domain: domain, mode: mode, now: now, published: published ?? nil)
        do {
            let plan = try PublicationPlanner.plan(request, readiness: readiness)
            messages = plan.messages
            output = plan.publication.map { PolicyPublicationRenderer.text($0, columns: 100) }
        } catch {
            messages = [error.description]
            output = nil
        }
    }
}
