import Foundation

@testable import TLSRPTKit

/// A hand-built ``PeriodSummary`` with known figures and hostile reporter strings.
enum SummaryFixture {
    static let fromDay: Int64 = 20_779  // 2026-11-22
    static let untilDay: Int64 = 20_785  // 2026-11-28

    static let formulaType = "=cmd|' /C calc'!A0"
    static let hostileOrganization = "Evil\u{1B}[31mCorp\u{07}"
    static let scriptMX = "mx1.example.com|<script>alert(1)</script>"
    static let longMX = "mx-" + String(repeating: "very-long-label-", count: 8) + "end.example.com"
    static let quotedOrganization = "Acme, \"Mail\" Inc."
    static let wideOrganization = "株式会社テスト通信サービス株式会社テスト通信サービス株式会社テスト通信"

    static var summary: PeriodSummary {
        PeriodSummary(fromDay: fromDay, untilDay: untilDay, domains: [exampleCom, exampleOrg])
    }

    static var empty: PeriodSummary {
        PeriodSummary(fromDay: fromDay, untilDay: untilDay, domains: [])
    }

    /// A domain with failures, counters that disagree with the details, three days and attention.
    static var exampleCom: DomainSummary {
        DomainSummary(
            domain: "example.com",
            successfulSessions: 1_234_567,
            failedSessions: 12_345,
            reports: 42,
            organizations: 5,
            policyModes: ["enforce", "testing"],
            byResultType: [
                .init(key: formulaType, sessions: 7_000),
                .init(key: "certificate-expired", sessions: 3_000),
                .init(key: "starttls-not-supported", sessions: 1_500),
                .init(key: "validation-failure", sessions: 500),
                .init(key: "sts-webpki-invalid", sessions: 340),
            ],
            byMX: [
                .init(
                    mx: scriptMX, failedSessions: 9_000,
                    byResultType: [
                        .init(key: formulaType, sessions: 7_000), .init(key: "certificate-expired", sessions: 2_000),
                    ]),
                .init(
                    mx: longMX, failedSessions: 2_000,
                    byResultType: [
                        .init(key: "starttls-not-supported", sessions: 1_500),
                        .init(key: "certificate-expired", sessions: 500),
                    ]),
                .init(
                    mx: "mx3.example.com", failedSessions: 1_340,
                    byResultType: [
                        .init(key: "certificate-expired", sessions: 500),
                        .init(key: "validation-failure", sessions: 500),
                        .init(key: "sts-webpki-invalid", sessions: 340),
                    ]),
            ],
            byOrganization: [
                .init(organization: hostileOrganization, successfulSessions: 100_000, failedSessions: 9_000),
                .init(organization: "Google Inc.", successfulSessions: 1_000_000, failedSessions: 3_000),
                .init(organization: quotedOrganization, successfulSessions: 100_000, failedSessions: 345),
                .init(organization: wideOrganization, successfulSessions: 34_567, failedSessions: 0),
            ],
            bySendingIP: [
                .init(key: "192.0.2.1", sessions: 8_000),
                .init(key: "2001:db8::1", sessions: 4_340),
            ],
            days: [
                .init(day: 20_779, successfulSessions: 400_000, failedSessions: 4_000),
                .init(day: 20_780, successfulSessions: 434_567, failedSessions: 4_345),
                .init(day: 20_785, successfulSessions: 400_000, failedSessions: 4_000),
            ],
            detailedFailedSessions: 12_340,
            attention: [
                .init(
                    kind: .newMX, subject: scriptMX,
                    message: "New MX host \(scriptMX) failed 9,000 sessions; it was not seen in the 7 days before."),
                .init(
                    kind: .failureRateJump, subject: "",
                    message: "The failure rate rose from 0.10% to 0.99%."),
                .init(
                    kind: .silentReporter, subject: hostileOrganization,
                    message: "\(hostileOrganization) sent reports in the previous period but none in this one."),
            ]
        )
    }

    /// A quiet domain: one day, no failures.
    static var exampleOrg: DomainSummary {
        DomainSummary(
            domain: "example.org",
            successfulSessions: 5_000,
            failedSessions: 0,
            reports: 1,
            organizations: 1,
            policyModes: ["testing"],
            byResultType: [],
            byMX: [],
            byOrganization: [.init(organization: "Google Inc.", successfulSessions: 5_000, failedSessions: 0)],
            bySendingIP: [],
            days: [.init(day: 20_781, successfulSessions: 5_000, failedSessions: 0)],
            detailedFailedSessions: 0,
            attention: []
        )
    }
}

/// An RFC 4180 parser for checking CSV output: records end in CRLF, a bare CR or LF outside
/// quotes is an error.
enum CSVTestParser {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ text: String) throws -> [[String]] {
        let scalars = Array(text.unicodeScalars)
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var index = 0
        var fieldStarted = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\"" && !fieldStarted {
                index += 1
                while true {
                    guard index < scalars.count else { throw Failure(description: "unterminated quoted field") }
                    if scalars[index] == "\"" {
                        if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                            field.unicodeScalars.append("\"")
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    field.unicodeScalars.append(scalars[index])
                    index += 1
                }
                fieldStarted = true
                guard index == scalars.count || scalars[index] == "," || scalars[index] == "\r" else {
                    throw Failure(description: "text after a closing quote at \(index)")
                }
                continue
            }
            switch scalar {
            case ",":
                record.append(field)
                field = ""
                fieldStarted = false
                index += 1
            case "\r":
                guard index + 1 < scalars.count, scalars[index + 1] == "\n" else {
                    throw Failure(description: "bare CR at \(index)")
                }
                record.append(field)
                records.append(record)
                record = []
                field = ""
                fieldStarted = false
                index += 2
            case "\n":
                throw Failure(description: "bare LF at \(index)")
            case "\"":
                throw Failure(description: "quote inside an unquoted field at \(index)")
            default:
                field.unicodeScalars.append(scalar)
                fieldStarted = true
                index += 1
            }
        }
        guard record.isEmpty, field.isEmpty else { throw Failure(description: "last record not ended by CRLF") }
        return records
    }
}

/// A quoted-printable decoder (RFC 2045 §6.7) for checking e-mail bodies.
enum QuotedPrintableTestDecoder {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func decode(_ text: String) throws -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x41...0x46: byte - 0x41 + 10
            default: nil
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            guard byte < 0x80 else { throw Failure(description: "8-bit byte at \(index)") }
            if byte == 0x3D {
                if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A {
                    index += 3  // soft line break
                    continue
                }
                guard index + 2 < bytes.count, let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) else {
                    throw Failure(description: "bad escape at \(index)")
                }
                output.append(high << 4 | low)
                index += 3
                continue
            }
            if byte == 0x0D {
                guard index + 1 < bytes.count, bytes[index + 1] == 0x0A else {
                    throw Failure(description: "bare CR at \(index)")
                }
                if index > 0, bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09 {
                    throw Failure(description: "unencoded trailing white space before \(index)")
                }
                output += [0x0D, 0x0A]
                index += 2
                continue
            }
            guard byte != 0x0A else { throw Failure(description: "bare LF at \(index)") }
            output.append(byte)
            index += 1
        }
        if let last = bytes.last, last == 0x20 || last == 0x09 {
            throw Failure(description: "unencoded trailing white space at the end")
        }
        guard let decoded = String(validating: output, as: UTF8.self) else {
            throw Failure(description: "not UTF-8")
        }
        return decoded
    }
}
