import Foundation

/// Builds multi-week report datasets for one domain, writes them as report files and ingests
/// them with the built binary.
struct Dataset {
    struct Failure {
        var resultType: String
        var mx: String
        var sessions: Int
        var ip = "192.0.2.10"
    }

    let domain: String
    /// The last day of the dataset, `YYYY-MM-DD`.
    let lastDay: String
    var reports: [[String: Any]] = []

    init(domain: String, lastDay: String = "2026-11-28") {
        self.domain = domain
        self.lastDay = lastDay
    }

    /// `YYYY-MM-DD` of `daysAgo` days before ``lastDay``.
    func day(_ daysAgo: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        let last = formatter.date(from: lastDay)!
        return formatter.string(from: last.addingTimeInterval(Double(-daysAgo) * 86_400))
    }

    static func stsStrings(mode: String, patterns: [String], maxAge: Int = 604_800) -> [String] {
        ["version: STSv1", "mode: \(mode)"] + patterns.map { "mx: \($0)" } + ["max_age: \(maxAge)"]
    }

    /// Adds one report per organisation per day, for the days `daysAgo` (inclusive ranges).
    mutating func addDaily(
        days: ClosedRange<Int>,
        organizations: [String] = ["Google Inc.", "Microsoft Corporation", "Mail.ru"],
        mode: String = "testing",
        patterns: [String]? = nil,
        policyType: String = "sts",
        successful: Int = 300,
        microsoftDoublesTLSA: Bool = false,
        failures: (Int, String) -> [Failure] = { _, _ in [] }
    ) {
        let patterns = patterns ?? ["mx1.\(domain)", "mx2.\(domain)"]
        for daysAgo in days {
            for organization in organizations {
                let failureList = failures(daysAgo, organization)
                let failed = failureList.reduce(0) { $0 + $1.sessions }
                var policy: [String: Any] = ["policy-type": policyType, "policy-domain": domain]
                if policyType == "sts" { policy["policy-string"] = Self.stsStrings(mode: mode, patterns: patterns) }
                let details = failureList.map { failure -> [String: Any] in
                    ["result-type": failure.resultType, "sending-mta-ip": failure.ip, "receiving-mx-hostname": failure.mx,
                     "failed-session-count": failure.sessions]
                }
                var entries: [[String: Any]] = [[
                    "policy": policy,
                    "summary": ["total-successful-session-count": successful, "total-failure-session-count": failed],
                    "failure-details": details,
                ]]
                if microsoftDoublesTLSA, organization == "Microsoft Corporation" {
                    entries.append([
                        "policy": ["policy-type": "tlsa", "policy-domain": domain, "policy-string": ["[\"3 1 1 ABCDEF\"]"]],
                        "summary": ["total-successful-session-count": successful, "total-failure-session-count": failed],
                        "failure-details": details,
                    ])
                }
                let date = day(daysAgo)
                reports.append([
                    "organization-name": organization,
                    "date-range": ["start-datetime": "\(date)T00:00:00Z", "end-datetime": "\(date)T23:59:59Z"],
                    "contact-info": "tlsrpt@reporter.example",
                    "report-id": "\(date)_\(domain)_\(organization)",
                    "policies": entries,
                ])
            }
        }
    }

    /// Writes the reports into `directory/reports` and ingests them into the directory's database.
    func ingest(into directory: TemporaryDirectory) throws {
        let folder = directory.url.appendingPathComponent("reports-\(domain)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (index, report) in reports.enumerated() {
            let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
            try data.write(to: folder.appendingPathComponent("report-\(index).json"))
        }
        let result = try CommandRunner.run(["ingest", "--quiet", "--database", directory.database, folder.path])
        guard result.status == 0 else { throw CocoaError(.fileReadCorruptFile, userInfo: ["stderr": result.standardError]) }
    }
}
