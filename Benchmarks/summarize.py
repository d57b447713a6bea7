#!/usr/bin/env python3
"""Turn the runner's raw measurements (a TSV, one line per process run) into the result tables.

Columns: tool form size run kind wall user sys rss_kb db_bytes corpus_bytes count note
  tool  tlsrpt | parsedmarc | floor
  kind  ingest | reingest | query
Every figure printed is the median over the runs of that (tool, form, size, kind).
Usage: summarize.py RAW.tsv [--smoke] [--gzip-bytes SIZE=BYTES ...]
"""
import argparse
import collections
import statistics
import sys

MiB = 1024 * 1024
FORMS = ["gzip", "eml", "mbox", "maildir"]


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def fmt(x, spec=",.0f", none="-"):
    return none if x is None else format(x, spec)


def table(headers, rows):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(str(h))
              for i, h in enumerate(headers)]
    out = ["| " + " | ".join(str(h).ljust(w) for h, w in zip(headers, widths)) + " |",
           "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    for r in rows:
        out.append("| " + " | ".join(str(c).rjust(w) if i else str(c).ljust(w)
                                     for i, (c, w) in enumerate(zip(r, widths))) + " |")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("raw")
    ap.add_argument("--smoke", action="store_true")
    a = ap.parse_args()
    runs = collections.defaultdict(list)
    for line in open(a.raw):
        if not line.strip() or line.startswith("tool\t"):
            continue
        f = line.rstrip("\n").split("\t")
        tool, form, size, run, kind = f[0], f[1], int(f[2]), int(f[3]), f[4]
        wall, user, sys_, rss = float(f[5]), float(f[6]), float(f[7]), int(f[8])
        db, corpus, count = int(f[9]), int(f[10]), int(f[11])
        note = f[12] if len(f) > 12 else ""
        runs[(tool, form, size, kind)].append(dict(wall=wall, cpu=user + sys_, rss=rss * 1024, db=db,
                                                   corpus=corpus, count=count, note=note))
    sizes = sorted({k[2] for k in runs if k[0] == "tlsrpt" and k[3] == "ingest"})
    forms = [f for f in FORMS if any(k[1] == f for k in runs)]
    have_pdm = any(k[0] == "parsedmarc" for k in runs)
    out = []
    res = {}
    headers = ["form", "reports", "runs", "reports/s", "CPU s", "CPU/wall", "peak RSS MiB", "DB MiB",
               "corpus MiB", "DB/gzip", "re-ingest s", "re-ingest speed-up", "re-ingest RSS MiB", "max load"]
    if have_pdm:
        headers += ["parsedmarc parsed", "parsedmarc reports/s", "parsedmarc RSS MiB", "tlsrpt/parsedmarc"]
    rows = []
    for size in sizes:
        gz_bytes = med([r["corpus"] for r in runs.get(("tlsrpt", "gzip", size, "ingest"), [])])
        for form in forms:
            rs = runs.get(("tlsrpt", form, size, "ingest"))
            if not rs:
                continue
            wall = med([r["wall"] for r in rs])
            rate = med([r["count"] / r["wall"] for r in rs if r["wall"] > 0])
            cpu = med([r["cpu"] for r in rs])
            par = med([r["cpu"] / r["wall"] for r in rs if r["wall"] > 0])
            rss = med([r["rss"] for r in rs])
            db = med([r["db"] for r in rs])
            corpus = med([r["corpus"] for r in rs])
            re_rs = runs.get(("tlsrpt", form, size, "reingest"), [])
            re_wall = med([r["wall"] for r in re_rs])
            re_rss = med([r["rss"] for r in re_rs])
            loads = [float(r["note"].split()[1]) for r in rs if r["note"].startswith("load ")]
            d = dict(rate=rate, cpu=cpu, par=par, rss=rss, db=db, corpus=corpus, gz=gz_bytes, wall=wall,
                     re_wall=re_wall, re_speedup=(wall / re_wall) if re_wall else None)
            row = [form, f"{size:,}", len(rs), fmt(rate), fmt(cpu, ".2f"), fmt(par, ".2f"), fmt(rss / MiB, ".1f"),
                   fmt(db / MiB, ".1f"), fmt(corpus / MiB, ".1f"),
                   fmt(db / gz_bytes if gz_bytes else None, ".2f"),
                   fmt(re_wall, ".2f"), fmt(d["re_speedup"], ".1f") + ("x" if d["re_speedup"] else ""),
                   fmt(re_rss / MiB if re_rss else None, ".1f"),
                   fmt(max(loads) if loads else None, ".1f")]
            if have_pdm:
                ps = runs.get(("parsedmarc", form, size, "ingest"), [])
                if ps:
                    prate = med([r["count"] / r["wall"] for r in ps if r["wall"] > 0])
                    parsed = med([r["count"] for r in ps])
                    prss = med([r["rss"] for r in ps])
                    d.update(pdm_rate=prate, pdm_ratio=rate / prate if prate else None)
                    note = ps[0]["note"]
                    row += [f"{parsed:,.0f}" + (" *" if note else ""), fmt(prate), fmt(prss / MiB, ".0f"),
                            fmt(d["pdm_ratio"], ".1f") + "x"]
                else:
                    row += ["-", "-", "-", "-"]
            res[(form, size)] = d
            rows.append(row)
    out.append("### Ingest (median of runs; fresh database each run; warm page cache)\n")
    out.append(table(headers, rows))
    notes = sorted({r["note"] for k, v in runs.items() if k[0] == "parsedmarc" for r in v if r["note"]})
    if notes:
        out.append("\n\\* parsedmarc: " + "\n\\* parsedmarc: ".join(notes))

    floor_rows = []
    for size in sizes:
        fs = runs.get(("floor", "gzip", size, "ingest"))
        if not fs:
            continue
        frate = med([r["count"] / r["wall"] for r in fs])
        parser = fs[0]["note"]
        t = res.get(("gzip", size), {})
        floor_rows.append([f"{size:,}", parser, len(fs), fmt(frate), fmt(t.get("rate")),
                           fmt(t["rate"] / frate if t.get("rate") else None, ".2f") + "x"])
        res[("floor", size)] = frate
    if floor_rows:
        out.append("\n### Python floor (read + zlib + orjson.loads per .json.gz, one core, in-process timing)\n")
        out.append(table(["reports", "parser", "runs", "floor reports/s", "tlsrpt gzip reports/s",
                          "tlsrpt/floor"], floor_rows))

    for k in sorted(k for k in runs if k[3] == "query-db-ingest"):
        r = runs[k][0]
        out.append(f"\n### Building the query database\n\n{k[2]:,} `.json.gz` reports ingested in one run: "
                   f"{r['wall']:.0f} s ({r['count'] / r['wall']:,.0f} reports/s, {r['note']}), CPU {r['cpu']:.0f} s "
                   f"(CPU/wall {r['cpu'] / r['wall']:.2f}), peak RSS {r['rss'] / MiB:.1f} MiB, database "
                   f"{r['db'] / MiB:,.0f} MiB = {r['db'] / r['corpus']:.2f}x the {r['corpus'] / MiB:,.0f} MiB of gzip'd "
                   f"reports; accepted {r['count']:,}.")
    qrows = []
    for k in sorted(k for k in runs if k[3] == "query"):
        qs = runs[k]
        ok = [r for r in qs if not r["note"].startswith("error")]
        ms = med([r["wall"] * 1000 for r in ok])
        qrows.append([k[1], f"{k[2]:,}", len(ok), fmt(ms, ",.0f"), fmt(med([r["rss"] for r in ok]) / MiB
                                                                      if ok else None, ".1f"),
                      (qs[0]["note"] or "")[:80]])
        res[("query", k[1])] = ms
    if qrows:
        out.append("\n### Queries on the large database (median wall ms, whole process)\n")
        out.append(table(["query", "reports in DB", "runs", "median ms", "peak RSS MiB", "note"], qrows))

    if not a.smoke:
        out.append("\n### Targets\n")
        out += targets(res, sizes, have_pdm)
    print("\n".join(out))


def targets(res, sizes, have_pdm):
    lines = []

    def check(name, ok, detail):
        mark = "n/a " if ok is None else ("PASS" if ok else "FAIL")
        lines.append(f"- [{mark}] {name}: {detail}")

    for size in sizes:
        for form in FORMS:
            d = res.get((form, size))
            if not d:
                continue
            if have_pdm and (form != "gzip" or size in (10000, 100000)):
                r = d.get("pdm_ratio")
                check(f"{form} {size:,} >= 20x parsedmarc", None if r is None else r >= 20,
                      "no parsedmarc figure" if r is None else f"{r:.1f}x")
    big = max(sizes) if sizes else None
    for form in FORMS:
        d = res.get((form, 100000))
        if d:
            check(f"{form} 100,000 peak RSS <= 64 MiB", d["rss"] <= 64 * MiB, f"{d['rss'] / MiB:.1f} MiB")
            small = res.get((form, 10000))
            if small:
                growth = d["rss"] / small["rss"]
                check(f"{form} peak RSS flat 10k -> 100k (<= 1.25x)", growth <= 1.25,
                      f"{small['rss'] / MiB:.1f} -> {d['rss'] / MiB:.1f} MiB ({growth:.2f}x)")
    d = res.get(("gzip", 100000))
    if d:
        check("CPU/wall > 1.6 on the 100,000 gzip corpus", d["par"] > 1.6, f"{d['par']:.2f}")
    for size in sizes:
        d = res.get(("gzip", size))
        if d and d.get("gz"):
            worst = max(res[(f, size)]["db"] for f in FORMS if (f, size) in res)
            check(f"DB <= 2x gzip'd corpus ({size:,})", worst <= 2 * d["gz"],
                  f"{worst / MiB:.1f} MiB vs {d['gz'] / MiB:.1f} MiB gzip ({worst / d['gz']:.2f}x)")
    for size in sizes:
        if size < 100000:
            continue
        for form in FORMS:
            d = res.get((form, size))
            if d and d.get("re_speedup"):
                check(f"re-ingest {form} {size:,} >= 10x faster than first ingest", d["re_speedup"] >= 10,
                      f"{d['wall']:.2f} s -> {d['re_wall']:.2f} s ({d['re_speedup']:.1f}x)")
    for name, limit in (("readiness", 200), ("summary-day", 500)):
        ms = res.get(("query", name))
        if ("query", name) in res:
            check(f"{name} < {limit} ms on the large DB", None if ms is None else ms < limit,
                  "not measured" if ms is None else f"{ms:.0f} ms")
    return lines


if __name__ == "__main__":
    main()
