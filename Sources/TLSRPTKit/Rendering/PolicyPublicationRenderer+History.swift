extension PolicyPublicationRenderer {
    /// The policies published for `domain`, newest first, as text lines or one JSON object.
    public static func history(_ history: [PublishedPolicy], domain: String, json: Bool) -> String {
        if json {
            var writer = JSONWriter()
            writer.beginObject()
            writer.string("domain", domain)
            writer.beginArray("published")
            for policy in history {
                writer.beginObject()
                writer.string("published_at", Timestamp.format(policy.publishedAt))
                writer.string("published_by", policy.publishedBy)
                writer.string("mode", policy.mode.rawValue)
                writer.string("id", policy.id)
                writer.integer("max_age", policy.maximumAge)
                writer.string("policy_file", policy.fileText)
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
            return writer.text + "\n"
        }
        guard !history.isEmpty else {
            return "no policy published for \(TerminalText.sanitized(domain)) (tlsrpt policy \(TerminalText.sanitized(domain)) --publish)\n"
        }
        return history.enumerated().map { index, policy in
            let served = index == 0 ? "  (served)" : ""
            return "\(Timestamp.format(policy.publishedAt))  \(policy.mode.rawValue)  id=\(policy.id)  max_age=\(Figures.grouped(policy.maximumAge))  by \(TerminalText.sanitized(policy.publishedBy))\(served)\n"
        }.joined()
    }
}
