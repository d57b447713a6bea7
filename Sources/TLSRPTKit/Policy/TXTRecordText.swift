/// The text of a DNS TXT record in zone-file syntax.
///
/// A TXT record is a sequence of character-strings of at most 255 octets each (RFC 1035 §3.3);
/// a longer value, such as a `rua=` with many addresses, must be split into several strings, which
/// receivers join without a separator (RFC 8460 §3, RFC 8461 §3.1).
public enum TXTRecordText {
    /// The longest character-string a TXT record can hold, in octets.
    public static let maximumStringLength = 255

    /// `value` as one or more quoted zone-file strings separated by a space, each at most 255
    /// octets before escaping; `"` and `\` are escaped.
    public static func quoted(_ value: String) -> String {
        chunks(of: value).map { chunk in
            var text = "\""
            for scalar in chunk.unicodeScalars {
                if scalar == "\"" || scalar == "\\" { text += "\\" }
                text.unicodeScalars.append(scalar)
            }
            return text + "\""
        }.joined(separator: " ")
    }

    /// `value` cut into pieces of at most 255 UTF-8 octets, after a comma where one is close
    /// enough (so each `rua` URI stays whole when it can), never inside a character.
    static func chunks(of value: String) -> [String] {
        var pieces: [String] = []
        var piece = ""
        for character in value {
            piece.append(character)
            if character == "," { pieces.append(piece); piece = "" }
        }
        if !piece.isEmpty || pieces.isEmpty { pieces.append(piece) }
        var chunks: [String] = []
        var current = ""
        for piece in pieces {
            if current.utf8.count + piece.utf8.count <= maximumStringLength {
                current += piece
                continue
            }
            if !current.isEmpty { chunks.append(current) }
            current = ""
            for character in piece {
                if current.utf8.count + character.utf8.count > maximumStringLength {
                    chunks.append(current)
                    current = ""
                }
                current.append(character)
            }
        }
        chunks.append(current)
        return chunks
    }
}
