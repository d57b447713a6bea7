import Foundation

/// An independent, deliberately simple re-statement of the export rules, used as the test oracle:
/// from a report's original JSON, what `tlsrpt export` must print for it.
enum ExpectedExport {
    /// The expected export object (without `x-tlsrpt`) for the original report JSON.
    static func object(fromOriginal json: [String: Any], fallbackDomain: String?) -> [String: Any] {
        var result: [String: Any] = [:]
        result["organization-name"] = json["organization-name"]
        result["report-id"] = json["report-id"]
        if let contact = json["contact-info"] as? String, !contact.isEmpty { result["contact-info"] = contact }
        let range = json["date-range"] as? [String: Any] ?? [:]
        result["date-range"] = [
            "start-datetime": utc(range["start-datetime"] as? String ?? ""),
            "end-datetime": utc(range["end-datetime"] as? String ?? ""),
        ]
        let policies = json["policies"] as? [[String: Any]] ?? []
        result["policies"] = policies.map { entry -> [String: Any] in
            let policy = entry["policy"] as? [String: Any] ?? [:]
            let type = (policy["policy-type"] as? String ?? "").lowercased()
            var strings = list(policy["policy-string"]).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if type == "tlsa" {
                strings = strings.flatMap { line -> [String] in
                    if line.hasPrefix("["), let decoded = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String] {
                        return decoded
                    }
                    return [line]
                }
            }
            var hosts = list(policy["mx-host"]).map(domain)
            if hosts.isEmpty, type == "sts" {
                hosts = strings.compactMap { line in
                    let parts = line.split(separator: ":", maxSplits: 1)
                    guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == "mx" else { return nil }
                    return domain(String(parts[1]))
                }
            }
            var exportedPolicy: [String: Any] = ["policy-type": type, "policy-string": strings, "mx-host": hosts]
            if let policyDomain = (policy["policy-domain"] as? String).map(domain) ?? fallbackDomain {
                exportedPolicy["policy-domain"] = policyDomain
            }
            let summary = entry["summary"] as? [String: Any] ?? [:]
            let details = (entry["failure-details"] as? [[String: Any]] ?? []).map { detail -> [String: Any] in
                var exported: [String: Any] = [:]
                for key in ["result-type", "sending-mta-ip", "receiving-mx-hostname", "receiving-mx-helo", "receiving-ip",
                    "additional-information", "failure-reason-code"]
                {
                    if let value = detail[key] as? String, !value.isEmpty {
                        switch key {
                        case "receiving-mx-hostname": exported[key] = domain(value)
                        case "sending-mta-ip", "receiving-ip": exported[key] = ipAddress(value)
                        default: exported[key] = value
                        }
                    }
                }
                if let misspelled = detail["receiving-mx-host-name"] as? String, !misspelled.isEmpty {
                    exported["receiving-mx-hostname"] = domain(misspelled)
                }
                exported["failed-session-count"] = count(detail["failed-session-count"])
                return exported
            }
            return [
                "policy": exportedPolicy,
                "summary": [
                    "total-successful-session-count": count(summary["total-successful-session-count"]),
                    "total-failure-session-count": count(summary["total-failure-session-count"]),
                ],
                "failure-details": details,
            ]
        }
        return result
    }

    private static func list(_ value: Any?) -> [String] {
        if let single = value as? String { return single.isEmpty ? [] : [single] }
        return (value as? [Any] ?? []).compactMap { $0 as? String }.filter { !$0.isEmpty }
    }

    private static func count(_ value: Any?) -> Int {
        if let number = value as? Int { return number }
        if let text = value as? String { return Int(text) ?? -1 }
        return 0
    }

    private static func domain(_ text: String) -> String {
        var name = text.trimmingCharacters(in: .whitespaces).lowercased()
        while name.hasSuffix(".") { name.removeLast() }
        return name
    }

    /// RFC 3339 (or zone-less) date-time as UTC `YYYY-MM-DDTHH:MM:SSZ`, through Foundation's parser.
    static func utc(_ text: String) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        let withZone = text.hasSuffix("Z") || text.range(of: #"[+-]\d\d:?\d\d$"#, options: .regularExpression) != nil
            ? text : text + "Z"
        var date = formatter.date(from: withZone)
        if date == nil {
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            date = formatter.date(from: withZone)
        }
        guard let date else { return "unparseable: \(text)" }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Whether two JSON values are equal, comparing numbers by value.
    static func equal(_ left: Any?, _ right: Any?) -> Bool {
        switch (left, right) {
        case (nil, nil): return true
        case (let left as [String: Any], let right as [String: Any]):
            return Set(left.keys) == Set(right.keys) && left.keys.allSatisfy { equal(left[$0], right[$0]) }
        case (let left as [Any], let right as [Any]):
            return left.count == right.count && zip(left, right).allSatisfy { equal($0, $1) }
        case (let left as String, let right as String): return left == right
        case (let left as NSNumber, let right as NSNumber): return left == right
        default: return false
        }
    }

    /// An IPv6 address as the C library's `inet_ntop` writes it (RFC 5952 form), an independent
    /// implementation of the normaliser's; anything else (IPv4, a zone index, junk) as written.
    static func ipAddress(_ text: String) -> String {
        guard text.contains(":") else { return text }
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return text }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count)) != nil else { return text }
        return String(cString: buffer)
    }
}
