import GRDB

/// Turning rows back into the model: shared by export and the analyses. Rows must come from
/// cursors: texts are read whole with ``StoredText``.
extension SQLiteReportStore {
    /// The columns every failure-detail query selects, in this order.
    static let failureDetailColumns = """
        result_type, sending_mta_ip, receiving_mx_hostname, receiving_mx_helo, receiving_ip,
        failure_detail.failed_sessions, additional_information, failure_reason_code
        """

    /// A failure detail from ``failureDetailColumns`` starting at column `first`.
    static func failureDetail(from row: Row, startingAt first: Int) -> TLSReport.FailureDetail {
        TLSReport.FailureDetail(
            resultType: row.text(first),
            sendingMTAIP: row.optionalText(first + 1),
            receivingMXHostname: row.optionalText(first + 2),
            receivingMXHelo: row.optionalText(first + 3),
            receivingIP: row.optionalText(first + 4),
            failedSessionCount: row[first + 5],
            additionalInformation: row.optionalText(first + 6),
            failureReasonCode: row.optionalText(first + 7)
        )
    }

    /// A policy entry (without its failure details) from the columns `policy_type, policy_domain,
    /// policy_strings, mx_hosts, successful_sessions, failed_sessions` starting at `first`.
    static func policy(from row: Row, startingAt first: Int) throws -> TLSReport.Policy {
        TLSReport.Policy(
            policyType: TLSReport.PolicyType(row.text(first)),
            policyDomain: row.text(first + 1),
            policyStrings: try stringArray(row.text(first + 2)),
            mxHosts: try stringArray(row.text(first + 3)),
            successfulSessionCount: row[first + 4],
            failedSessionCount: row[first + 5],
            failureDetails: []
        )
    }

    /// Reads back a JSON array of strings the writer stored.
    static func stringArray(_ text: String) throws -> [String] {
        guard let strings = JSONValue.stringArray(text) else {
            throw DatabaseError(message: "a stored list is not a JSON array of strings: \(text.prefix(40))")
        }
        return strings
    }
}
