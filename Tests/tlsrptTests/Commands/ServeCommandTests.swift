import Foundation
import TLSRPTKit
import TLSRPTTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `tlsrpt serve` as a user runs it: the built binary on a loopback port, curl as the reporter.
@Suite("serve through the built binary")
struct ServeCommandTests {
    /// A running `tlsrpt serve`, stopped with SIGTERM.
    final class Server {
        let process = Process()
        let port: Int
        private let errors: Pipe

        init(database: String, arguments: [String] = [], scheme: String = "http") throws {
            process.executableURL = CommandRunner.executable
            process.arguments = ["serve", "--bind", "127.0.0.1:0", "--database", database] + arguments
            errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            // A line on standard error says where it listens.
            var text = ""
            let banner = "tlsrpt: listening on \(scheme)://127.0.0.1:"
            while !text.contains(banner) || !text.hasSuffix("\n") {
                let chunk = errors.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            guard let range = text.range(of: banner),
                let port = Int(text[range.upperBound...].prefix(while: \.isNumber))
            else { throw CocoaError(.coderReadCorrupt, userInfo: [NSDebugDescriptionErrorKey: text]) }
            self.port = port
        }

        deinit {
            if process.isRunning { process.terminate() }
        }

        /// Sends SIGTERM and returns the exit status and what was logged.
        func stop() -> (status: Int32, log: String) {
            process.terminate()
            return waitForExit()
        }

        /// Waits for the server to exit (after a SIGTERM sent earlier); its status and log.
        func waitForExit() -> (status: Int32, log: String) {
            let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, log)
        }
    }

