import Foundation

/// Builds report JSON for tests: small, valid RFC 8460 reports with chosen values.
public enum ReportFactory {
    public static func json(
        organization: String = "Example Reporter",
        reportID: String,
        domain: String = "example.com",
        day: String = "2026-11-01",
        successful: Int = 10,
        failed: Int = 0,
        resultType: String = "certificate-expired"
    ) -> Data {
        var policy: [String: Any] = [
            "policy": [
                "policy-type": "sts",
                "policy-string": ["version: STSv1", "mode: testing", "mx: mx.\(domain)", "max_age: 86400"],
                "policy-domain": domain,
                "mx-host": ["mx.\(domain)"],
            ],
            "summary": ["total-successful-session-count": successful, "total-failure-session-count": failed],
        ]
        if failed > 0 {
            policy["failure-details"] = [
                [
                    "result-type": resultType, "sending-mta-ip": "192.0.2.1", "receiving-mx-hostname": "mx.\(domain)",
                    "failed-session-count": failed,
                ]
            ]
        }
        let report: [String: Any] = [
            "organization-name": organization,
            "date-range": ["start-datetime": "\(day)T00:00:00Z", "end-datetime": "\(day)T23:59:59Z"],
            "contact-info": "tlsrpt@reporter.example",
            "report-id": reportID,
            "policies": [policy],
        ]
        return try! JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
    }

    /// `data` gzip-compressed by the system's gzip (an independent implementation of ours).
    public static func gzip(_ data: Data) throws -> Data {
        try systemGzip(["-cn"], data)
    }

    /// `data` decompressed by the system's gzip when it is gzip, else `data` itself.
    public static func gunzip(_ data: Data) throws -> Data {
        data.starts(with: [0x1F, 0x8B]) ? try systemGzip(["-dc"], data) : data
    }

    private static func systemGzip(_ arguments: [String], _ data: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = arguments
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let collector = OutputCollector(output.fileHandleForReading)
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return collector.wait()
    }

    /// An RFC 8460 §5.3 e-mail carrying `report` as a base64 `application/tlsrpt+gzip` attachment.
    public static func message(carrying gzipped: Data, messageID: String, domain: String = "example.com") -> Data {
        let base64 = gzipped.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let text = """
            From: noreply-smtp-tls-reporting@reporter.example\r
            To: tlsrpt@\(domain)\r
            Subject: Report Domain: \(domain) Submitter: reporter.example Report-ID: <\(messageID)>\r
            Date: Sun, 01 Nov 2026 10:00:00 +0000\r
            Message-ID: <\(messageID)>\r
            TLS-Report-Domain: \(domain)\r
            TLS-Report-Submitter: reporter.example\r
            MIME-Version: 1.0\r
            Content-Type: multipart/report; boundary="BOUNDARY"; report-type=tlsrpt\r
            \r
            --BOUNDARY\r
            Content-Type: text/plain; charset=UTF-8\r
            \r
            This is a TLS report.\r
            --BOUNDARY\r
            Content-Type: application/tlsrpt+gzip; name="reporter.example!\(domain)!1761955200!1762041599.json.gz"\r
            Content-Transfer-Encoding: base64\r
            Content-Disposition: attachment; filename="reporter.example!\(domain)!1761955200!1762041599.json.gz"\r
            \r
            \(base64)\r
            --BOUNDARY--\r

            """
        return Data(text.utf8)
    }
}
