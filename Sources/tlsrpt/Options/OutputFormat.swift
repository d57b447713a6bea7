import Foundation
import ArgumentParser

/// Output formats; each command accepts the subset it supports.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, markdown, email
}

/// Today's UTC day number.
func todayDay() -> Int64 {
    Int64((Date().timeIntervalSince1970 / 86_400).rounded(.down))
}