    /// `curl` POSTing `body` to the server; its HTTP status and body.
    static func post(_ body: Data, port: Int, headers: [String] = []) throws -> (status: Int, text: String) {
        let directory = try TemporaryDirectory()
        let file = try directory.write(body, to: "body")
        var arguments = ["--silent", "--max-time", "10", "--write-out", "\n%{http_code}", "--data-binary", "@\(file.path)"]
        for header in headers { arguments += ["--header", header] }
        arguments.append("http://127.0.0.1:\(port)/tlsrpt")
        let output = String(decoding: try CommandRunner.runProgram("/usr/bin/curl", arguments), as: UTF8.self)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? -1, lines.dropLast().joined(separator: "\n"))
    }

    /// Opens a TCP connection to the port and leaves it idle; returns the descriptor.
    static func idleConnection(port: Int) -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return connected == 0 ? descriptor : -1
    }

    @Test("reports POSTed with curl are stored, a bad body is listed by rejects, SIGTERM exits 0 with one log line per request")
    func endToEnd() throws {
        let directory = try TemporaryDirectory()
        let server = try Server(database: directory.database)
        let report = try ReportFactory.gzip(ReportFactory.json(reportID: "over-https", domain: "served.example"))
        let first = try Self.post(report, port: server.port, headers: ["Content-Type: application/tlsrpt+gzip", "User-Agent: Reporter/1.0"])
        #expect(first.status == 201, "\(first.text)")
        #expect(try Self.post(report, port: server.port).status == 200)
        let page = try Self.post(Data("<html><head><title>oops</title></head></html>".utf8), port: server.port)
        #expect(page.status == 400)
        #expect(page.text.contains("(an HTML page)"), "\(page.text)")

        // 200 idle connections do not keep a reporter out.
        let idle = (0..<200).map { _ in Self.idleConnection(port: server.port) }
        defer { for descriptor in idle where descriptor >= 0 { close(descriptor) } }
        #expect(idle.allSatisfy { $0 >= 0 })
        let clock = ContinuousClock()
        let start = clock.now
        let busy = try Self.post(try ReportFactory.gzip(ReportFactory.json(reportID: "while-idle")), port: server.port)
        #expect(busy.status == 201)
        #expect(clock.now - start < .seconds(1), "a POST beside 200 idle connections took \(clock.now - start)")

        let (status, log) = server.stop()
        #expect(status == 0, "\(log)")
        #expect(log.split(separator: "\n").filter { $0.contains("request") && $0.contains("method=POST") }.count == 4, "\(log)")
        #expect(log.contains("user_agent=Reporter/1.0"), "\(log)")

        let exported = try CommandRunner.run(["export", "--database", directory.database]).jsonLines()
        #expect(exported.map { $0["report-id"] as? String } == ["over-https", "while-idle"])
        let provenance = exported.first?["x-tlsrpt"] as? [String: Any]
        #expect(provenance?["remote-address"] as? String == "127.0.0.1")
        let rejects = try CommandRunner.run(["rejects", "--json", "--database", directory.database]).jsonLines()
        #expect(rejects.count == 1)
        #expect((rejects.first?["reason"] as? String)?.contains("an HTML page") == true)
    }

    /// `curl` GETting `path` with a `Host` header; its status, content type and body bytes.
    /// GETs `path` (`head`: sends HEAD, and the body is the response's header lines).
    static func get(_ path: String, host: String, port: Int, head: Bool = false) throws -> (status: Int, type: String, body: Data) {
        let directory = try TemporaryDirectory()
        let bodyFile = directory.url.appendingPathComponent("body")
        let output = try CommandRunner.runProgram("/usr/bin/curl", (head ? ["--head"] : []) + [
            "--silent", "--max-time", "10", "--header", "Host: \(host)", "--output", bodyFile.path,
            "--write-out", "%{http_code} %{content_type}", "http://127.0.0.1:\(port)\(path)",
        ])
        let fields = String(decoding: output, as: UTF8.self).split(separator: " ", maxSplits: 1).map(String.init)
        return (Int(fields.first ?? "") ?? -1, fields.count > 1 ? fields[1] : "", (try? Data(contentsOf: bodyFile)) ?? Data())
    }

    @Test("--host-policy serves what policy --publish stored, for mta-sts.DOMAIN only; a rollback replaces it and the history keeps both")
    func policyHosting() throws {
        let directory = try TemporaryDirectory()
        #expect(try CommandRunner.run(["ingest", "--quiet", "--database", directory.database, CommandRunner.sampleReports.path]).status == 0)
        let testing = try CommandRunner.run([
            "policy", "alpha.example", "--mode", "testing", "--publish", "--output", directory.url.appendingPathComponent("site").path,
            "--as-of", "2026-11-23", "--database", directory.database,
        ])
        #expect(testing.status == 0, "\(testing.standardError)")
        #expect(testing.standardError.contains("published:"))
        let written = try Data(contentsOf: directory.url.appendingPathComponent("site/.well-known/mta-sts.txt"))

        let server = try Server(database: directory.database, arguments: ["--host-policy"])
        let served = try Self.get("/.well-known/mta-sts.txt", host: "MTA-STS.alpha.example:443", port: server.port)
        #expect(served.status == 200)
        #expect(served.type == "text/plain; charset=utf-8")
        #expect(served.body == written, "the file served is the one --output wrote")
        #expect(String(decoding: served.body, as: UTF8.self).contains("mode: testing\r\n"))
        let probed = try Self.get("/.well-known/mta-sts.txt", host: "mta-sts.alpha.example", port: server.port, head: true)
        #expect(probed.status == 200 && probed.type == "text/plain; charset=utf-8", "HEAD: \(probed)")
        #expect(!String(decoding: probed.body, as: UTF8.self).contains("mode:"), "HEAD has no body")
        #expect(try Self.get("/.well-known/mta-sts.txt", host: "mta-sts.unknown.example", port: server.port).status == 404)
        #expect(try Self.get("/index.html", host: "mta-sts.alpha.example", port: server.port).status == 404)
        #expect(try Self.get("/tlsrpt", host: "tlsrpt.alpha.example", port: server.port).status == 405, "other hosts reach the report endpoint")

        // Roll back while serving: the next request gets mode: none, with a new id.
        let rollback = try CommandRunner.run([
            "policy", "alpha.example", "--mode", "none", "--publish", "--format", "json", "--as-of", "2026-11-23", "--database", directory.database,
        ])
        #expect(rollback.status == 0, "\(rollback.standardError)")
        let rolledBack = try Self.get("/.well-known/mta-sts.txt", host: "mta-sts.alpha.example", port: server.port)
        #expect(String(decoding: rolledBack.body, as: UTF8.self).contains("mode: none\r\n"))
        #expect(server.stop().status == 0)

        let history = try #require(
            try JSONSerialization.jsonObject(with: CommandRunner.run(["policy", "history", "alpha.example", "--format", "json", "--database", directory.database]).standardOutputBytes)
                as? [String: Any])
        let published = try #require(history["published"] as? [[String: Any]])
        #expect(published.map { $0["mode"] as? String } == ["none", "testing"])
        let ids = published.compactMap { $0["id"] as? String }
        #expect(ids.count == 2 && ids[0] != ids[1], "a new publication gets a new id: \(ids)")
        let text = try CommandRunner.run(["policy", "history", "alpha.example", "--database", directory.database])
        #expect(text.standardOutput.split(separator: "\n").first?.hasSuffix("(served)") == true, "\(text.standardOutput)")
    }

    @Test("with --tls-certificate and --tls-key it serves HTTPS: curl trusting the test's own certificate stores a report")
    func tls() throws {
        let directory = try TemporaryDirectory()
        let certificate = directory.url.appendingPathComponent("cert.pem").path
        let key = directory.url.appendingPathComponent("key.pem").path
        _ = try CommandRunner.runProgram("/usr/bin/openssl", [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", certificate,
        ])
        let server = try Server(database: directory.database, arguments: ["--tls-certificate", certificate, "--tls-key", key], scheme: "https")
        let body = try directory.write(try ReportFactory.gzip(ReportFactory.json(reportID: "over-tls")), to: "report.json.gz")
        let curl = { (extra: [String]) in
            String(decoding: try CommandRunner.runProgram("/usr/bin/curl", ["--silent", "--max-time", "10", "--output", "/dev/null",
                "--write-out", "%{http_code}", "--data-binary", "@\(body.path)"] + extra + ["https://127.0.0.1:\(server.port)/tlsrpt"]), as: UTF8.self)
        }
        #expect(try curl([]) == "000", "a client that does not trust the certificate fails the handshake")
        #expect(try curl(["--cacert", certificate]) == "201")
        #expect(try curl(["--cacert", certificate]) == "200")
        #expect(server.stop().status == 0)
        let exported = try CommandRunner.run(["export", "--database", directory.database]).jsonLines()
        #expect(exported.map { $0["report-id"] as? String } == ["over-tls"])

        let missing = try CommandRunner.run(["serve", "--tls-certificate", "/nonexistent.pem", "--tls-key", key, "--database", directory.database])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("cannot use the TLS certificate /nonexistent.pem"), "\(missing.standardError)")
    }

    /// `curl` GETting the server's `/metrics`, parsed.
    static func metrics(port: Int) throws -> PrometheusText {
        let output = try CommandRunner.runProgram("/usr/bin/curl", ["--silent", "--fail", "--max-time", "10", "http://127.0.0.1:\(port)/metrics"])
        return try PrometheusText(String(decoding: output, as: UTF8.self))
    }

    @Test("GET /metrics counts what was stored, as export lists it, and a restarted server counts the same")
    func metrics() throws {
        let directory = try TemporaryDirectory()
        var server = try Server(database: directory.database)
        for (index, domain) in ["served.example", "served.example", "other.example"].enumerated() {
            let report = ReportFactory.json(reportID: "metrics-\(index)", domain: domain, successful: 10 * (index + 1), failed: index)
            #expect(try Self.post(try ReportFactory.gzip(report), port: server.port).status == 201)
        }
        #expect(try Self.post(Data("not a report".utf8), port: server.port).status == 400)
        let before = try Self.metrics(port: server.port)
        #expect(server.stop().status == 0)

        // The expectation, from what export and rejects say the database holds.
        let exported = try CommandRunner.run(["export", "--database", directory.database]).jsonLines()
        var successful: [String: Double] = [:]
        for report in exported {
            for entry in report["policies"] as? [[String: Any]] ?? [] {
                let domain = (entry["policy"] as? [String: Any])?["policy-domain"] as? String ?? ""
                let summary = entry["summary"] as? [String: Any]
                successful[domain, default: 0] += Double(summary?["total-successful-session-count"] as? Int ?? 0)
            }
        }
        #expect(successful.count == 2)
        for (domain, sessions) in successful {
            #expect(before.value("tlsrpt_sessions_total", ["policy_domain": domain, "result": "successful"]) == sessions)
        }
        let organization = try #require(exported.first?["organization-name"] as? String)
        #expect(before.value("tlsrpt_reports_total", ["organization": organization]) == Double(exported.count))
        let rejects = try CommandRunner.run(["rejects", "--json", "--database", directory.database]).jsonLines()
        #expect(before.samples("tlsrpt_rejected_inputs_total").map(\.value).reduce(0, +) == Double(rejects.count))
        #expect(before.types["tlsrpt_http_request_duration_seconds"] == "histogram")
        #expect(before.value("tlsrpt_write_queue_depth") == 0)

        server = try Server(database: directory.database)
        let after = try Self.metrics(port: server.port)
        #expect(server.stop().status == 0)
        let stored = ["tlsrpt_sessions_total", "tlsrpt_failed_sessions_total", "tlsrpt_reports_total", "tlsrpt_rejected_inputs_total"]
        let counters = { (text: PrometheusText) in
            Dictionary(
                text.samples.filter { stored.contains($0.name) }.map { ($0.name + "\($0.labels.sorted { $0.key < $1.key })", $0.value) },
                uniquingKeysWith: +)
        }
        #expect(counters(after) == counters(before))
        #expect(counters(after).count > 4)
    }

    @Test("serve --help mentions /metrics")
    func helpMentionsMetrics() throws {
        let result = try CommandRunner.run(["serve", "--help"])
        #expect(result.status == 0)
        // The help is wrapped to the terminal's width: compare with line breaks as spaces.
        let words = result.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("GET /metrics serves Prometheus metrics"), "\(result.standardOutput)")
    }

    @Test("SIGTERM while a report waits for the database: the request finishes with 201, the report is stored, exit 0")
    func terminationDrains() async throws {
        let directory = try TemporaryDirectory()
        let server = try Server(database: directory.database)
        // Another writer holds the database's write lock: the POSTed report waits for it.
        let blocker = try SQLiteReportStore(path: directory.database).makeWriteSession()
        _ = try await blocker.write(
            IngestBatch(inputs: [DecodedInput(provenance: Provenance(source: "blocker", receivedAt: 0), original: [], outcome: .failure(ReportRejection(reason: "x")))]))
        let body = try directory.write(try ReportFactory.gzip(ReportFactory.json(reportID: "in-flight")), to: "report.json.gz")
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["--silent", "--max-time", "60", "--output", "/dev/null", "--write-out", "%{http_code}", "--data-binary", "@\(body.path)",
            "http://127.0.0.1:\(server.port)/tlsrpt"]
        let curlOutput = Pipe()
        curl.standardOutput = curlOutput
        try curl.run()
        let answer = OutputCollector(curlOutput.fileHandleForReading)
        // Until the server's write queue holds the report: the request is in flight.
        var queued = false
        for _ in 0..<2000 where !queued {
            queued = (try? Self.metrics(port: server.port))?.value("tlsrpt_write_queue_depth", [:]) == 1
            if !queued { usleep(10_000) }
        }
        try #require(queued, "the report never reached the write queue")
        server.process.terminate()
        await blocker.rollback()
        curl.waitUntilExit()
        #expect(String(decoding: answer.wait(), as: UTF8.self) == "201")
        let (status, log) = server.waitForExit()
        #expect(status == 0, "\(log)")
        let exported = try CommandRunner.run(["export", "--database", directory.database]).jsonLines()
        #expect(exported.map { $0["report-id"] as? String } == ["in-flight"])
    }

    @Test("a --bind that is not host:port is a usage error")
    func badBind() throws {
        let result = try CommandRunner.run(["serve", "--bind", "localhost"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("--bind takes host:port"))
    }
}
