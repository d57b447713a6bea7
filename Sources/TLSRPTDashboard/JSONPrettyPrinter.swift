/// Indents compact JSON text, two spaces a level, keeping the order of keys and every string
/// exactly as written.
enum JSONPrettyPrinter {
    static func pretty(_ json: String) -> String {
        var result = ""
        result.reserveCapacity(json.utf8.count * 2)
        var depth = 0
        var inString = false
        var escaped = false
        var characters = Array(json)
        characters.append(" ")
        var index = 0
        func newline() { result += "\n" + String(repeating: "  ", count: depth) }
        while index < characters.count - 1 {
            let character = characters[index]
            let next = characters[index + 1]
            index += 1
            if inString {
                result.append(character)
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                }
                continue
            }
            switch character {
            case "\"":
                inString = true
                result.append(character)
            case "{", "[":
                result.append(character)
                if next == "}" || next == "]" {
                    result.append(next)
                    index += 1
                } else {
                    depth += 1
                    newline()
                }
            case "}", "]":
                depth = max(0, depth - 1)
                newline()
                result.append(character)
            case ",":
                result.append(character)
                newline()
            case ":":
                result += ": "
            case " ", "\n", "\t", "\r":
                break
            default:
                result.append(character)
            }
        }
        return result
    }
}
