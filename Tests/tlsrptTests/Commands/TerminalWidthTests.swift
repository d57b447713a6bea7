import Foundation
import Testing

/// Text output fits 80 columns when standard output is not a terminal, and long MX host and
/// organisation names wrap instead of being cut.
@Suite("text output keeps to 80 columns")
struct TerminalWidthTests {
    static let longMX = "mx-" + String(repeating: "very-long-label-", count: 6) + "end.wide.example"
    static let longOrganization =
        "Example Overseas Mail Transfer And Delivery Services Corporation International Limited"

    static func database() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        var dataset = Dataset(domain: "wide.example")
        dataset.addDaily(
            days: 0...27, organizations: ["Google Inc.", "Microsoft Corporation", longOrganization],
            patterns: ["mx1.wide.example", "*.backup.wide.example"]
        ) { daysAgo, _ in
            daysAgo < 3 ? [.init(resultType: "certificate-host-mismatch", mx: longMX, sessions: 2)] : []
        }
        try dataset.ingest(into: directory)
        return directory
    }

    static func expectFits(_ output: String, _ context: String) {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count > 3, "\(context)")
        for line in lines {
            #expect(line.count <= 80, "\(context): \(line.count) columns: \(line)")
        }
        #expect(!output.contains("…"), "\(context): something was cut")
    }

    /// The output with every space and line break removed: a wrapped name reads whole in it.
    static func squeezed(_ output: String) -> String {
        output.filter { !$0.isWhitespace }
    }

    @Test(
        "readiness, the readiness listing and policy (with its checklist and --force warnings) fit and keep names whole"
    )
    func readinessAndPolicy() throws {
        let directory = try Self.database()
        let readiness = try CommandRunner.run([
            "readiness", "--database", directory.database, "wide.example", "--as-of", "2026-11-28",
        ])
        #expect(readiness.status == 10)
        Self.expectFits(readiness.standardOutput, "readiness")
        #expect(Self.squeezed(readiness.standardOutput).contains(Self.longMX))
        #expect(
            readiness.standardOutput.contains(
                Self.longOrganization.components(separatedBy: " ").prefix(3).joined(separator: " ")))
        #expect(Self.squeezed(readiness.standardOutput).contains(Self.squeezed(Self.longOrganization)))

        let listing = try CommandRunner.run(["readiness", "--database", directory.database, "--as-of", "2026-11-28"])
        for line in listing.standardOutput.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }

        let policy = try CommandRunner.run([
            "policy", "--database", directory.database, "wide.example", "--as-of", "2026-11-28", "--force", "--rua",
            "mailto:tlsrpt@wide.example",
        ])
        #expect(policy.status == 0)
        // The policy file and the zone lines are printed whole, to be copied; everything else fits.
        let prose = policy.standardOutput.split(separator: "\n").filter {
            !$0.hasPrefix("_mta-sts.") && !$0.hasPrefix("_smtp._tls.")
        }
        Self.expectFits(prose.joined(separator: "\n"), "policy")
        Self.expectFits(policy.standardError, "policy warnings")
        #expect(policy.standardOutput.contains("\n3. Only then update the _mta-sts TXT record"))
        // mx-coverage names the uncovered host: whole, across lines.
        #expect(Self.squeezed(policy.standardError).contains(Self.longMX))
    }

    @Test("summary tables wrap long MX and organisation names inside their column instead of cutting them")
    func summary() throws {
        let directory = try Self.database()
        let summary = try CommandRunner.run([
            "summary", "--database", directory.database, "--since", "2026-11-22", "--until", "2026-11-28",
        ])
        #expect(summary.status == 0)
        Self.expectFits(summary.standardOutput, "summary")
        let lines = summary.standardOutput.split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("  mx-very-long-label") })
        var name = ""
        for line in lines[start...].prefix(while: { !$0.isEmpty }) {
            name += String(try #require(line.split(separator: " ").first))
            if name.count >= Self.longMX.count { break }
        }
        #expect(name == Self.longMX)
        #expect(summary.standardOutput.contains("  Example Overseas Mail"))
    }
}
