/// The style sheet every page carries inline (the pages load nothing): light and dark colours
/// through `prefers-color-scheme`, tables that scroll sideways on a 375 px screen.
enum PageStyle {
    static let css = """
        :root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa;
          --line: #d0d7de; --link: #0969da; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --info: #0969da;
          --ok-bg: #dafbe1; --bad-bg: #ffebe9; --warn-bg: #fff8c5; --info-bg: #ddf4ff; }
        @media (prefers-color-scheme: dark) {
          :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #161b22; --line: #30363d; --link: #4493f8;
            --ok: #3fb950; --bad: #f85149; --warn: #d29922; --info: #4493f8;
            --ok-bg: #12261e; --bad-bg: #301a1f; --warn-bg: #2e2a1e; --info-bg: #121d2f; }
        }
        * { box-sizing: border-box; }
        body { font-family: -apple-system, "Segoe UI", "Liberation Sans", Helvetica, Arial, sans-serif; color: var(--fg);
          background: var(--bg); margin: 0; padding: 0 1rem 2rem; line-height: 1.45; font-size: 15px; }
        header.top { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: baseline; padding: 0.8rem 0;
          border-bottom: 1px solid var(--line); margin-bottom: 1rem; }
        header.top .brand { font-weight: 700; color: var(--fg); text-decoration: none; }
        nav a { margin-right: 1rem; }
        a { color: var(--link); }
        h1 { font-size: 1.45rem; margin: 0.4rem 0 0.6rem; overflow-wrap: anywhere; }
        h2 { font-size: 1.15rem; margin: 1.6rem 0 0.5rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; }
        h3 { font-size: 1rem; margin: 1rem 0 0.3rem; }
        .muted, .note { color: var(--muted); }
        .scroll { overflow-x: auto; max-width: 100%; }
        table { border-collapse: collapse; margin: 0.3rem 0 0.8rem; min-width: 100%; }
        th, td { border-bottom: 1px solid var(--line); padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
        th { background: var(--panel); font-weight: 600; white-space: nowrap; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.name { overflow-wrap: anywhere; min-width: 8rem; }
        .badge { display: inline-block; padding: 0.05rem 0.5rem; border-radius: 1rem; font-size: 0.85rem; font-weight: 600;
          white-space: nowrap; border: 1px solid currentColor; }
        .ready, .pass { color: var(--ok); background: var(--ok-bg); }
        .not-ready, .fail { color: var(--bad); background: var(--bad-bg); }
        .insufficient-data, .warn { color: var(--warn); background: var(--warn-bg); }
        .enforced { color: var(--info); background: var(--info-bg); }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); gap: 0.6rem; margin: 0.6rem 0; }
        .card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.7rem; }
        .card .label { color: var(--muted); font-size: 0.8rem; }
        .card .value { font-size: 1.25rem; font-weight: 600; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
        form.inline { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; margin: 0.5rem 0; }
        input[type=search], input[type=date] { font: inherit; padding: 0.2rem 0.4rem; color: var(--fg); background: var(--bg);
          border: 1px solid var(--line); border-radius: 4px; }
        button { font: inherit; padding: 0.2rem 0.8rem; color: var(--fg); background: var(--panel); border: 1px solid var(--line);
          border-radius: 4px; }
        pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 0.7rem; overflow-x: auto;
          font-size: 0.85rem; white-space: pre; }
        details summary { cursor: pointer; color: var(--link); margin: 0.2rem 0 0.6rem; }
        ul.checks { list-style: none; padding: 0; }
        ul.checks > li { border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.7rem; margin: 0.4rem 0; }
        ul.checks .evidence { color: var(--muted); font-size: 0.9rem; margin: 0.2rem 0 0; padding-left: 1.2rem; }
        .attention li { color: var(--warn); }
        svg.chart { width: 100%; height: auto; max-width: 60rem; display: block; }
        svg .axis { stroke: var(--muted); stroke-width: 1; }
        svg .grid { stroke: var(--line); stroke-width: 1; }
        svg text { fill: var(--muted); font-size: 11px; font-family: inherit; }
        svg .successful { fill: var(--ok); }
        svg .failed { fill: var(--bad); }
        svg .rate { stroke: var(--bad); fill: none; stroke-width: 1.5; }
        svg.sparkline { width: 7.5rem; height: 1.6rem; vertical-align: middle; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0.5rem 0; }
        dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        @media (max-width: 600px) { body { padding: 0 0.6rem 1.5rem; font-size: 14px; } th, td { padding: 0.25rem 0.4rem; }
          svg.chart text { font-size: 19px; } }
        """
}
