#!/usr/bin/env python3
"""Reports for the dashboard benchmark: N reports for ONE policy domain in a window of D days.

Python 3.11+, standard library only; the same arguments give byte-identical files.

    python3 Benchmarks/generate_dashboard_corpus.py --reports 1000000 --days 28 --out DIR

writes DIR/<YYYY-MM-DD>/<n>.json (plain RFC 8460 JSON, one report per file, one folder per day)
and DIR/manifest.json. The domain is `big.example`; the window ends on --last-day (default
2026-11-27). A domain with a million reports in four weeks hears from thousands of sending MTAs:
the reports come from --organizations distinct organisations (a few large ones in the shapes of
Google and Microsoft, the rest generic RFC senders), with the sts policy copied into each
(`mode: testing`, two mx patterns), the Microsoft reports doubling their sessions under a tlsa
entry (counted once), and failure details in about 5 % of the reports (certificate
and STARTTLS result types on the two MX hosts, from a few hundred sending IPs).
"""
import argparse
import datetime as dt
import json
import multiprocessing as mp
import os
import random
from pathlib import Path

DOMAIN = "big.example"
POLICY = ["version: STSv1", "mode: testing", "mx: mx1.big.example", "mx: mx2.big.example", "max_age: 86400"]
TYPES = ["certificate-expired", "certificate-host-mismatch", "starttls-not-supported", "validation-failure",
         "certificate-not-trusted", "sts-webpki-invalid"]


def organization(index):
    if index == 0:
        return "Google Inc.", "smtp-tls-reporting@google.com"
    if index == 1:
        return "Microsoft Corporation", "tlsrpt-noreply@microsoft.com"
    return f"mta{index}.sender.example", f"tlsrpt@mta{index}.sender.example"


def report(number, day, args, rng):
    org_index = number % args.organizations
    name, contact = organization(org_index)
    start = dt.datetime.combine(day, dt.time(), dt.timezone.utc)
    successful = rng.randint(1, 400)
    policy = {
        "policy": {"policy-type": "sts", "policy-string": POLICY, "policy-domain": DOMAIN,
                   "mx-host": ["mx1.big.example", "mx2.big.example"]},
        "summary": {"total-successful-session-count": successful, "total-failure-session-count": 0},
    }
    if rng.random() < 0.05:
        details = []
        for _ in range(rng.randint(1, 3)):
            count = rng.randint(1, 5)
            details.append({"result-type": rng.choice(TYPES), "sending-mta-ip": f"198.51.100.{rng.randint(1, 254)}",
                            "receiving-mx-hostname": rng.choice(["mx1.big.example", "mx2.big.example"]),
                            "failed-session-count": count})
        policy["failure-details"] = details
        policy["summary"]["total-failure-session-count"] = sum(d["failed-session-count"] for d in details)
    policies = [policy]
    if org_index == 1:
        tlsa = {"policy": {"policy-type": "tlsa", "policy-string": ["3 1 1 0123456789ABCDEF"], "policy-domain": DOMAIN},
                "summary": dict(policy["summary"])}
        policies = [tlsa, policy]
    return {
        "organization-name": name,
        "date-range": {"start-datetime": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                       "end-datetime": (start + dt.timedelta(seconds=86399)).strftime("%Y-%m-%dT%H:%M:%SZ")},
        "contact-info": contact,
        "report-id": f"{day.isoformat()}-{number}",
        "policies": policies,
    }


def work(item):
    start, stop, args = item
    first = args.last_day - dt.timedelta(days=args.days - 1)
    for number in range(start, stop):
        rng = random.Random(number * 7919 + 8460)
        day = first + dt.timedelta(days=number % args.days)
        path = Path(args.out) / day.isoformat() / f"{number}.json"
        path.write_text(json.dumps(report(number, day, args, rng), separators=(",", ":")))
    return stop - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, required=True)
    parser.add_argument("--days", type=int, default=28)
    parser.add_argument("--organizations", type=int, default=5000)
    parser.add_argument("--last-day", type=dt.date.fromisoformat, default=dt.date(2026, 11, 27))
    parser.add_argument("--out", required=True)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    first = args.last_day - dt.timedelta(days=args.days - 1)
    for index in range(args.days):
        (Path(args.out) / (first + dt.timedelta(days=index)).isoformat()).mkdir(parents=True, exist_ok=True)
    chunk = 5000
    items = [(start, min(start + chunk, args.reports), args) for start in range(0, args.reports, chunk)]
    with mp.get_context("fork").Pool(args.jobs) as pool:
        written = sum(pool.imap_unordered(work, items))
    manifest = {"reports": written, "domain": DOMAIN, "days": args.days, "first_day": first.isoformat(),
                "last_day": args.last_day.isoformat(), "organizations": args.organizations}
    (Path(args.out) / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(json.dumps(manifest))


if __name__ == "__main__":
    main()
