/// Quoted-printable (RFC 2045 §6.7) for the text parts of the summary e-mail.
///
/// Line breaks in the text (LF or CRLF) become CRLF hard breaks; every output line is at most 76
/// characters, longer lines are split with soft breaks (`=` CRLF). `=`, control characters and
/// bytes outside printable ASCII are written as `=XX`, and so is whitespace at the end of a line.
/// Two more bytes are escaped so the message survives old mail software unchanged: a `.` that
/// starts a line (a lone `.` ends the input of `sendmail` and of SMTP) and the `F` of a line that
/// starts with `From ` (mbox files rewrite it as `>From `).
enum QuotedPrintableEncoder {
    /// The longest line written, soft-break `=` included.
    static let maximumLineLength = 76

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// `text` as quoted-printable, lines ended by CRLF (the last one only when `text` ends in a
    /// line break).
    static func encode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        var lineStart = 0
        var index = 0
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == 0x0A {
                var lineEnd = index
                if lineEnd > lineStart, index < bytes.count, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                encodeLine(bytes[lineStart..<lineEnd], into: &output)
                if index < bytes.count { output += [0x0D, 0x0A] }
                lineStart = index + 1
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// One line of text without its line break, split with soft breaks as needed.
    private static func encodeLine(_ line: ArraySlice<UInt8>, into output: inout [UInt8]) {
        var physicalLength = 0
        for index in line.indices {
            let isLast = index == line.index(before: line.endIndex)
            var token = self.token(line, at: index, isLast: isLast, startsLine: physicalLength == 0)
            // Room for a soft break after this token unless it ends the line.
            let limit = isLast ? maximumLineLength : maximumLineLength - 1
            if physicalLength + token.count > limit {
                output += [0x3D, 0x0D, 0x0A]
                physicalLength = 0
                token = self.token(line, at: index, isLast: isLast, startsLine: true)
            }
            output += token
            physicalLength += token.count
        }
    }

    /// The encoding of `line[index]`: the byte itself or `=XX`.
    private static func token(_ line: ArraySlice<UInt8>, at index: Int, isLast: Bool, startsLine: Bool) -> [UInt8] {
        let byte = line[index]
        let mustEscape: Bool
        switch byte {
        case 0x20, 0x09: mustEscape = isLast
        case 0x3D: mustEscape = true
        case 0x21...0x7E:
            mustEscape =
                startsLine && (byte == 0x2E || (byte == 0x46 && line[index...].starts(with: Array("From ".utf8))))
        default: mustEscape = true
        }
        return mustEscape ? [0x3D, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]] : [byte]
    }
}
