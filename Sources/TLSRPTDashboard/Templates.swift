import Mustache

/// The Mustache templates of the pages, compiled into the binary (it needs no file beside it).
///
/// Every value goes in as `{{value}}`, which escapes HTML. The only triple mustaches are
/// `{{{content}}}` (a page these templates rendered, escaped already), `{{{style}}}` (the fixed
/// ``PageStyle``) and `{{{svg}}}` (``SessionChart`` markup made of numbers, dates and fixed words):
/// never a reporter's string.
enum Templates {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        do {
            for (name, text) in all { try library.register(text, named: name) }
        } catch {
            preconditionFailure("a dashboard template does not parse: \(error)")
        }
        return library
    }()

    static let all: [(String, String)] = [
        ("layout", layout), ("index", index), ("domain", domain), ("report", report), ("rejects", rejects),
        ("message", message), ("checks", checks), ("counts", counts),
    ]

    /// Renders `model` with the template `name`.
    static func render(_ model: Any, _ name: String) -> String {
        library.render(model, withTemplate: name) ?? ""
    }

    static let layout = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="{{csp}}">
        <meta name="referrer" content="no-referrer">
        <title>{{title}} · tlsrpt</title>
        <style>{{{style}}}</style>
        </head>
        <body>
        <header class="top">
        {{#isServer}}<a class="brand" href="/">tlsrpt</a>
        <nav><a href="/">Domains</a><a href="/rejects">Rejects</a></nav>{{/isServer}}
        {{^isServer}}<span class="brand">tlsrpt report</span>{{/isServer}}
        <span class="muted">{{generated}}</span>
        </header>
        <main>
        {{{content}}}
        </main>
        </body>
        </html>

        """

    static let index = """
        <section id="domains">
        <h1>Domains</h1>
        <p class="muted">{{periodText}}. Sessions and failure rates follow the counting rules of <code>tlsrpt summary</code>; the verdict is <code>tlsrpt readiness</code>’s{{#readinessAsOf}} as of {{readinessAsOf}}{{/readinessAsOf}}.</p>
        {{#isServer}}
        <form class="inline" method="get" action="/" role="search">
        {{#hiddenParameters}}<input type="hidden" name="{{name}}" value="{{value}}">{{/hiddenParameters}}
        <label for="q">Domain</label> <input type="search" id="q" name="q" value="{{search}}" placeholder="example.com">
        <button type="submit">Search</button>
        {{#hasSearch}}<a href="{{clearSearch}}">show all</a>{{/hasSearch}}
        </form>
        <p class="muted">Period: {{#periodLinks}}<a href="{{href}}">{{label}}</a> {{/periodLinks}}</p>
        {{/isServer}}
        {{#hasRows}}
        <div class="scroll"><table>
        <thead><tr>
        <th>{{#isServer}}<a href="{{sortByDomain}}">Domain</a>{{/isServer}}{{^isServer}}Domain{{/isServer}}</th>
        <th>Readiness</th>
        <th class="n">Sessions, last 7 days</th><th class="n">Failure rate, 7 days</th>
        <th class="n">{{#isServer}}<a href="{{sortBySessions}}">Sessions, {{lengthText}}</a>{{/isServer}}{{^isServer}}Sessions, {{lengthText}}{{/isServer}}</th>
        <th class="n">{{#isServer}}<a href="{{sortByFailureRate}}">Failure rate, {{lengthText}}</a>{{/isServer}}{{^isServer}}Failure rate, {{lengthText}}{{/isServer}}</th>
        <th>Daily failure rate</th><th class="n">Reporters</th><th>Policy mode seen</th>
        </tr></thead>
        <tbody>
        {{#rows}}
        <tr data-domain="{{domain}}">
        <td class="name"><a href="{{href}}">{{domain}}</a></td>
        <td><span class="badge {{verdict}}">{{verdict}}</span>{{#failing}}<br><span class="muted">{{failing}}</span>{{/failing}}</td>
        <td class="n" data-figure="recent-sessions">{{recentSessions}}</td><td class="n" data-figure="recent-rate">{{recentRate}}</td>
        <td class="n" data-figure="sessions">{{sessions}}</td><td class="n" data-figure="rate">{{rate}}</td>
        <td>{{{sparkline}}}</td>
        <td class="n" data-figure="reporters">{{reporters}}</td><td data-figure="modes">{{modes}}</td>
        </tr>
        {{/rows}}
        </tbody></table></div>
        <p class="muted">Sorted by {{sortText}}.</p>
        {{/hasRows}}
        {{^hasRows}}<p>{{emptyText}}</p>{{/hasRows}}
        </section>

        """

    /// A table of counts, the first ``DomainPage/topCount`` rows shown and the rest behind
    /// "show all": a link to the page with the table in full on the server, a `<details>` (which
    /// needs no script) in the single file.
    static let counts = """
        <h3 id="{{id}}">{{title}}</h3>
        {{#hasRows}}
        <div class="scroll"><table>
        <thead><tr><th>{{keyTitle}}</th>{{#columns}}<th class="n">{{.}}</th>{{/columns}}</tr></thead>
        <tbody>{{#top}}<tr><td class="name">{{key}}{{#note}} <span class="muted">{{note}}</span>{{/note}}</td>{{#values}}<td class="n">{{.}}</td>{{/values}}</tr>{{/top}}</tbody>
        </table></div>
        {{#hasMore}}
        {{#showAllHref}}<p><a href="{{showAllHref}}">show all {{total}}</a></p>{{/showAllHref}}
        {{^showAllHref}}
        <details><summary>show all {{total}}</summary>
        <div class="scroll"><table>
        <thead><tr><th>{{keyTitle}}</th>{{#columns}}<th class="n">{{.}}</th>{{/columns}}</tr></thead>
        <tbody>{{#rest}}<tr><td class="name">{{key}}{{#note}} <span class="muted">{{note}}</span>{{/note}}</td>{{#values}}<td class="n">{{.}}</td>{{/values}}</tr>{{/rest}}</tbody>
        </table></div>
        </details>
        {{/showAllHref}}
        {{/hasMore}}
        {{/hasRows}}
        {{^hasRows}}<p class="muted">none</p>{{/hasRows}}

        """

    static let checks = """
        <ul class="checks">
        {{#checks}}
        <li><span class="badge {{status}}">{{status}}</span> <strong>{{id}}</strong>: {{message}}
        {{#hasEvidence}}<ul class="evidence">{{#evidence}}<li>{{name}}: {{value}}</li>{{/evidence}}</ul>{{/hasEvidence}}
        {{#remedy}}<p>→ {{remedy}}</p>{{/remedy}}
        </li>
        {{/checks}}
        </ul>

        """

    static let domain = """
        <section id="{{anchor}}">
        <h1>{{domain}}</h1>
        <p><span class="badge {{verdict}}">{{verdict}}</span> {{verdictText}}</p>
        <p class="muted">{{periodText}}{{#isServer}} · Period: {{#periodLinks}}<a href="{{href}}">{{label}}</a> {{/periodLinks}}{{/isServer}}</p>
        {{#isServer}}
        <form class="inline" method="get" action="{{selfPath}}">
        <label for="since">From</label> <input type="date" id="since" name="since" value="{{since}}">
        <label for="until">to</label> <input type="date" id="until" name="until" value="{{until}}">
        <button type="submit">Show</button>
        </form>
        {{/isServer}}
        {{#hasSummary}}
        <div class="cards">
        <div class="card"><div class="label">Successful sessions</div><div class="value" data-figure="successful">{{successful}}</div></div>
        <div class="card"><div class="label">Failed sessions</div><div class="value" data-figure="failed">{{failed}}</div></div>
        <div class="card"><div class="label">Failure rate</div><div class="value" data-figure="rate">{{rate}}</div></div>
        <div class="card"><div class="label">Reports</div><div class="value" data-figure="reports">{{reports}}</div></div>
        <div class="card"><div class="label">Reporting organisations</div><div class="value" data-figure="organizations">{{organizations}}</div></div>
        <div class="card"><div class="label">Policy modes seen</div><div class="value" data-figure="modes">{{modes}}</div></div>
        </div>
        {{#countersNote}}<p class="note">{{countersNote}}</p>{{/countersNote}}
        {{#hasAttention}}<h2>Needs attention</h2><ul class="attention">{{#attention}}<li>{{.}}</li>{{/attention}}</ul>{{/hasAttention}}
        <h2>Sessions per day</h2>
        {{{sessionsChart}}}
        <h3>Failed sessions per day</h3>
        {{{failuresChart}}}
        <h2>Failures</h2>
        {{#breakdowns}}{{>counts}}{{/breakdowns}}
        {{/hasSummary}}
        {{^hasSummary}}<p>{{noReportsText}}</p>{{/hasSummary}}
        <h2>Policies reporters saw</h2>
        {{#hasPolicies}}
        <div class="scroll"><table>
        <thead><tr><th>Mode</th><th class="n">max_age</th><th>mx patterns</th><th>First seen</th><th>Last seen</th><th class="n">Reports</th><th>Reported by</th></tr></thead>
        <tbody>{{#policies}}<tr><td>{{mode}}</td><td class="n">{{maxAge}}</td><td class="name">{{patterns}}</td><td>{{firstSeen}}</td><td>{{lastSeen}}</td><td class="n">{{reports}}</td><td class="name">{{organizations}}</td></tr>{{/policies}}</tbody>
        </table></div>
        {{/hasPolicies}}
        {{^hasPolicies}}<p class="muted">No reporter copied an MTA-STS policy into a report of this period.</p>{{/hasPolicies}}
        <h2>Readiness checks</h2>
        <p class="muted">{{readinessWindow}}</p>
        {{>checks}}
        <h2>Next step</h2>
        <p>{{nextStepText}}</p>
        <pre>{{nextStepCommand}}</pre>
        {{#hasNextStepMessages}}<pre>{{#nextStepMessages}}{{.}}
        {{/nextStepMessages}}</pre>{{/hasNextStepMessages}}
        {{#nextStepOutput}}<p class="muted">What <code>{{nextStepCommand}}</code> prints:</p><pre>{{nextStepOutput}}</pre>{{/nextStepOutput}}
        {{#hasReports}}
        <h2>Latest reports</h2>
        <div class="scroll"><table>
        <thead><tr><th>Organisation</th><th>Report id</th><th>Start</th><th class="n">Successful</th><th class="n">Failed</th></tr></thead>
        <tbody>{{#latestReports}}<tr><td class="name">{{organization}}</td><td class="name">{{#href}}<a href="{{href}}">{{reportID}}</a>{{/href}}{{^href}}{{reportID}}{{/href}}</td><td>{{start}}</td><td class="n">{{successful}}</td><td class="n">{{failed}}</td></tr>{{/latestReports}}</tbody>
        </table></div>
        {{/hasReports}}
        </section>

        """

    static let report = """
        <h1>Report {{reportID}}</h1>
        <p class="muted">from {{organization}}, {{start}} to {{end}}</p>
        <h2>Provenance</h2>
        <dl class="facts">{{#facts}}<dt>{{name}}</dt><dd>{{value}}</dd>{{/facts}}</dl>
        <p><a href="{{originalHref}}" download>Download the original</a> ({{originalForm}})</p>
        <h2>Policy domains</h2>
        <ul>{{#domains}}<li><a href="{{href}}">{{name}}</a></li>{{/domains}}</ul>
        {{#hasLinks}}<h2>Links in additional-information</h2><ul>{{#links}}<li><a href="{{href}}" rel="noopener noreferrer nofollow">{{href}}</a></li>{{/links}}</ul>{{/hasLinks}}
        <h2>Normalised JSON</h2>
        <pre>{{json}}</pre>

        """

    static let rejects = """
        <h1>Rejected inputs</h1>
        <p class="muted">Inputs that could not be stored as reports, with the reason; their original bytes are kept (<code>tlsrpt show ID</code>, <code>tlsrpt reprocess</code>).</p>
        {{#hasRows}}
        <div class="scroll"><table>
        <thead><tr><th class="n">Input</th><th>Received</th><th>Status</th><th>Source</th><th>Reason</th><th class="n">Size</th></tr></thead>
        <tbody>{{#rows}}<tr><td class="n"><a href="{{href}}">#{{id}}</a></td><td>{{received}}</td><td>{{status}}</td><td class="name">{{source}}</td><td class="name">{{reason}}</td><td class="n">{{size}}</td></tr>{{/rows}}</tbody>
        </table></div>
        {{/hasRows}}
        {{^hasRows}}<p>No rejected inputs.</p>{{/hasRows}}

        """

    static let message = """
        <h1>{{heading}}</h1>
        <p>{{text}}</p>
        <p><a href="/">All domains</a></p>

        """
}
