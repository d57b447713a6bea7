/// Groups of RFC 8460 §4.3 result types, as the readiness checks treat them.
public enum ResultTypes {
    /// Certificate problems on our side: under `enforce` this mail bounces.
    public static let certificate: Set<String> = [
        "certificate-expired", "certificate-host-mismatch", "certificate-not-trusted",
    ]
    /// Senders could not fetch or validate the MTA-STS policy.
    public static let policyFetch: Set<String> = ["sts-policy-fetch-error", "sts-policy-invalid", "sts-webpki-invalid"]
    /// DANE failures: not relevant to MTA-STS.
    public static let dane: Set<String> = ["tlsa-invalid", "dnssec-invalid", "dane-required"]
}
