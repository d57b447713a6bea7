import Foundation
import TLSRPTTestSupport
import Testing

/// Issue #13, injection: every string of a report is a stranger's. Terminal escapes never reach
/// a text output (nor an error or a log line), CSV cells never start a formula, SQL never runs
/// what a reporter wrote, and an attachment's file name is never a path.
@Suite("hostile strings: terminal, CSV, SQL, logs and file names")
struct InjectionTests {
    /// Escapes a terminal acts on: an OSC title change, a colour, a carriage return that rewrites
    /// the line, a backspace, a C1 CSI, a right-to-left override and a line break.
    static let hostile = "\u{1B}]0;pwned\u{7}\u{1B}[31mred\rX\u{8}\u{9B}2J\u{202E}evil\nforged: line"

    /// A report with `hostile` in every string a reporter writes (the session counts and the
    /// sending IP must stay valid, or the report is rejected before anything is shown).
    static func hostileReport(domain: String, reportID: String) -> Data {
        let failure: [String: Any] = [
            "result-type": "certificate-expired" + hostile,
            "sending-mta-ip": "192.0.2.1",
            "receiving-mx-hostname": "mx." + hostile + ".example",
            "receiving-mx-helo": hostile,
            "receiving-ip": "198.51.100.7",
            "failed-session-count": 5,
            "additional-information": "https://" + hostile,
            "failure-reason-code": hostile,
        ]
        let policy: [String: Any] = [
            "policy": [
                "policy-type": "sts",
                "policy-string": ["version: STSv1", "mode: testing", "mx: mx." + hostile, "max_age: 86400"],
                "policy-domain": domain,
                "mx-host": ["mx." + hostile],
            ],
            "summary": ["total-successful-session-count": 100, "total-failure-session-count": 5],
            "failure-details": [failure],
        ]
        let report: [String: Any] = [
            "organization-name": "Org " + hostile,
            "date-range": ["start-datetime": "2026-11-01T00:00:00Z", "end-datetime": "2026-11-01T23:59:59Z"],
            "contact-info": "mailto:" + hostile,
            "report-id": reportID + hostile,
            "policies": [policy],
        ]
        return try! JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
    }

    /// The characters of `text` a terminal would act on: C0 controls but line feed and tab (and a
    /// CR that ends a CRLF line), DEL, C1 controls and bidirectional controls.
    static func unsafeScalars(in text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var found: [String] = []
        for (index, scalar) in scalars.enumerated() {
            let value = scalar.value
            if value == 0x0A || value == 0x09 { continue }
            if value == 0x0D, index + 1 < scalars.count, scalars[index + 1] == "\n" { continue }
            if value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
                || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F
            {
                let context = String(String.UnicodeScalarView(scalars[max(0, index - 20)..<index]))
                found.append(String(format: "U+%04X after %@", value, context.debugDescription))
            }
        }
        return found
    }

    /// A database holding two hostile reports (one with a hostile policy domain) and one hostile
    /// rejected input, whose file name is hostile too.
    static func hostileDatabase(_ directory: TemporaryDirectory) throws {
        try directory.write(hostileReport(domain: "example.com", reportID: "plain-domain"), to: "in/a.json")
        try directory.write(hostileReport(domain: "evil" + hostile + ".example", reportID: "evil-domain"), to: "in/b.json")
        try directory.write(Data("{\"organization-name\": \"\(hostile.replacingOccurrences(of: "\n", with: ""))".utf8), to: "in/\u{1B}]0;pwned\u{7}\u{1B}[31m.json")
        let result = try CommandRunner.run(["ingest", "--database", directory.database, directory.url.appendingPathComponent("in").path])
        #expect(result.status == 1, "\(result.standardOutput) \(result.standardError)")
        #expect(unsafeScalars(in: result.standardOutput + result.standardError).isEmpty, "\(result.standardError.debugDescription)")
    }

