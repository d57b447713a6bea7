import Foundation

extension String {
    /// The text with the line breaks of wrapping undone: every line break followed by indentation
    /// (spaces, or the `#` and three spaces of a continued comment) becomes one space, so a phrase
    /// the output wrapped to fit 80 columns can be searched for whole.
    var unwrapped: String {
        replacingOccurrences(of: #"\n(#   +| +)"#, with: " ", options: .regularExpression)
    }
}
