import Foundation
import TLSRPTKit

/// The web pages of `tlsrpt serve` and the single HTML file of `tlsrpt report --html`, made from
/// the store by the same functions as `summary`, `readiness` and `policy` (so every figure
/// equals theirs for the same period), through Mustache templates compiled into the binary.
///
/// ```swift
/// let dashboard = Dashboard(store: try SQLiteReportStore(path: "tlsrpt.sqlite"))
/// let page = try dashboard.domainPage("example.com", parameters: ["last": "7d"])
/// // page.status == 200, page.html is the whole document
/// ```
///
/// Every reporter string is escaped (and its control characters shown as escapes); links from
/// `additional-information` are made only for `http` and `https` URLs; the pages run no script
/// and load nothing (``DashboardPage/contentSecurityPolicy``).
public struct Dashboard: Sendable {
    let store: any ReportReading
    let clock: @Sendable () -> Date

    /// - Parameter now: the current time (tests fix it); the pages' default period ends yesterday, UTC.
    public init(store: any ReportReading, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.clock = now
    }

    var nowSeconds: Int64 { Int64(clock().timeIntervalSince1970) }
    var today: Int64 { Timestamp.day(of: nowSeconds) }

    var generated: String { "generated " + Timestamp.format(nowSeconds) }

    /// `/`: every domain with reports in the period.
    /// - Throws: the store's ``TLSRPTKit/StoreError`` when it cannot be read.
    public func indexPage(parameters: [String: String] = [:]) throws -> DashboardPage {
        let query: DashboardQuery
        do { query = try DashboardQuery(parameters: parameters, today: today) } catch { return badRequest(error) }
        let links = PageLinks(mode: .server, periodParameters: query.periodParameters)
        let content = try IndexPage(store: store, query: query, today: today, links: links).content()
        return page("Domains", content)
    }

    /// `/domains/DOMAIN`; 404 when the store has no report for the domain at all.
    public func domainPage(_ domain: String, parameters: [String: String] = [:]) throws -> DashboardPage {
        let query: DashboardQuery
        do { query = try DashboardQuery(parameters: parameters, today: today) } catch { return badRequest(error) }
        guard let name = DomainName.normalized(domain) else { return notFound("No such domain.") }
        let links = PageLinks(mode: .server, periodParameters: query.periodParameters)
        guard let content = try DomainPage(store: store, query: query, today: today, links: links, now: nowSeconds).content(domain: name)
        else {
            return notFound("No report in the database names this domain.")
        }
        return page(name, content)
    }

    /// `/reports/ID`: the stored report of input ID; 404 when there is none.
    public func reportPage(inputID: Int64) throws -> DashboardPage {
        let links = PageLinks(mode: .server, periodParameters: [])
        guard let (title, content) = try ReportPage(store: store, links: links).content(inputID: inputID) else {
            return notFound("No stored report has this input id.")
        }
        return page(title, content)
    }

    /// `/rejects`: rejected and conflicting inputs, newest first.
    public func rejectsPage() throws -> DashboardPage {
        page("Rejected inputs", try RejectsPage(store: store).content())
    }

    /// A page saying `text` with `status` (404 for a path the dashboard does not serve).
    public func messagePage(status: Int, heading: String, text: String) -> DashboardPage {
        struct Model {
            var heading: String
            var text: String
        }
        let content = Templates.render(Model(heading: heading, text: text), "message")
        return DashboardPage(status: status, html: Layout(title: heading, isServer: true, generated: generated, content: content).render())
    }

    /// `tlsrpt report --html`: the list of domains and a section per domain, in one document with
    /// inline style and charts, no script and no link out (links are anchors within it).
    /// - Parameters:
    ///   - domains: the domains to include (all with reports in the period when empty).
    ///   - period: the days; readiness is computed as of its last day.
    public func singleFileReport(domains: [String], period: ReportingPeriod) throws -> String {
        let query = DashboardQuery(period: period)
        let links = PageLinks(mode: .singleFile, periodParameters: [])
        let index = IndexPage(store: store, query: query, today: today, links: links)
        let names = try index.rows(only: domains).map(\.domain)
        var content = try index.content(only: domains)
        let domainPage = DomainPage(store: store, query: query, today: today, links: links, now: nowSeconds)
        for name in names {
            // The rows carry sanitized names; a name that needed escapes is looked up as stored.
            guard let section = try domainPage.content(domain: name) else { continue }
            content += "<hr>\n" + section
        }
        let title = "TLS reports " + DomainPage.periodText(period)
        return Layout(title: title, isServer: false, generated: generated, content: content).render()
    }

    func page(_ title: String, _ content: String) -> DashboardPage {
        DashboardPage(status: 200, html: Layout(title: title, isServer: true, generated: generated, content: content).render())
    }

    func notFound(_ text: String) -> DashboardPage {
        messagePage(status: 404, heading: "Not found", text: text)
    }

    func badRequest(_ problem: DashboardQuery.Problem) -> DashboardPage {
        messagePage(status: 400, heading: "Bad request", text: problem.description)
    }
}
