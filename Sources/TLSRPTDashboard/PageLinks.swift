import Foundation

/// Where the pages link to: the server's paths (keeping the chosen period), or, in the single
/// file `report --html` writes, anchors within it and no link to what only the server has.
struct PageLinks: Sendable {
    enum Mode: Sendable {
        case server
        case singleFile
    }

    var mode: Mode
    /// The period parameters links keep.
    var periodParameters: [(String, String)]

    var isServer: Bool { mode == .server }

    /// The list of domains, ordered by `sort`, with `search` kept.
    func index(sort: DashboardQuery.Sort? = nil, search: String = "") -> String {
        guard isServer else { return "#domains" }
        var parameters = periodParameters
        if let sort, sort != .domain { parameters.append(("sort", sort.rawValue)) }
        if !search.isEmpty { parameters.append(("q", search)) }
        return "/" + Self.queryString(parameters)
    }

    /// The page of `domain`.
    func domain(_ domain: String) -> String {
        guard isServer else { return "#domain-" + Self.anchor(domain) }
        return "/domains/" + Self.pathComponent(domain) + Self.queryString(periodParameters)
    }

    /// The page of `domain` with `breakdown` in full, at that table; `nil` in the single file.
    func domain(_ domain: String, showingAll breakdown: DashboardQuery.Breakdown) -> String? {
        guard isServer else { return nil }
        return "/domains/" + Self.pathComponent(domain) + Self.queryString(periodParameters + [("all", breakdown.rawValue)])
            + "#" + breakdown.rawValue
    }

    /// The page of a stored report; `nil` in the single file.
    func report(_ inputID: Int64) -> String? {
        isServer ? "/reports/\(inputID)" : nil
    }

    /// The same page for another period given as `last=…`.
    func period(last: String, onDomain domain: String?) -> String {
        let query = Self.queryString([("last", last)])
        guard let domain else { return "/" + query }
        return "/domains/" + Self.pathComponent(domain) + query
    }

    /// `?a=b&c=d`, percent-encoded; empty without parameters.
    static func queryString(_ parameters: [(String, String)]) -> String {
        guard !parameters.isEmpty else { return "" }
        return "?" + parameters.map { encoded($0.0) + "=" + encoded($0.1) }.joined(separator: "&")
    }

    static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    static func pathComponent(_ text: String) -> String { encoded(text) }

    /// An `id` for a domain's section: letters, digits, `-` and `.`, anything else as `_`.
    static func anchor(_ domain: String) -> String {
        String(domain.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") ? $0 : "_" })
    }
}
