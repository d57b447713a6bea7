import Foundation

/// Composes the summary of a period as an e-mail, ready for `sendmail -t`.
///
/// The message is RFC 5322 with CRLF line ends throughout: `From`, `To`, `Subject` (e.g.
/// `TLS report summary 2026-11-28: 3 domains, 123 failed sessions`, RFC 2047-encoded when it is
/// not plain ASCII), `Date`, `Message-ID`, `MIME-Version`, `Auto-Submitted: auto-generated` (so
/// that auto-responders stay quiet), and a `multipart/alternative` body with the
/// ``SummaryTextRenderer`` text and the ``SummaryHTMLRenderer`` document, both UTF-8 and
/// quoted-printable with lines of at most 76 characters.
///
/// ```swift
/// let message = SummaryEmailComposer.compose(
///     summary, from: "tlsrpt <tlsrpt@example.com>", to: ["postmaster@example.com"],
///     date: Date(), messageID: UUID().uuidString + "@example.com")
/// ```
public enum SummaryEmailComposer {
    /// The complete message for `summary`.
    ///
    /// - Parameters:
    ///   - summary: what to report.
    ///   - options: how many entries each breakdown shows.
    ///   - from: the sender mailbox, `addr@example.com` or `Name <addr@example.com>`.
    ///   - to: the recipient mailboxes; `undisclosed-recipients:;` when there are none.
    ///   - date: the `Date` field, written in UTC.
    ///   - messageID: the `Message-ID` without or with its angle brackets; one is made up when
    ///     nothing of it is left after cleaning.
    /// - Returns: the message. Of `from`, each `to` and `messageID` only the text before a CR or
    ///   LF is used and other control characters are dropped, so no caller value can add a header
    ///   field.
    public static func compose(
        _ summary: PeriodSummary, options: SummaryRenderOptions = SummaryRenderOptions(), from: String,
        to: [String], date: Date, messageID: String
    ) -> String {
        let boundary = "=_tlsrpt_" + UUID().uuidString
        let parts = [
            ("text/plain", SummaryTextRenderer.render(summary, options: options)),
            ("text/html", SummaryHTMLRenderer.render(summary, options: options)),
        ]
        var lines = [
            SummaryMailHeaders.addressList("From", [from]),
            SummaryMailHeaders.addressList("To", to),
            SummaryMailHeaders.unstructured("Subject", subject(for: summary)),
            "Date: " + formattedDate(date),
            "Message-ID: " + messageIDField(messageID),
            "MIME-Version: 1.0",
            "Auto-Submitted: auto-generated",
            "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"",
            "",
            "This is a multi-part message in MIME format.",
        ]
        for (type, body) in parts {
            // "=_" never occurs in quoted-printable ("=" is followed by hex digits or a line end),
            // so the boundary cannot appear in a part.
            lines += [
                "--" + boundary,
                "Content-Type: " + type + "; charset=utf-8",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                QuotedPrintableEncoder.encode(body),
            ]
        }
        lines.append("--" + boundary + "--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// `TLS report summary 2026-11-28: 3 domains, 123 failed sessions`; with one domain its name
    /// instead of the count.
    static func subject(for summary: PeriodSummary) -> String {
        let head = "TLS report summary " + SummaryFormat.period(summary) + ": "
        guard !summary.domains.isEmpty else { return head + "no reports" }
        let failed = summary.domains.reduce(Int64(0)) { $0 + $1.failedSessions }
        let scope =
            summary.domains.count == 1
            ? TerminalText.sanitized(summary.domains[0].domain)
            : SummaryFormat.counted(Int64(summary.domains.count), "domain", "domains")
        return head + scope + ", " + SummaryFormat.counted(failed, "failed session", "failed sessions")
    }

    /// `Sat, 28 Nov 2026 06:00:00 +0000`.
    static func formattedDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// `<id>`: `messageID` without control characters, white space or angle brackets.
    static func messageIDField(_ messageID: String) -> String {
        var identifier = ""
        for scalar in SummaryMailHeaders.singleLine(messageID).unicodeScalars
        where scalar != "<" && scalar != ">" && !scalar.properties.isWhitespace {
            identifier.unicodeScalars.append(scalar)
        }
        if identifier.isEmpty { identifier = UUID().uuidString + "@tlsrpt.invalid" }
        return "<" + identifier + ">"
    }
}
