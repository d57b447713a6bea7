import Foundation

/// Converts bytes in a MIME-labelled character set (RFC 2047 encoded words, RFC 2231 parameter values)
/// to a `String`.
///
/// Lenient: an unknown or lying charset label never fails; the bytes are then read as UTF-8 when valid,
/// otherwise as ISO 8859-1.
enum MIMECharset {
    /// Decodes `bytes` labelled with `charset` (case-insensitive IANA name, may be `nil` or empty).
    static func decode(_ bytes: [UInt8], charset: String?) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }), !isWideEncoding(charset) {
            return String(decoding: bytes, as: UTF8.self)
        }
        if let encoding = stringEncoding(forCharset: charset),
           let text = String(bytes: bytes, encoding: encoding) {
            return text
        }
        return MailByteScanning.string(fromHeaderBytes: bytes)
    }

    /// The Foundation encoding for an IANA charset name, or `nil` when it is unknown
    /// (callers then fall back to UTF-8 / ISO 8859-1).
    static func stringEncoding(forCharset charset: String?) -> String.Encoding? {
        guard let charset else { return nil }
        // RFC 2231 allows a language suffix in encoded words: `utf-8*en`.
        let name = charset.split(separator: "*", maxSplits: 1).first.map(String.init) ?? charset
        switch name.trimmingCharacters(in: .whitespaces).lowercased() {
        case "utf-8", "utf8", "unicode-1-1-utf-8":
            return .utf8
        case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us":
            // Mislabelled 8-bit text is common; UTF-8 is the better guess for bytes above 0x7F.
            return .utf8
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1":
            return .isoLatin1
        case "iso-8859-2", "iso8859-2", "latin2", "l2":
            return .isoLatin2
        case "windows-1252", "cp1252", "x-cp1252":
            return .windowsCP1252
        case "windows-1250", "cp1250":
            return .windowsCP1250
        case "windows-1251", "cp1251":
            return .windowsCP1251
        case "windows-1253", "cp1253":
            return .windowsCP1253
        case "windows-1254", "cp1254":
            return .windowsCP1254
        case "utf-16":
            return .utf16
        case "utf-16be":
            return .utf16BigEndian
        case "utf-16le":
            return .utf16LittleEndian
        case "shift_jis", "shift-jis", "sjis", "windows-31j", "cp932":
            return .shiftJIS
        case "euc-jp":
            return .japaneseEUC
        case "iso-2022-jp":
            return .iso2022JP
        default:
            return nil
        }
    }

    /// Whether the charset uses more than one byte per ASCII character (so ASCII bytes are not ASCII text).
    private static func isWideEncoding(_ charset: String?) -> Bool {
        guard let charset else { return false }
        return charset.lowercased().hasPrefix("utf-16") || charset.lowercased().hasPrefix("utf-32")
    }
}
