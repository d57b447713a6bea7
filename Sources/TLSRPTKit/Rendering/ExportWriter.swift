/// Writes stored reports as JSON Lines: the contract other tools rely on (see the README).
///
/// Each line is one report in RFC 8460's own field names, normalised (`mx-host` always an array,
/// `policy-string` an array of strings, integer counts, UTC `YYYY-MM-DDTHH:MM:SSZ` dates, absent
/// optional fields omitted), plus one extra key, `x-tlsrpt`, holding where it came from.
public enum ExportWriter {
    /// The JSON line for `stored`, without the trailing newline.
    public static func line(for stored: StoredReport) -> [UInt8] {
        var writer = JSONWriter(capacity: 2048)
        stored.report.write(to: &writer, closing: false)
        let provenance = stored.provenance
        writer.beginObject("x-tlsrpt")
        writer.integer("input-id", stored.inputID)
        writer.string("source", provenance.source)
        writer.string("received-at", Timestamp.format(provenance.receivedAt))
        writer.string("file-name", provenance.fileName)
        writer.string("message-id", provenance.messageID)
        writer.string("message-date", provenance.messageDate)
        writer.string("subject", provenance.subject)
        writer.string("tls-report-domain", provenance.reportDomainHeader)
        writer.string("tls-report-submitter", provenance.submitterHeader)
        writer.string("remote-address", provenance.remoteAddress)
        writer.string("user-agent", provenance.userAgent)
        writer.endObject()
        writer.endObject()
        return writer.bytes
    }
}

extension ExportWriter {
    /// The report alone as one normalised RFC 8460 JSON object (the export line without
    /// `x-tlsrpt`), compact.
    public static func reportJSON(_ report: TLSReport) -> String {
        var writer = JSONWriter(capacity: 2048)
        report.write(to: &writer)
        return writer.text
    }
}
