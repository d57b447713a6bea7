import TLSRPTKit

/// One stored report: where it came from, its normalised JSON, its original for download.
struct ReportPage {
    let store: any ReportReading
    let links: PageLinks

    struct Fact {
        var name: String
        var value: String
    }

    struct DomainLink {
        var name: String
        var href: String
    }

    struct Link {
        var href: String
    }

    struct Model {
        var reportID: String
        var organization: String
        var start: String
        var end: String
        var facts: [Fact]
        var originalHref: String
        var originalForm: String
        var domains: [DomainLink]
        var hasLinks: Bool
        var links: [Link]
        var json: String
    }

    /// The page's title and content, or `nil` when no stored report has this input id.
    func content(inputID: Int64) throws -> (title: String, html: String)? {
        guard let stored = try store.report(ofInput: inputID), let input = try store.input(withID: inputID) else { return nil }
        let safe = TerminalText.sanitized
        let report = stored.report
        let provenance = stored.provenance
        var facts: [Fact] = [Fact(name: "input", value: "#\(inputID)"), Fact(name: "source", value: safe(provenance.source))]
        let optional: [(String, String?)] = [
            ("file name", provenance.fileName), ("message id", provenance.messageID), ("message date", provenance.messageDate),
            ("subject", provenance.subject), ("TLS-Report-Domain", provenance.reportDomainHeader),
            ("TLS-Report-Submitter", provenance.submitterHeader), ("remote address", provenance.remoteAddress),
            ("user agent", provenance.userAgent), ("contact info", report.contactInfo),
        ]
        for (name, value) in optional {
            if let value { facts.append(Fact(name: name, value: safe(value))) }
        }
        facts.append(Fact(name: "received", value: Timestamp.format(provenance.receivedAt)))
        facts.append(Fact(name: "original size", value: PageWording.count(input.originalSize, "byte")))
        let domains = Set(report.policies.map(\.policyDomain).filter { !$0.isEmpty }).sorted()
        let webLinks = report.policies.flatMap(\.failureDetails).compactMap(\.additionalInformation).compactMap(HTMLText.webLink)
        var seen = Set<String>()
        let model = Model(
            reportID: safe(report.reportID),
            organization: safe(report.organizationName),
            start: Timestamp.format(report.startTime),
            end: Timestamp.format(report.endTime),
            facts: facts,
            originalHref: "/reports/\(inputID)/original",
            originalForm: input.keptAs == .reportJSON
                ? "the report JSON byte for byte, without the gzip or e-mail wrapper it came in" : "exactly as received",
            domains: domains.map { DomainLink(name: safe($0), href: links.domain($0)) },
            hasLinks: !webLinks.isEmpty,
            links: webLinks.filter { seen.insert($0).inserted }.map(Link.init),
            json: JSONPrettyPrinter.pretty(ExportWriter.reportJSON(stored.report))
        )
        return ("Report " + report.reportID, Templates.render(model, "report"))
    }
}
