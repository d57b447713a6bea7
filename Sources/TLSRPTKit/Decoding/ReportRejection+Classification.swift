extension ReportRejection.Kind {
    /// The kind of a rejection from its stored reason, for rejects stored before kinds were
    /// exported (the store keeps the reason, not the kind).
    ///
    /// Matches the sentences the decoder writes (``ReportRejection/reason``) for every kind but
    /// ``invalidReport``, which is also the kind of any reason it does not recognise: that is the
    /// default kind of a rejection, the one whose reasons vary most (a field named, a value quoted).
    ///
    /// ```swift
    /// ReportRejection.Kind(classifyingReason: "the gzip data is truncated")   // .badCompression
    /// ```
    public init(classifyingReason reason: String?) {
        guard let reason else {
            self = .invalidReport
            return
        }
        if Self.emptyReasons.contains(reason) {
            self = .empty
        } else if Self.tooLargePrefixes.contains(where: reason.hasPrefix) || Self.isInputTooLarge(reason) {
            self = .tooLarge
        } else if reason.hasPrefix("the gzip data is ") {
            self = .badCompression
        } else if Self.notAReportPrefixes.contains(where: reason.hasPrefix) {
            self = .notAReport
        } else if reason.hasPrefix("not JSON: ") {
            self = .badJSON
        } else {
            self = .invalidReport
        }
    }

    private static let emptyReasons: Set<String> = ["the input is empty", "the report is empty"]

    private static let tooLargePrefixes = [
        "the report is larger than ", "the report decompresses to more than ", "the file is larger than the ",
        "the message nests MIME parts deeper than ", "the message has more than ",
    ]

    /// `the message is N bytes, larger than the … accepted` (a message in an mbox).
    private static func isInputTooLarge(_ reason: String) -> Bool {
        reason.hasPrefix("the message is ") && reason.contains(" bytes, larger than the ")
    }

    /// Checked before `not JSON: `, which is also how a JSON syntax error starts.
    private static let notAReportPrefixes = [
        "not a report", "not a TLS report: the JSON has ", "zip archives are not supported",
        "not gzip: starts with ", "not JSON: starts with ",
    ]
}
