/// One response from an IMAP server (RFC 3501 §7): a line, with the literals it carried.
///
/// A response may span several lines when it carries literals (`{12}\r\n` then 12 bytes, then
/// the rest of the line): ``text`` holds every line part joined, the `{n}` markers left in, and
/// ``literals`` the literal bytes in order.
struct IMAPResponse: Sendable, Equatable {
    /// Who the response is for.
    enum Kind: Sendable, Equatable {
        /// `* …`: data or status the server sends on its own or for a command.
        case untagged
        /// `+ …`: the server waits for more from the client (a literal, an AUTHENTICATE step).
        case continuation
        /// `TAG OK|NO|BAD …`: the end of the command that had this tag.
        case tagged(String)
    }

    var kind: Kind
    /// The response after `* `, `+ ` or `TAG `, literal markers included, without CRLF.
    var text: [UInt8]
    /// The literals the response carried, in order.
    var literals: [[UInt8]] = []

    /// ``text`` as a string (invalid UTF-8 replaced), for matching words and for messages.
    var string: String { String(decoding: text, as: UTF8.self) }

    /// The words of ``text``, split at spaces.
    var words: [Substring] { string.split(separator: " ") }

    /// The status word of a tagged or untagged status response, uppercased: `OK`, `NO`, `BAD`,
    /// `BYE`, `PREAUTH`; for other untagged responses the first word (`CAPABILITY`, or the
    /// number of `12 EXISTS`).
    var status: String { words.first.map { $0.uppercased() } ?? "" }

    /// The response code in brackets after the status, e.g. `UIDVALIDITY 3` of
    /// `OK [UIDVALIDITY 3] UIDs valid`, or `nil`.
    var responseCode: String? {
        let string = self.string
        guard let open = string.firstIndex(of: "["), let close = string[open...].firstIndex(of: "]") else { return nil }
        let before = string[..<open].trimmingCharacters(in: " ")
        guard !before.contains(" ") else { return nil }  // only right after the status word
        return String(string[string.index(after: open)..<close])
    }

    /// The human-readable part of a status response (after the status and the response code),
    /// made safe to print: at most 200 characters, control characters replaced.
    var humanText: String {
        var string = self.string
        if let space = string.firstIndex(of: " ") { string = String(string[string.index(after: space)...]) } else { string = "" }
        if string.hasPrefix("["), let close = string.firstIndex(of: "]") {
            string = String(string[string.index(after: close)...])
        }
        let cleaned = string.trimmingCharacters(in: " ").unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) }
        return String(String(cleaned).prefix(200))
    }

    /// The number of `N WORD …` (`12 EXISTS`, `3 FETCH (…)`) when the second word is `word`.
    func number(before word: String) -> UInt32? {
        let words = self.words
        guard words.count >= 2, words[1].uppercased() == word || words[1].uppercased().hasPrefix(word + " ") else { return nil }
        return UInt32(words[0])
    }
}

extension String {
    /// The string without `character` at either end.
    fileprivate func trimmingCharacters(in character: Character) -> String {
        var text = Substring(self)
        while text.first == character { text.removeFirst() }
        while text.last == character { text.removeLast() }
        return String(text)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in character: Character) -> String { String(self).trimmingCharacters(in: character) }
}
