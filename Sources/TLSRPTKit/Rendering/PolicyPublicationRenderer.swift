/// Text and JSON for `tlsrpt policy` and `tlsrpt policy check`.
public enum PolicyPublicationRenderer {
    /// The policy file, the zone lines and the publishing steps for people. Comments and steps wrap
    /// to `columns`; the policy file and zone lines are printed whole, so they can be copied.
    public static func text(_ publication: PolicyPublication, columns: Int = TextWrapping.defaultColumns) -> String {
        func comment(_ text: String) -> String {
            TextWrapping.wrapped(text, columns: columns, firstIndent: "# ", indent: "#   ").joined(separator: "\n") + "\n"
        }
        var text = comment(publication.policyURL)
        text += comment("Serve as Content-Type: text/plain with CRLF line endings (shown here with LF; --output writes CRLF)")
        text += publication.policy.fileText.replacingOccurrences(of: "\r\n", with: "\n")
        text += "\n" + comment("DNS records (zone file)") + publication.zoneSnippet
        text += "\n" + comment("Publishing steps")
        for (index, step) in publication.checklist.enumerated() {
            let number = "\(index + 1). "
            text += TextWrapping.wrapped(step, columns: columns, firstIndent: number, indent: String(repeating: " ", count: number.count))
                .joined(separator: "\n") + "\n"
        }
        return text
    }

    public static func json(_ publication: PolicyPublication, verdict: ReadinessVerdict) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.string("domain", publication.domain)
        writer.string("mode", publication.policy.mode.rawValue)
        writer.strings("mx", publication.policy.mxPatterns)
        writer.integer("max_age", publication.policy.maximumAge)
        writer.string("id", publication.id)
        writer.string("policy_url", publication.policyURL)
        writer.string("policy_file", publication.policy.fileText)
        writer.string("mta_sts_record", publication.mtaSTSRecord)
        writer.string("tlsrpt_record", publication.tlsrptRecord)
        writer.strings("checklist", publication.checklist)
        writer.string("readiness_verdict", verdict.rawValue)
        writer.endObject()
        return writer.text + "\n"
    }

    public static func checkResult(_ result: STSPolicyChecker.Result, file: String, json: Bool) -> String {
        let safeFile = TerminalText.sanitized(file)
        if json {
            var writer = JSONWriter()
            writer.beginObject()
            writer.string("file", file)
            writer.boolean("valid", result.isValid)
            if let policy = result.policy {
                writer.beginObject("policy")
                writer.string("mode", policy.mode.rawValue)
                writer.strings("mx", policy.mxPatterns)
                writer.integer("max_age", policy.maximumAge)
                writer.endObject()
            }
            writer.beginArray("findings")
            for finding in result.findings {
                writer.beginObject()
                writer.string("severity", finding.severity.rawValue)
                if let line = finding.line { writer.integer("line", Int64(line)) }
                writer.string("message", finding.message)
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
            return writer.text + "\n"
        }
        var text = ""
        for finding in result.findings {
            let location = finding.line.map { "\(safeFile):\($0)" } ?? safeFile
            text += "\(location): \(finding.severity.rawValue): \(TerminalText.sanitized(finding.message))\n"
        }
        if result.isValid, let policy = result.policy {
            text += "\(safeFile): valid: mode \(policy.mode.rawValue), \(Wording.count(policy.mxPatterns.count, "mx pattern")), max_age \(policy.maximumAge)\n"
        } else {
            text += "\(safeFile): invalid\n"
        }
        return text
    }
}
