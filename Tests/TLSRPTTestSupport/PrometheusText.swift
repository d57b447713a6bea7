import Foundation

/// Parses the Prometheus text exposition format (version 0.0.4) strictly, so that a test fails
/// on any line a scraper would refuse: a label value that broke out of its quotes, a stray line
/// break or other control character, a value that is not a number.
public struct PrometheusText: Sendable {
    /// One sample line: `name{label="value",…} value`.
    public struct Sample: Sendable, Equatable {
        public var name: String
        public var labels: [String: String]
        public var value: Double
    }

    /// Every sample, in the order of the text.
    public var samples: [Sample] = []
    /// The `# TYPE` of each metric family.
    public var types: [String: String] = [:]

    public struct Malformed: Error, CustomStringConvertible {
        public var line: String
        public var description: String { "not a Prometheus text line: \(line)" }
    }

    public init(_ text: String) throws {
        // By bytes: a Character holds "\r\n" as one, which would hide a carriage return.
        for line in text.utf8.split(separator: 0x0A).map({ String(decoding: $0, as: UTF8.self) }) {
            if line.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
                throw Malformed(line: line)
            }
            if line.hasPrefix("# TYPE ") {
                let parts = line.dropFirst("# TYPE ".count).split(separator: " ")
                guard parts.count == 2 else { throw Malformed(line: line) }
                types[String(parts[0])] = String(parts[1])
            } else if line.hasPrefix("#") {
                continue
            } else {
                samples.append(try Self.sample(line))
            }
        }
    }

    /// The samples of metric `name` whose labels include `labels`.
    public func samples(_ name: String, where labels: [String: String] = [:]) -> [Sample] {
        samples.filter { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }
    }

    /// The value of the one sample of `name` with exactly the labels `labels`, or `nil`.
    public func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    private static func sample(_ line: String) throws -> Sample {
        let characters = Array(line)
        var index = 0
        var name = ""
        while index < characters.count,
            characters[index].isLetter || characters[index].isNumber || "_:".contains(characters[index])
        {
            name.append(characters[index])
            index += 1
        }
        guard !name.isEmpty, index < characters.count else { throw Malformed(line: line) }
        var labels: [String: String] = [:]
        if characters[index] == "{" {
            index += 1
            while index < characters.count, characters[index] != "}" {
                var key = ""
                while index < characters.count, characters[index] != "=" {
                    key.append(characters[index])
                    index += 1
                }
                guard index + 1 < characters.count, characters[index + 1] == "\"" else { throw Malformed(line: line) }
                index += 2
                var value = ""
                while index < characters.count, characters[index] != "\"" {
                    if characters[index] == "\\" {
                        guard index + 1 < characters.count else { throw Malformed(line: line) }
                        switch characters[index + 1] {
                        case "\\": value.append("\\")
                        case "\"": value.append("\"")
                        case "n": value.append("\n")
                        default: throw Malformed(line: line)
                        }
                        index += 2
                    } else {
                        value.append(characters[index])
                        index += 1
                    }
                }
                guard index < characters.count, labels[key] == nil else { throw Malformed(line: line) }
                labels[key] = value
                index += 1
                if index < characters.count, characters[index] == "," { index += 1 }
            }
            guard index < characters.count else { throw Malformed(line: line) }
            index += 1
        }
        guard index < characters.count, characters[index] == " " else { throw Malformed(line: line) }
        let text = String(characters[(index + 1)...])
        guard let value = text == "+Inf" ? Double.infinity : Double(text) else { throw Malformed(line: line) }
        return Sample(name: name, labels: labels, value: value)
    }
}
