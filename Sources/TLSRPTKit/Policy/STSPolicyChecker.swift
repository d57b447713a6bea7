import Foundation

/// Validates an existing `mta-sts.txt` and says exactly what is wrong (`tlsrpt policy check`).
public enum STSPolicyChecker {
    /// One finding: an error makes senders reject or misread the policy; a warning does not.
    public struct Finding: Sendable, Equatable {
        public enum Severity: String, Sendable { case error, warning }
        public var severity: Severity
        /// 1-based line number, when the finding is about one line.
        public var line: Int?
        public var message: String
    }

    /// The result: the policy as senders would read it (when it is valid) and the findings.
    public struct Result: Sendable, Equatable {
        public var policy: STSPolicy?
        public var findings: [Finding]
        public var isValid: Bool { policy != nil && !findings.contains { $0.severity == .error } }
    }

    /// Senders are advised to refuse policies over 64 KiB (RFC 8461 §3.3).
    public static let maximumSize = 64 * 1024

    public static func check(_ bytes: [UInt8]) -> Result {
        var findings: [Finding] = []
        func error(_ message: String, line: Int? = nil) { findings.append(Finding(severity: .error, line: line, message: message)) }
        func warning(_ message: String, line: Int? = nil) { findings.append(Finding(severity: .warning, line: line, message: message)) }

        guard !bytes.isEmpty else {
            error("the file is empty: a policy needs version, mode, max_age and mx lines")
            return Result(policy: nil, findings: findings)
        }
        if bytes.count > maximumSize { error("the file is \(bytes.count) bytes; senders refuse policies over 64 KiB") }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            error("the file is not valid UTF-8")
            return Result(policy: nil, findings: findings)
        }
        var body = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            // Senders read the mark as part of the first key; report it once and read on without it.
            error("the file starts with a byte-order mark (EF BB BF), which senders read as part of the first key; save it without one", line: 1)
            body = body.dropFirst(3)
        }

        // Split the bytes on LF; a CR directly before it is part of a CRLF terminator. (Swift
        // treats "\r\n" as one Character, so splitting the String would not see it.) RFC 8461's
        // ABNF allows LF or CRLF after each line (sts-policy-term), mixed or not.
        var byteLines = body.split(separator: 0x0A, omittingEmptySubsequences: false)
        if byteLines.last?.isEmpty == true { byteLines.removeLast() }
        let rawLines = byteLines.map { line -> String in
            String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
        }

        var version: String?, mode: String?, maximumAge: String?
        var versionLine: Int?, modeLine: Int?, maximumAgeLine: Int?
        var patterns: [String] = []
        /// Keeps the first value of a key the grammar allows once; a repeat is an error.
        func once(_ key: String, _ value: String, _ number: Int, _ stored: inout String?, _ storedLine: inout Int?) {
            if let first = storedLine {
                error("\(key) appears again (first on line \(first)): RFC 8461 §3.2 allows it once; senders use the first", line: number)
            } else {
                stored = value
                storedLine = number
            }
        }
        for (index, rawLine) in rawLines.enumerated() {
            let number = index + 1
            let line = rawLine
            if line.unicodeScalars.contains("\r") { error("a bare CR is not a line terminator", line: number) }
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                error("blank line: the policy grammar has no empty lines", line: number)
                continue
            }
            if line.first == " " || line.first == "\t" { error("the line starts with white space", line: number) }
            guard let colon = line.firstIndex(of: ":") else {
                error("\"\(line.prefix(40))\" is not a key: value line", line: number)
                continue
            }
            let key = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if key.hasSuffix(" ") || key.hasSuffix("\t") { error("white space before the colon of \"\(key)\"", line: number) }
            switch key.trimmingCharacters(in: .whitespaces) {
            case "version":
                once("version", value, number, &version, &versionLine)
                if number != 1 { warning("version is not the first line", line: number) }
            case "mode":
                once("mode", value, number, &mode, &modeLine)
            case "max_age":
                once("max_age", value, number, &maximumAge, &maximumAgeLine)
            case "mx":
                if let problem = patternProblem(value) { error(problem, line: number) }
                patterns.append(value)
            case let other where other.lowercased() != other && ["version", "mode", "max_age", "mx"].contains(other.lowercased()):
                error("\"\(other)\" must be lowercase: keys are case-sensitive", line: number)
            default:
                warning("unknown key \"\(key)\" (ignored by senders)", line: number)
            }
        }
        if version == nil { error("version: STSv1 is missing") } else if version != "STSv1" {
            error("version must be STSv1, not \"\(version!)\"", line: versionLine)
        }
        let parsedMode = mode.flatMap(STSPolicy.Mode.init(rawValue:))
        if mode == nil { error("mode is missing") } else if parsedMode == nil {
            error("mode must be enforce, testing or none (lowercase), not \"\(mode!)\"", line: modeLine)
        }
        var parsedAge: Int64?
        if let maximumAge {
            if maximumAge.isEmpty || !maximumAge.allSatisfy({ $0.isASCII && $0.isNumber }) {
                error("max_age must be a whole number of seconds, not \"\(maximumAge)\"", line: maximumAgeLine)
            } else if maximumAge.count <= 10, let age = Int64(maximumAge), age <= STSPolicy.maximumAllowedAge {
                parsedAge = age
                if age < 86_400 { warning("max_age \(age) is under a day; RFC 8461 expects weeks or more", line: maximumAgeLine) }
            } else {
                error("max_age \(maximumAge) is above the maximum of 31557600 (one year)", line: maximumAgeLine)
            }
        } else {
            error("max_age is missing")
        }
        if patterns.isEmpty, parsedMode != STSPolicy.Mode.none { error("no mx line: at least one is required unless mode is none") }
        let policy = parsedMode.flatMap { mode in parsedAge.map { STSPolicy(mode: mode, mxPatterns: patterns, maximumAge: $0) } }
        return Result(policy: policy, findings: findings)
    }

    /// What is wrong with an `mx` value, or `nil` when it is a valid pattern.
    static func patternProblem(_ value: String) -> String? {
        if STSPolicy.isValidPattern(value) { return nil }
        if STSPolicy.looksLikeIPAddress(value) {
            return "mx \"\(value)\" is an IP address, not a host name: senders match the MX host names of the domain's MX records"
        }
        return "mx \"\(value)\" is not a valid pattern: a host name, or *. followed by one (the only wildcard allowed is a whole leftmost label)"
    }
}
