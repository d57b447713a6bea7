import ArgumentParser

/// The `--format` of commands that print text for people or one JSON document: `readiness`,
/// `policy` and `policy check`. Its own type, so `--help` lists only the formats they accept.
enum TextOrJSONFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