    @Test("no text output of any command carries a control character, escape or bidi override of a report")
    func terminalOutputs() throws {
        let directory = try TemporaryDirectory()
        try Self.hostileDatabase(directory)
        let database = ["--database", directory.database]
        let period = ["--since", "2026-11-01", "--until", "2026-11-01"]
        let commands: [[String]] = [
            ["summary"] + period,
            ["summary", "--format", "markdown"] + period,
            ["summary", "--format", "csv"] + period,
            ["summary", "--format", "email", "--to", "ops@example.com", "--from", "tlsrpt@example.com"] + period,
            ["readiness", "--as-of", "2026-11-02"],
            ["readiness", "example.com", "--as-of", "2026-11-02"],
            ["rejects"],
            ["policy", "emit", "example.com", "--mode", "testing", "--as-of", "2026-11-02"],
            ["policy", "emit", "example.com", "--mode", "enforce", "--as-of", "2026-11-02"],
        ]
        for command in commands {
            let result = try CommandRunner.run(command + database)
            // Each of these prints something (a usage error would hide what is being tested).
            #expect(!result.standardOutput.isEmpty || !result.standardError.isEmpty, "\(command)")
            let unsafe = Self.unsafeScalars(in: result.standardOutput + result.standardError)
            #expect(unsafe.isEmpty, "\(command): \(unsafe.prefix(5))")
        }
        // On a terminal `show` neutralises the original too (piped, it writes the bytes as stored, by design).
        let shown = try CommandRunner.runOnTerminal(["show", "1"] + database)
        #expect(!shown.contains("\u{1B}]0;pwned") && !shown.contains("\u{1B}[31m"), "\(shown.debugDescription)")
        // The JSON formats escape every C0 control, so nothing is interpreted there either.
        for command in [["export"], ["summary", "--format", "json"] + period, ["rejects", "--json"], ["readiness", "--format", "json", "--as-of", "2026-11-02"]] {
            let result = try CommandRunner.run(command + database)
            #expect(!result.standardOutput.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(command)")
            #expect(result.standardOutput.contains("pwned"), "\(command) shows the strings, escaped")
        }
    }

