import TLSRPTKit

/// The inputs that did not become reports, with their reasons.
struct RejectsPage {
    let store: any ReportReading

    struct Row {
        var id: Int64
        var href: String
        var received: String
        var status: String
        var source: String
        var reason: String
        var size: String
    }

    struct Model {
        var rows: [Row]
        var hasRows: Bool
    }

    func content() throws -> String {
        let safe = TerminalText.sanitized
        let rows = try store.inputs(withStatus: [.rejected, .conflict]).reversed().map { input in
            var source = safe(input.provenance.source)
            if let name = input.provenance.fileName, !input.provenance.source.hasSuffix(name) { source += " (" + safe(name) + ")" }
            return Row(
                id: input.id, href: "/reports/\(input.id)/original", received: Timestamp.format(input.provenance.receivedAt),
                status: input.status.rawValue, source: source, reason: safe(input.reason ?? ""),
                size: PageWording.count(input.originalSize, "byte"))
        }
        return Templates.render(Model(rows: rows, hasRows: !rows.isEmpty), "rejects")
    }
}