    @Test("errors naming a hostile path are neutralised too")
    func errorMessages() throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("no\u{1B}]0;pwned\u{7}such\nerror: forged").path
        for command in [["ingest", "--database", directory.database, path], ["summary", "--database", path + "/x.sqlite"], ["policy", "check", path]] {
            let result = try CommandRunner.run(command)
            #expect(result.status != 0, "\(command)")
            #expect(Self.unsafeScalars(in: result.standardOutput + result.standardError).isEmpty, "\(command): \(result.standardError.debugDescription)")
            #expect(!result.standardError.contains("\nerror: forged"), "\(command): \(result.standardError.debugDescription)")
        }
    }

    @Test("CSV cells that a spreadsheet would run as a formula are neutralised")
    func csvFormulas() throws {
        let directory = try TemporaryDirectory()
        let starts = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]
        for (index, start) in starts.enumerated() {
            try directory.write(ReportFactory.json(organization: start, reportID: "csv-\(index)", failed: 1, resultType: start), to: "in/\(index).json")
        }
        #expect(try CommandRunner.run(["ingest", "--database", directory.database, directory.url.appendingPathComponent("in").path]).status == 0)
        let csv = try CommandRunner.run(["summary", "--format", "csv", "--since", "2026-11-01", "--until", "2026-11-01", "--top", "20", "--database", directory.database])
        #expect(csv.status == 0, "\(csv.standardError)")
        var organizations: [String] = []
        for line in csv.standardOutput.components(separatedBy: "\r\n").dropFirst() where !line.isEmpty {
            // A quoted cell starts with `"`; look at what is inside the quotes.
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            for cell in cells {
                let inner = cell.hasPrefix("\"") ? cell.dropFirst() : cell[...]
                #expect(!["=", "+", "@", "\t", "\r"].contains(inner.first.map(String.init) ?? ""), "\(line.debugDescription)")
                if inner.first == "-" { #expect(Int(inner) != nil, "\(line.debugDescription)") }  // only a number may start with -
            }
            if cells.count > 3, cells[2] == "organization" { organizations.append(String(cells[3])) }
        }
        #expect(organizations.count == starts.count, "\(csv.standardOutput)")
        // A formula start gets a `'`; a tab or CR is shown as its escape, which starts with `\`.
        #expect(organizations.allSatisfy { $0.hasPrefix("'") || $0.hasPrefix("\"'") || $0.hasPrefix("\\u{") }, "\(organizations)")
    }

    @Test("a reporter's SQL is stored and read back verbatim, never run")
    func sqlStrings() throws {
        let directory = try TemporaryDirectory()
        let organization = "'); DROP TABLE report;--"
        let reportID = "x' OR '1'='1\"; DELETE FROM input; --"
        try directory.write(ReportFactory.json(organization: organization, reportID: reportID, domain: "example.com", failed: 2), to: "r.json")
        try directory.write(ReportFactory.json(organization: "Other", reportID: "other"), to: "s.json")
        let ingest = try CommandRunner.run(["ingest", "--json", "--database", directory.database, directory.url.path])
        #expect(try ingest.jsonObject()["accepted"] as? Int == 2, "\(ingest.standardOutput)")
        let exported = try CommandRunner.run(["export", "--database", directory.database]).jsonLines()
        #expect(exported.count == 2)
        let hostile = try #require(exported.first { $0["organization-name"] as? String == organization })
        #expect(hostile["report-id"] as? String == reportID)
        let summary = try CommandRunner.run(["summary", "--format", "json", "--since", "2026-11-01", "--until", "2026-11-01", "--database", directory.database])
        #expect(summary.status == 0)
        #expect(summary.standardOutput.contains("\"'); DROP TABLE report;--\""), "\(summary.standardOutput)")
        #expect(try CommandRunner.run(["check-database", "--database", directory.database]).status == 0)
        // A second ingest of the same file is a duplicate: the report table and the ledger are intact.
        let again = try CommandRunner.run(["ingest", "--json", "--rescan", "--database", directory.database, directory.url.appendingPathComponent("r.json").path])
        #expect(try again.jsonObject()["duplicates"] as? Int == 1, "\(again.standardOutput)")
    }

    @Test("line breaks a client sends cannot forge a line of serve's request log")
    func serveLog() throws {
        let directory = try TemporaryDirectory()
        let server = try ServeCommandTests.Server(database: directory.database)
        let report = Self.hostileReport(domain: "example.com", reportID: "posted")
        let posted = try ServeCommandTests.post(report, port: server.port, headers: ["Content-Type: application/tlsrpt+json"])
        #expect(posted.status == 201, "\(posted.text)")
        // The HTTP parser refuses a control character in a header value before it is logged.
        _ = try ServeCommandTests.post(report, port: server.port, headers: ["User-Agent: agent\u{1B}[31m"])
        // A path with an encoded and a raw escape, and a cut body that is rejected with its reason.
        _ = try CommandRunner.runProgram(
            "/usr/bin/curl", ["--silent", "--path-as-is", "--data-binary", "{\"organization-name\": \"\u{1B}]0;x", "http://127.0.0.1:\(server.port)/tlsrpt%0Aforged%1B[31m"])
        _ = try ServeCommandTests.post(Data("{\"organization-name\": \"\u{1B}]0;pwned\u{7}\n".utf8), port: server.port, headers: ["Content-Type: application/tlsrpt+json"])
        let (status, log) = server.stop()
        #expect(status == 0)
        #expect(Self.unsafeScalars(in: log).isEmpty, "\(log.debugDescription)")
        for line in log.split(separator: "\n") {
            #expect(!line.hasPrefix("forged"), "\(log)")
        }
    }

    @Test("an attachment's file name is never used as a path, also with --move-to")
    func attachmentNames() throws {
        let directory = try TemporaryDirectory()
        let work = directory.url.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let absolute = "/tmp/tlsrpt-evil-\(UUID().uuidString).json.gz"
        let gzipped = try ReportFactory.gzip(ReportFactory.json(reportID: "named"))
        var message = String(decoding: ReportFactory.message(carrying: gzipped, messageID: "m1@example"), as: UTF8.self)
        message = message.replacingOccurrences(of: "filename=\"reporter.example!example.com!1761955200!1762041599.json.gz\"", with: "filename=\"../../etc/x.json.gz\"")
        message = message.replacingOccurrences(of: "name=\"reporter.example!example.com!1761955200!1762041599.json.gz\"", with: "name=\"\(absolute)\"")
        #expect(message.contains("../../etc/x.json.gz") && message.contains(absolute))
        try directory.write(Data(message.utf8), to: "a/b/in/message.eml")
        let destination = directory.url.appendingPathComponent("done")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        let result = try CommandRunner.run(
            ["ingest", "--json", "--move-to", destination.path, "--database", directory.database, "in"], workingDirectory: work)
        #expect(try result.jsonObject()["accepted"] as? Int == 1, "\(result.standardOutput) \(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("etc").path))
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("etc").path))
        #expect(!FileManager.default.fileExists(atPath: absolute))
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination.path) == ["message.eml"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("in").path).isEmpty)
    }
}
