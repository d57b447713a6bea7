#!/usr/bin/env python3
"""Deterministic TLS-RPT (RFC 8460) corpus generator for the tlsrpt benchmarks.

Python 3.11+, standard library only. The same seed and size give byte-identical output.

    python3 Benchmarks/generate_corpus.py --reports 100000 --seed 8460 --out DIR \
        --forms gzip,eml,mbox,maildir

writes the SAME reports in every requested form:

    DIR/gzip/<submitter>!<domain>!<begin>!<end>[!<id>].json.gz   one gzip'd report per file
    DIR/eml/<n>.eml                                              one multipart/report e-mail each
    DIR/mbox/reports.mbox                                        all e-mails in one mboxrd file
    DIR/maildir/{cur,new,tmp}/                                   all e-mails as a Maildir
    DIR/manifest.json                                            counts, sizes, parameters
    DIR/parsedmarc-compatible.mbox    the mbox without the reports parsedmarc 11.1.0 rejects (it
                                      aborts a whole mbox on the first one; see the README)

Shapes (see /work/shared/reference/quirks.md): 20 reporting organisations in the styles of
Google, Microsoft, Mail.ru, SocketLabs, Postfix+sys4, Stalwart-style MTAs, Halon and generic RFC
senders (key order, report-id format, end-of-range convention, gzip header bytes, MIME layout);
a few hundred policy domains; 1-3 policies and 0-8 failure details per report; every RFC 8460
result type (and one unknown one); the real-world quirks (missing mx-host / policy-string /
policy-domain, contact-info null, zone-less datetimes, next-midnight end times, Microsoft's
tlsa+sts doubles with a JSON-encoded TLSA policy-string, STS lines ending in \\r, misspelled keys,
totals that do not add up, counts as strings, ...). Every report has a unique
(organization-name, report-id); the generator checks that.

--days D spreads the reports over exactly D days (default: as few days as the domains' reporters
fill, i.e. a realistic daily volume); --domains sets the number of policy domains; --shard writes
gzip files into one folder per day (used for the 1,000,000-report query corpus:
`--reports 1000000 --domains 1000 --days 365 --forms gzip --shard`).
"""
import argparse
import base64
import datetime as dt
import hashlib
import json
import multiprocessing as mp
import os
import random
import re
import struct
import sys
import time
import zlib
from pathlib import Path

UTC = dt.timezone.utc
LAST_DAY = dt.date(2026, 11, 27)  # the corpus ends on this UTC day
FILETIME_EPOCH = 11644473600

# ----------------------------------------------------------------------------- reporters
# key: (style, organization-name, contact-info, submitter domain, From, sending IPs,
#       gzip (XFL, OS, level), share of the domains it reports for, volume share)
ORGS = [
    ("google", "google", "Google Inc.", "smtp-tls-reporting@google.com", "google.com",
     "noreply-smtp-tls-reporting@google.com", ["192.0.2.17", "192.0.2.45", "2001:db8:4860:4::1b", "2001:db8:4860:4::2a"],
     (0, 0, 9), 1.00, 0.40),
    ("microsoft", "microsoft", "Microsoft Corporation", "tlsrpt-noreply@microsoft.com", "microsoft.com",
     "<tlsrpt-noreply@microsoft.com>", ["198.51.100.7", "198.51.100.93", "2001:db8:f403:c110::2"],
     (2, 3, 9), 0.95, 0.30),
    ("mailru", "mailru", "Mail.ru", "tls_support@corp.mail.ru", "corp.mail.ru",
     "Mail.ru TLS reports <tlsrpt-noreply@corp.mail.ru>", ["203.0.113.41", "203.0.113.42"], (0, 3, 6), 0.55, 0.04),
    ("socketlabs", "socketlabs", "SocketLabs", "tlsrpt@socketlabs.com", "socketlabs.com",
     "SocketLabs TLS Reporting <tlsrpt@socketlabs.com>", ["198.51.100.140", "198.51.100.141"], (0, 11, 6), 0.30, 0.03),
    ("postfix-isp", "postfix", "mail.example-isp.example", "tlsrpt-noreply@mail.example-isp.example",
     "mail.example-isp.example", "tlsrpt-noreply@mail.example-isp.example", ["203.0.113.200", "2001:db8:150::25"],
     (0, 3, 6), 0.35, 0.02),
    ("postfix-uni", "postfix", "smtp.uni-example.example", "postmaster@uni-example.example", "uni-example.example",
     "tlsrpt@smtp.uni-example.example", ["203.0.113.210"], (0, 3, 6), 0.20, 0.01),
    ("postfix-hoster", "postfix", "mx-out.hoster-a.example", "tlsrpt-noreply@hoster-a.example", "hoster-a.example",
     "tlsrpt-noreply@mx-out.hoster-a.example", ["198.51.100.220", "198.51.100.221", "2001:db8:a0::10"],
     (0, 3, 6), 0.30, 0.02),
    ("postfix-floppy", "postfix", "sonne.floppy.example", "root@floppy.example", "floppy.example",
     "tlsrpt-noreply@sonne.floppy.example", ["203.0.113.77"], (0, 3, 6), 0.10, 0.005),
    ("stalwart-relay", "stalwart", "mx.relay-co.example", None, "mx.relay-co.example",
     "\"Report Subsystem\" <noreply-tlsrpt@mx.relay-co.example>", ["198.51.100.200", "2001:db8:5a1::25"],
     (0, 255, 6), 0.30, 0.02),
    ("stalwart-egress", "stalwart", "mx.egressif.example", None, "egressif.example",
     "\"Report Subsystem\" <noreply-tlsrpt@mx.egressif.example>", ["203.0.113.150"], (0, 255, 6), 0.25, 0.01),
    ("stalwart-reflux", "stalwart", "refluxstop.example", None, "refluxstop.example",
     "\"Report Subsystem\" <noreply-tlsrpt@refluxstop.example>", ["192.0.2.150"], (0, 255, 6), 0.15, 0.005),
    ("stalwart-coop", "stalwart", "mail.coop-mail.example", None, "coop-mail.example",
     "\"Report Subsystem\" <noreply-tlsrpt@mail.coop-mail.example>", ["198.51.100.166", "2001:db8:c00b::25"],
     (0, 255, 6), 0.15, 0.005),
    ("stalwart-selfhost", "stalwart", "mx1.selfhosted.example", None, "selfhosted.example",
     "\"Report Subsystem\" <noreply-tlsrpt@mx1.selfhosted.example>", ["203.0.113.166"], (0, 255, 6), 0.10, 0.003),
    ("halon-esp", "halon", "Example ESP AB", "tlsrpt@example-esp.example", "example-esp.example",
     "TLS Reports <tlsrpt@example-esp.example>", ["192.0.2.190", "192.0.2.191"], (0, 3, 6), 0.35, 0.03),
    ("halon-mailer", "halon", "Mailer C Ltd", "noc@mailer-c.example", "mailer-c.example",
     "tlsrpt@mailer-c.example", ["198.51.100.190"], (0, 3, 6), 0.20, 0.01),
    ("generic-webmail", "generic", "Fictional Webmail GmbH", "mailto:tlsrpt@webmail-gmbh.example",
     "webmail-gmbh.example", "TLS-RPT <tlsrpt@webmail-gmbh.example>", ["192.0.2.201", "192.0.2.202"],
     (0, 3, 6), 0.40, 0.04),
    ("generic-portal", "generic", "Example Portal Inc.", "tls-reports@portal-inc.example", "portal-inc.example",
     "tls-reports@portal-inc.example", ["198.51.100.30", "2001:db8:9077::30"], (0, 3, 9), 0.35, 0.03),
    ("generic-telco", "generic", "Telco Example S.A.", "mailto:smtp-tls@telco-sa.example", "telco-sa.example",
     "smtp-tls@telco-sa.example", ["203.0.113.90", "203.0.113.91"], (0, 3, 6), 0.25, 0.02),
    ("generic-gateway", "generic", "Secure Gateway Example", "tlsrpt@gateway.example", "gateway.example",
     "TLS Reporting <tlsrpt@gateway.example>", ["192.0.2.230", "192.0.2.231", "2001:db8:9a7e::1"],
     (0, 3, 6), 0.30, 0.03),
    ("generic-cloud", "generic", "Cloud Mail Example", "abuse@cloudmail.example", "cloudmail.example",
     "reports@cloudmail.example", ["198.51.100.250"], (0, 3, 6), 0.20, 0.02),
]
O_KEY, O_STYLE, O_NAME, O_CONTACT, O_SUB, O_FROM, O_IPS, O_GZ, O_COVER, O_SHARE = range(10)

WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa "
         "quebec romeo sierra tango uniform victor whiskey xray yankee zulu amber birch cedar dune ember fjord "
         "glade harbor iris jade kestrel lotus maple nectar onyx pine quartz raven sage thistle umber vale willow "
         "yarrow zephyr acme globex initech umbrella stark wayne tyrell cyberdyne soylent hooli").split()

RESULT_TYPES_STS = [("certificate-host-mismatch", 14), ("certificate-expired", 10), ("certificate-not-trusted", 10),
                    ("validation-failure", 12), ("starttls-not-supported", 14), ("sts-policy-fetch-error", 8),
                    ("sts-policy-invalid", 4), ("sts-webpki-invalid", 4), ("tls-version-too-old", 1)]
RESULT_TYPES_TLSA = [("tlsa-invalid", 10), ("dnssec-invalid", 8), ("dane-required", 6), ("starttls-not-supported", 8),
                     ("validation-failure", 6), ("certificate-expired", 4)]
RESULT_TYPES_NONE = [("starttls-not-supported", 10), ("certificate-not-trusted", 4), ("validation-failure", 3)]
FETCH_REASONS = ["bad https response code: 404", "bad https response code: 500", "bad https response code: 503",
                 "connection timed out", "tls handshake failed", "no-policy-served"]


def weighted(rng, table):
    total = sum(w for _, w in table)
    x = rng.random() * total
    for value, w in table:
        x -= w
        if x < 0:
            return value
    return table[-1][0]


def ip_for(tag, v6=False):
    h = hashlib.blake2b(tag.encode(), digest_size=4).digest()
    if v6:
        return f"2001:db8:{h[0]:x}{h[1]:02x}::{h[2]:x}{h[3]:02x}"
    net = ("192.0.2", "198.51.100", "203.0.113")[h[0] % 3]
    return f"{net}.{1 + h[1] % 254}"


class Domain:
    __slots__ = ("idx", "name", "sts", "tlsa", "mode", "mx", "max_age", "crlf", "reorder", "health", "volume",
                 "orgs", "hostip", "policy_change_days")


def make_domains(n, seed):
    rng = random.Random(f"tlsrpt-bench:domains:{seed}:{n}")
    names, out = set(), []
    for i in range(n):
        while True:
            name = f"{rng.choice(WORDS)}-{rng.choice(WORDS)}.example"
            if name in names:
                name = f"{rng.choice(WORDS)}{i}.example"
            if name not in names:
                break
        names.add(name)
        d = Domain()
        d.idx, d.name = i, name
        d.sts = rng.random() < 0.82
        d.tlsa = rng.random() < 0.25
        d.mode = "enforce" if rng.random() < 0.5 else "testing"
        kind = rng.random()
        if kind < 0.55:
            d.mx = [f"mx{k}.{name}" for k in range(1, 1 + rng.choice((1, 2, 2, 3)))]
        elif kind < 0.75:
            d.mx = [f"*.mail.{name}"]
        elif kind < 0.9:
            d.mx = ["mx1.hostedmail.example", "mx2.hostedmail.example"]
        else:
            d.mx = [f"{name.replace('.', '-')}.mail.protection.cloudmx.example"]
        d.max_age = rng.choice((86400, 604800, 1209600, 2592000, 31557600))
        d.crlf = rng.random() < 0.05
        d.reorder = rng.random() < 0.2
        d.health = rng.choices(("healthy", "flaky", "broken"), (70, 22, 8))[0]
        d.volume = int(10 ** rng.uniform(0.5, 3.8))
        d.hostip = {}
        for m in d.mx:
            host = m.replace("*", "mx")
            d.hostip[host] = ip_for(host, v6=rng.random() < 0.2)
        d.orgs = [j for j, o in enumerate(ORGS) if rng.random() < o[O_COVER]] or [0]
        d.policy_change_days = set()
        out.append(d)
    return out


# ---------------------------------------------------------------------- report building
def day_unix(day):
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


def sts_lines(d):
    head = ["version: STSv1", f"mode: {d.mode}"]
    mx = [f"mx: {m}" for m in d.mx]
    tail = [f"max_age: {d.max_age}"]
    return head + (tail + mx if d.reorder else mx + tail)


def tlsa_records(host):
    return [f"3 1 1 {hashlib.sha256(f'{host}#{k}'.encode()).hexdigest().upper()}" for k in (1, 2)]


def mx_hosts(d):
    return [m.replace("*", "mx") for m in d.mx]


def make_details(rng, d, org, ptype, n_fail_sessions_cap):
    """0-8 abstract failure details for one policy entry."""
    p0 = {"healthy": 0.88, "flaky": 0.45, "broken": 0.12}[d.health]
    if rng.random() < p0:
        return []
    k = 1
    while k < 8 and rng.random() < 0.45:
        k += 1
    table = RESULT_TYPES_STS if ptype == "sts" else RESULT_TYPES_TLSA if ptype == "tlsa" else RESULT_TYPES_NONE
    hosts = mx_hosts(d)
    dets = []
    for _ in range(k):
        rt = weighted(rng, table)
        host = rng.choice(hosts)
        n = max(1, int(rng.expovariate(1 / (2 + n_fail_sessions_cap / 50))))
        det = dict(rt=rt, n=n, ip=rng.choice(org[O_IPS]), mx=host, rip=d.hostip.get(host, ip_for(host)))
        if rt == "sts-policy-fetch-error":
            det = dict(rt=rt, n=n, reason=rng.choice(FETCH_REASONS))
        elif rt == "certificate-host-mismatch" and rng.random() < 0.3:
            det["mx"] = f"mx-legacy.{d.name}"
        elif rt in ("validation-failure", "certificate-not-trusted") and rng.random() < 0.5:
            det["reason"] = rng.choice(("X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "mx-mismatch",
                                        "self signed certificate", "unable to get local issuer certificate"))
        if rng.random() < 0.05:
            det["info"] = f"https://tlsrpt.{org[O_SUB]}/kb/{rt}"
        dets.append(det)
    return dets


def entries(rng, d, org, day_idx):
    """Abstract policy entries of one report: dict(type, domain, lines, mx, succ, fail, details)."""
    style = org[O_STYLE]
    volume = max(0, int(d.volume * org[O_SHARE] * 10 * rng.uniform(0.4, 1.6)))
    if style in ("postfix", "stalwart") and d.tlsa:
        ptype = "tlsa"  # DANE-capable MTAs prefer DANE over MTA-STS
    elif d.sts:
        ptype = "sts"
    elif d.tlsa and style in ("microsoft", "halon", "generic"):
        ptype = "tlsa"
    else:
        ptype = "no-policy-found"
    if ptype == "sts" and style != "google" and rng.random() < 0.01:
        ptype = "no-policy-found"  # the sender's resolver had nothing cached yet
    dets = make_details(rng, d, org, ptype, volume)
    fetch_error = any(x["rt"] == "sts-policy-fetch-error" for x in dets)
    lines = (sts_lines(d) if ptype == "sts" and not fetch_error else
             [r for h in mx_hosts(d) for r in tlsa_records(h)][:4] if ptype == "tlsa" else None)
    pdomain = d.name
    if ptype == "tlsa" and style == "postfix":
        pdomain = mx_hosts(d)[0].lstrip("*.")  # Postfix reports the TLSA base domain (the MX host)
    e = dict(type=ptype, domain=pdomain, lines=lines, mx=list(d.mx) if ptype == "sts" else [],
             succ=volume, details=dets)
    ents = [e]
    if style == "microsoft" and d.tlsa and ptype == "sts":  # the tlsa+sts double, identical counts
        ents.append(dict(e, type="tlsa", lines=[json.dumps(tlsa_records(mx_hosts(d)[0]), separators=(",", ":"))],
                         mx=[], ms_tlsa=True))
    if ptype == "sts" and rng.random() < 0.025:  # two policy versions seen during the day
        old = dict(e, lines=sts_lines(d)[:2] + [f"mx: {m}" for m in d.mx] + ["max_age: 86400"],
                   succ=max(1, volume // 10), details=[])
        e["succ"] = max(0, volume - old["succ"])
        ents.insert(0, old)
    if style == "socketlabs" and dets and ptype == "sts":  # success entry + failure entry, mx-host [] on the latter
        ents = [dict(e, details=[]), dict(e, succ=0, mx=[], empty_mx=True)]
    for x in ents:
        x["fail"] = sum(t["n"] for t in x["details"])
    return ents[:3]


def detail_obj(style, t):
    if "mx" not in t:  # minimal (fetch errors): no IPs, no hostnames
        return {"result-type": t["rt"], "failed-session-count": t["n"],
                **({"failure-reason-code": t["reason"]} if t.get("reason") and style in ("mailru", "generic",
                                                                                          "halon", "postfix") else {})}
    if style == "postfix":
        helo = "\r\n".join([f"250-{t['mx']}", "250-PIPELINING", "250-SIZE 52428800", "250-STARTTLS",
                            "250-ENHANCEDSTATUSCODES", "250-8BITMIME", "250 CHUNKING"])
        return {**({"failure-reason-code": t["reason"]} if t.get("reason") else {}), "receiving-mx-helo": helo,
                "receiving-mx-hostname": t["mx"], "receiving-ip": t["rip"], "sending-mta-ip": t["ip"],
                "result-type": t["rt"], "failed-session-count": t["n"]}
    out = {"result-type": t["rt"], "sending-mta-ip": t["ip"]}
    if style == "microsoft":
        out.update({"receiving-mx-hostname": t["mx"], "receiving-ip": t["rip"]})
    else:
        out.update({"receiving-ip": t["rip"], "receiving-mx-hostname": t["mx"]})
    out["failed-session-count"] = t["n"]
    if t.get("info") and style in ("generic", "halon", "stalwart"):
        out["additional-information"] = t["info"]
    if t.get("reason") and style not in ("google", "microsoft"):
        out["failure-reason-code"] = t["reason"]
    return out


def build(k, day_idx, day, d, org, seed):
    """One report in the reporter's own JSON shape.

    Returns (object, serialised bytes, unique-id for the file name or None, end unix time, rng)."""
    rng = random.Random(f"{seed}:{day.isoformat()}:{d.idx}:{org[O_KEY]}")
    style = org[O_STYLE]
    pols = []
    for e in entries(rng, d, org, day_idx):
        pol = {"policy-type": e["type"]}
        if e["lines"] is not None:
            pol["policy-string"] = list(e["lines"])
        pol["policy-domain"] = e["domain"]
        summ = {"total-successful-session-count": e["succ"], "total-failure-session-count": e["fail"]}
        dets = [detail_obj(style, t) for t in e["details"]]
        fd = {"failure-details": dets} if dets else {}
        if style == "google":
            if d.crlf and "policy-string" in pol and e["type"] == "sts":
                pol["policy-string"] = [ln + "\r" for ln in pol["policy-string"]]
            if e["type"] == "sts" and rng.random() > 0.01:  # 1%: pre-2022 shape, no mx-host
                pol["mx-host"] = list(e["mx"])
            if rng.random() < 0.005 and e["fail"] == 0:  # 2019 shape: zero counter omitted
                del summ["total-failure-session-count"]
            pols.append({"policy": pol, "summary": summ, **fd})
        elif style == "microsoft":
            pols.append({"policy": pol, "summary": summ, **fd})
        elif style == "mailru":
            if "policy-string" in pol:
                pol["mx-host"] = list(e["mx"])
            if dets and rng.random() < 0.2:  # totals that do not add up
                summ["total-failure-session-count"] = max(0, e["fail"] - dets[0]["failed-session-count"])
            pols.append({"policy": pol, "summary": summ, **fd})
        elif style == "socketlabs":
            pol["mx-host"] = [] if e.get("empty_mx") else list(e["mx"])
            if dets and rng.random() < 0.5:  # SocketLabs 2020 misspelling
                for x in dets:
                    if "receiving-mx-hostname" in x:
                        x["receiving-mx-host-name"] = x.pop("receiving-mx-hostname")
            pols.append({"policy": pol, "summary": summ, **fd})
        elif style == "postfix":
            if e["type"] in ("sts", "tlsa"):
                pol["mx-host"] = list(e["mx"])
            elif rng.random() < 0.7:
                del pol["policy-domain"]  # sys4 tlsrpt-reporter 0.5.0 omits it for no-policy-found
            pols.append({"summary": {"total-failure-session-count": e["fail"],
                                     "total-successful-session-count": e["succ"]},
                         "policy": pol, "failure-details": dets})
        elif style == "stalwart":
            if e["type"] == "no-policy-found":
                pol = {"policy-type": e["type"], "policy-string": [], "policy-domain": e["domain"], "mx-host": []}
            else:
                pol["mx-host"] = list(e["mx"])
            pols.append({"policy": pol, "summary": summ, "failure-details": dets})
        else:  # halon, generic: RFC 8460 shape
            if e["type"] == "sts":
                pol["mx-host"] = list(e["mx"])
                if style == "generic" and rng.random() < 0.002:  # RFC example / errata 6241: bare string
                    pol["mx-host"] = e["mx"][0]
            if style == "generic" and rng.random() < 0.01 and dets:
                dets[0].update({"sending-mta-ip": "", "receiving-ip": ""})  # "" instead of absent
            if style == "halon" and rng.random() < 0.01:
                summ["total-successful-session-count"] = str(summ["total-successful-session-count"])  # "42"
            pols.append({"policy": pol, "summary": summ, **({"failure-details": dets} if style == "halon" or dets
                                                            else {})})
    start = day_unix(day)
    d0, d1 = day.isoformat(), (day + dt.timedelta(days=1)).isoformat()
    closed, half_open = (f"{d0}T00:00:00Z", f"{d0}T23:59:59Z"), (f"{d0}T00:00:00Z", f"{d1}T00:00:00Z")
    sub = org[O_SUB]
    if style == "google":
        rid, uid, span = f"{d0}T00:00:00Z_{d.name}", "001", closed
    elif style == "microsoft":  # report-id = Windows FILETIME of generation + "+" + domain
        ft = (start + 86400 + 3600 + rng.randrange(3600) + FILETIME_EPOCH) * 10**7 + rng.randrange(10**7)
        dom = d.name
        if rng.random() < 0.002:  # degenerate "<digits>+" with an empty domain; keep it unique
            ft = (start + 86400 + FILETIME_EPOCH) * 10**7 + d.idx
            dom = ""
        rid, uid, span = f"{ft}+{dom}", str(ft), closed
        if rng.random() < 0.03:  # 2023 shape: no zone designator
            span = (span[0][:-1], span[1][:-1])
    elif style == "mailru":
        h = hashlib.md5(f"{seed}:{k}:{d.name}:{d0}".encode()).hexdigest()
        rid, uid, span = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}@mail.ru", None, half_open
    elif style == "socketlabs":
        rid, uid, span = hashlib.md5(f"sl:{seed}:{d.name}:{d0}".encode()).hexdigest(), None, half_open
    elif style == "postfix":
        rid, uid, span = f"{d0}T00:00:00Z_idx1_{d.name}", "1", closed
    elif style == "stalwart":
        u64 = int.from_bytes(hashlib.blake2b(f"{seed}:{sub}:{d.name}:{d0}".encode(), digest_size=8).digest(), "big")
        rid, uid, span = f"{start}_{u64}", None, half_open
    elif style == "halon":
        rid, uid, span = f"{d0}.{d.name}.{sub}", None, closed
    else:
        h = hashlib.sha1(f"{seed}:{sub}:{d.name}:{d0}".encode()).hexdigest()
        rid, uid, span = f"{h[:24]}@{sub}", h[:12], closed
    rep = {"organization-name": org[O_NAME], "date-range": {"start-datetime": span[0], "end-datetime": span[1]},
           "contact-info": org[O_CONTACT], "report-id": rid, "policies": pols}
    if style == "generic" and rng.random() < 0.01:
        rep["date-range"] = {k2: v.replace("Z", "+00:00") for k2, v in rep["date-range"].items()}
    if style == "halon" and rng.random() < 0.01:
        rep["date-range"] = {k2: v.replace("Z", ".000Z") for k2, v in rep["date-range"].items()}
    if style == "postfix":
        rep["report-id"] = rep.pop("report-id")  # report-id last
    if style == "mailru":
        text = json.dumps(rep, separators=(",", ":"), sort_keys=True)
    elif style == "postfix":
        text = json.dumps(rep)
    elif style == "halon":
        text = json.dumps(rep, indent=2)
    else:
        text = json.dumps(rep, separators=(",", ":"))
    end = start + (86400 if span is half_open else 86399)
    return rep, text.encode(), uid, start, end, rng


def gz(data, xfl, os_, level):
    """One RFC 1952 member: mtime 0, no FNAME, XFL/OS bytes as the reporter writes them."""
    c = zlib.compressobj(level, zlib.DEFLATED, -15, 9)
    return (b"\x1f\x8b\x08\x00\0\0\0\0" + bytes([xfl, os_]) + c.compress(data) + c.flush()
            + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF))


# ---------------------------------------------------------------------------- e-mails
MS_HTML = ('<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=us-ascii">\n</head>\n'
           '<body>\n<div>This is an aggregate TLS report from microsoft.com</div>\n <br>\n<br>\n'
           '<p><em>Microsoft respects your privacy. Review our online </em><a href=3D"https://privacy.microsoft'
           '.com/en-us/privacystatement"><em>Privacy Statement</em></a><em><br>\n<br>\n<em>Microsoft '
           'Corporation </em><br>\n<em>One Microsoft Way</em><br>\n<em>Redmond, WA, USA 98052</em></em></p>\n'
           ' </body>\n</html>\n')
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def rfc2822(t, hours=0):
    lt = t + dt.timedelta(hours=hours)
    sign = "-" if hours < 0 else "+"
    return (f"{DAYS[lt.weekday()]}, {lt.day} {MONTHS[lt.month - 1]} {lt.year} {lt:%H:%M:%S} "
            f"{sign}{abs(hours):02d}00")


def b64lines(data, width=76):
    s = base64.b64encode(data).decode()
    return "\n".join(s[i:i + width] for i in range(0, len(s), width)) + "\n"


def sig(rng, n=256):
    return base64.b64encode(rng.randbytes(n)).decode()


def wrap(s, first, indent, width=72):
    out, i = [], 0
    first_w = width - first
    out.append(s[:first_w])
    i = first_w
    while i < len(s):
        out.append(indent + s[i:i + width])
        i += width
    return "\n".join(out)


def mail_text(rep, text, gzbytes, fname, d, org, sent, rng):
    style, sub, dom = org[O_STYLE], org[O_SUB], d.name
    tok = f"{rng.getrandbits(64):016x}"
    to = f"tlsrpt@{dom}"
    rid = rep["report-id"]
    subj = f"Report Domain: {dom} Submitter: {sub}"
    envelope = org[O_FROM].split("<")[-1].strip(">").strip('"')
    sender_ip = org[O_IPS][0]
    qid = f"{rng.getrandbits(40):010X}"
    # What our own MTA added on delivery.
    recv = [f"Return-Path: <{envelope}>", f"Delivered-To: {to}",
            f"Received: from mail-out.{sub} (mail-out.{sub} [{sender_ip}])\n"
            f"\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\n"
            f"\t key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256)\n"
            f"\t(No client certificate requested)\n"
            f"\tby mx1.{dom} (Postfix) with ESMTPS id {qid}\n\tfor <{to}>; {rfc2822(sent + dt.timedelta(seconds=3))}",
            f"Authentication-Results: mx1.{dom};\n\tdkim=pass (2048-bit key; unprotected) header.d={sub} "
            f"header.i=@{sub} header.b={sig(rng, 6)};\n\tdmarc=pass (p=reject dis=none) header.from={sub};\n"
            f"\tspf=pass (mx1.{dom}: domain of {envelope} designates {sender_ip} as permitted sender) "
            f"smtp.mailfrom={envelope}",
            f"Received-SPF: Pass (mailfrom) identity=mailfrom; client-ip={sender_ip}; helo=mail-out.{sub};\n"
            f" envelope-from=<{envelope}>; receiver=<UNKNOWN>"]
    dkim = (f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\n        d={sub}; s=s{sent.year}; "
            f"t={int(sent.timestamp())};\n        h=to:from:subject:message-id:tls-report-submitter:"
            f"tls-report-domain\n         :date:mime-version;\n        bh={sig(rng, 32)};\n        b="
            + wrap(sig(rng), 10, "         ", 66))
    common = [f"TLS-Report-Domain: {dom}", f"TLS-Report-Submitter: {sub}"]
    ctype, cte = "application/tlsrpt+gzip", "base64"
    if style == "google":
        bnd = "000000000000" + tok
        sid = rid.replace("-", ".").replace(":", ".").replace("_", "+")
        hdrs = recv + [dkim, "MIME-Version: 1.0", f"Date: {rfc2822(sent, -8)}", *common,
                       f"Message-ID: <{tok[:8]}.00000000.{tok[8:14]}.{tok[14:]}tls@google.com>",
                       f"Subject: {subj} Report-ID: <{sid}@google.com>", f"From: {org[O_FROM]}", f"To: {to}",
                       f'Content-Type: multipart/report; boundary="{bnd}"; report-type=tlsrpt']
        human = ('Content-Type: text/plain; charset="UTF-8"; format=flowed; delsp=yes\n\n'
                 "This is an aggregate TLS report from google.com\n")
        att = (f'Content-Type: {ctype}; \n\tname="{fname}"\nContent-Disposition: attachment; \n'
               f'\tfilename="{fname}"\nContent-Transfer-Encoding: base64\n\n{b64lines(gzbytes)}')
    elif style == "microsoft":
        bnd = f"_{tok[:8]}-{tok[8:12]}-4{tok[13:16]}-{tok[3:7]}-{tok[4:16]}_"
        dkim_ms = dkim.replace("h=to:from:subject:message-id:tls-report-submitter:tls-report-domain\n         "
                               ":date:mime-version", "h=From:Date:Subject:Message-ID:Content-Type:MIME-Version:"
                                                     "X-MS-Exchange-SenderADCheck")
        hdrs = recv + [dkim_ms, f"From: {org[O_FROM]}", f'To: "{to}" <{to}>', f"Date: {rfc2822(sent)}",
                       f"Subject: {subj} Report-ID:\n {rid}", *common, "MIME-Version: 1.0",
                       f"Message-ID: <{rid}@{dom}>",
                       f'Content-Type: multipart/report;\n\tboundary="{bnd}"; report-type=tlsrpt',
                       "X-MS-PublicTrafficType: Email",
                       "X-MS-TrafficTypeDiagnostic:\n\tBL02EPF00029927:EE_FirstParty-TlsRpt-V3-System",
                       "X-MS-Exchange-SenderADCheck: 1"]
        human = f'Content-Type: text/html; charset="us-ascii"\nContent-Transfer-Encoding: quoted-printable\n\n{MS_HTML}'
        att = (f"Content-Type: {ctype}\nContent-Description:\n {fname}\nContent-Disposition: attachment;\n"
               f'\tfilename="{fname}"\nContent-Transfer-Encoding: base64\n\n{b64lines(gzbytes)}')
    elif style == "postfix":
        bnd = f"==============={int(tok, 16) % 10**19:019d}=="
        from urllib.parse import quote
        q = quote(fname, safe="")
        cut = q.index("%21", q.index("%21") + 3)
        hdrs = recv + [dkim, f"Subject: {subj} Report-ID: <{rid}@{sub}>", f"From: {org[O_FROM]}", f"To: {to}",
                       f"Message-ID: <{sent:%Y%m%d%H%M%S}.{int(tok[:6], 16)}.{tok[6:12]}@{sub}>", *common,
                       "TLS-Required: No", "MIME-Version: 1.0",
                       f'Content-Type: multipart/report; report-type="tlsrpt";\n boundary="{bnd}"',
                       f"Date: {rfc2822(sent, 1)}"]
        human = ('Content-Type: text/plain; charset="us-ascii"\nContent-Transfer-Encoding: 7bit\n\n'
                 f"This is an aggregate TLS report from {org[O_NAME]}\n")
        att = (f"Content-Type: {ctype}\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment;\n"
               f" filename*0*=us-ascii''{q[:cut]};\n filename*1*={q[cut:]}\nMIME-Version: 1.0\n\n"
               f"{b64lines(gzbytes)}")
    elif style == "halon":  # uncompressed, pretty JSON, 7bit
        bnd = f"----halon-{tok}"
        jname = fname[:-3]
        hdrs = recv + [dkim, f"From: {org[O_FROM]}", f"To: {to}", f"Subject: {subj} Report-ID: <{rid}@{dom}>",
                       f"Date: {rfc2822(sent)}", f"Message-ID: <{tok}@{sub}>", *common, "MIME-Version: 1.0",
                       "X-Mailer: Halon", f'Content-Type: multipart/report; report-type="tlsrpt"; boundary="{bnd}";']
        human = ('Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: 7bit\n\n'
                 f"This is an aggregate TLS report from {org[O_NAME]}.\n")
        att = (f'Content-Type: application/tlsrpt+json; name="{jname}"\nContent-Disposition: attachment; '
               f'filename="{jname}"\nContent-Transfer-Encoding: 7bit\n\n{text.decode()}\n')
    else:  # mailru, socketlabs, stalwart, generic
        if style == "mailru":
            bnd = f"----=_Part_{int(tok, 16) % 10**6}_{tok}"
            msgid = f"<{rid}>"
        else:
            bnd = f"_{tok}_{int(sent.timestamp())}"
            msgid = f"<{tok}.{int(sent.timestamp())}@{sub}>"
        hdrs = recv + [dkim, f"From: {org[O_FROM]}", f"To: {to}", f"Subject: {subj} Report-ID: <{rid}>",
                       f"Date: {rfc2822(sent)}", f"Message-ID: {msgid}", *common, "MIME-Version: 1.0",
                       f'Content-Type: multipart/report; report-type="tlsrpt"; boundary="{bnd}"']
        if style == "stalwart":
            hdrs.append("Auto-Submitted: auto-generated")
        human = ('Content-Type: text/plain; charset="us-ascii"\nContent-Transfer-Encoding: 7bit\n\n'
                 f"This is an aggregate TLS report from {org[O_NAME]}\n")
        if style == "stalwart":
            ctype = "application/gzip" if rng.random() < 0.3 else ctype
        if style == "socketlabs" and rng.random() < 0.3:
            ctype = "application/octet-stream"
        att = (f'Content-Type: {ctype}; name="{fname}"\nContent-Disposition: attachment; filename="{fname}"\n'
               f"Content-Transfer-Encoding: {cte}\n\n{b64lines(gzbytes)}")
    pre = "This is a multipart message in MIME format.\n\n" if style == "mailru" else ""
    return ("\n".join(hdrs) + "\n\n" + pre + f"--{bnd}\n{human}\n--{bnd}\n{att}\n--{bnd}--\n")


# ---------------------------------------------------------------------------- layout
_STATE = {}


def _init(args):
    _STATE.update(args)
    _STATE["domains"] = make_domains(args["n_domains"], args["seed"])


def plan(n, n_domains, seed, days):
    """The (day index, domain, org) triples, in day order; returns (days, list)."""
    domains = make_domains(n_domains, seed)
    pairs = [(d.idx, j) for d in domains for j in d.orgs]
    weights = {j: 0.5 + ORGS[j][O_SHARE] * 10 for j in range(len(ORGS))}
    if not days:
        days = max(1, -(-n // len(pairs)))
    if n > days * len(pairs):
        sys.exit(f"{n} reports do not fit in {days} days of {len(pairs)} (domain, reporter) pairs; add --days")
    base, extra = divmod(n, days)
    out = []
    for di in range(days):
        quota = base + (1 if di < extra else 0)
        rng = random.Random(f"plan:{seed}:{n_domains}:{di}")
        if quota == len(pairs):
            chosen = list(pairs)
            rng.shuffle(chosen)
        else:  # weighted sampling without replacement (Efraimidis-Spirakis)
            keyed = sorted(((rng.random() ** (1.0 / weights[j]), i, j) for i, j in pairs), reverse=True)
            chosen = [(i, j) for _, i, j in keyed[:quota]]
        out.extend((di, i, j) for i, j in chosen)
    return days, out


def work(chunk):
    st = _STATE
    out_dir, forms, days, seed = Path(st["out"]), st["forms"], st["days"], st["seed"]
    first_day = LAST_DAY - dt.timedelta(days=days - 1)
    domains = st["domains"]
    mbox_parts, compat_parts, keys = [], [], []
    incompatible = 0
    sizes = {"json": 0, "gzip": 0, "eml": 0}
    counts = {"policies": 0, "details": 0}
    rtypes = {}
    for k, di, dom_i, org_i in chunk:
        d, org = domains[dom_i], ORGS[org_i]
        day = first_day + dt.timedelta(days=di)
        rep, text, uid, start, end, rng = build(k, di, day, d, org, seed)
        keys.append((rep["organization-name"], rep["report-id"]))
        # parsedmarc 11.1.0 requires policy-domain and both summary counters; in an mbox such a
        # report raises InvalidSMTPTLSReport, which aborts the whole run (only InvalidDMARCReport
        # is caught there), so a second mbox without these messages is written for it.
        bad = any("policy-domain" not in p["policy"] or len(p["summary"]) < 2 for p in rep["policies"])
        incompatible += bad
        counts["policies"] += len(rep["policies"])
        for p in rep["policies"]:
            for x in p.get("failure-details", []):
                counts["details"] += 1
                rtypes[x["result-type"]] = rtypes.get(x["result-type"], 0) + 1
        xfl, os_, level = org[O_GZ]
        gzbytes = gz(text, xfl, os_, level)
        sizes["json"] += len(text)
        fname = "!".join([org[O_SUB], d.name, str(start), str(end)] + ([uid] if uid else [])) + ".json.gz"
        if "gzip" in forms:
            sub = out_dir / "gzip" / (day.isoformat() if st["shard"] else "")
            (sub / fname).write_bytes(gzbytes)
            sizes["gzip"] += len(gzbytes)
        if forms & {"eml", "mbox", "maildir"}:
            sent = dt.datetime(day.year, day.month, day.day, tzinfo=UTC) + dt.timedelta(
                days=1, seconds=3600 + rng.randrange(8 * 3600))
            msg = mail_text(rep, text, gzbytes, fname, d, org, sent, rng)
            sizes["eml"] += len(msg)
            if "eml" in forms:
                data = msg.replace("\n", "\r\n") if k % 3 == 0 else msg  # a third stored with CRLF
                (out_dir / "eml" / f"{k:07d}.eml").write_bytes(data.encode())
            if "maildir" in forms:
                ts = int(sent.timestamp()) + 7200
                name = f"{ts}.M{rng.randrange(10**6)}P{1000 + k % 30000}Q{k}.mx1.bench.example"
                if k % 5 == 4:
                    path = out_dir / "maildir" / "new" / name
                else:
                    path = out_dir / "maildir" / "cur" / f"{name},S={len(msg)}:2,S"
                path.write_bytes(msg.encode())
            if "mbox" in forms:
                envelope = org[O_FROM].split("<")[-1].strip(">").strip('"')
                lt = sent + dt.timedelta(hours=2)
                body = re.sub(r"(?m)^(>*From )", r">\1", msg)
                entry = (f"From {envelope} {DAYS[lt.weekday()]} {MONTHS[lt.month - 1]} {lt.day:2d} "
                         f"{lt:%H:%M:%S} {lt.year}\n{body}\n")
                mbox_parts.append(entry)
                if not bad:
                    compat_parts.append(entry)
    counts["parsedmarc_incompatible"] = incompatible
    return "".join(mbox_parts).encode(), "".join(compat_parts).encode(), keys, sizes, counts, rtypes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", type=int, required=True)
    ap.add_argument("--seed", type=int, default=8460)
    ap.add_argument("--out", required=True)
    ap.add_argument("--forms", default="gzip,eml,mbox,maildir")
    ap.add_argument("--domains", type=int, default=300, help="number of policy domains (default 300)")
    ap.add_argument("--days", type=int, default=0, help="spread over exactly this many days")
    ap.add_argument("--shard", action="store_true", help="gzip files in one folder per day")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args()
    forms = set(f for f in a.forms.split(",") if f)
    if forms - {"gzip", "eml", "mbox", "maildir"}:
        ap.error(f"unknown form(s): {','.join(sorted(forms - {'gzip', 'eml', 'mbox', 'maildir'}))}")
    t0 = time.time()
    days, triples = plan(a.reports, a.domains, a.seed, a.days)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    first_day = LAST_DAY - dt.timedelta(days=days - 1)
    if "gzip" in forms:
        (out / "gzip").mkdir(exist_ok=True)
        if a.shard:
            for di in range(days):
                (out / "gzip" / (first_day + dt.timedelta(days=di)).isoformat()).mkdir(exist_ok=True)
    if "eml" in forms:
        (out / "eml").mkdir(exist_ok=True)
    if "maildir" in forms:
        for s in ("cur", "new", "tmp"):
            (out / "maildir" / s).mkdir(parents=True, exist_ok=True)
    if "mbox" in forms:
        (out / "mbox").mkdir(exist_ok=True)
    chunk = 500
    work_items = [[(k, *triples[k]) for k in range(s, min(s + chunk, len(triples)))]
                  for s in range(0, len(triples), chunk)]
    state = dict(out=str(out), forms=forms, days=days, seed=a.seed, n_domains=a.domains, shard=a.shard)
    keys, sizes, rtypes = set(), {"json": 0, "gzip": 0, "eml": 0}, {}
    counts = {"policies": 0, "details": 0, "parsedmarc_incompatible": 0}
    mbox = open(out / "mbox" / "reports.mbox", "wb") if "mbox" in forms else None
    compat = open(out / "parsedmarc-compatible.mbox", "wb") if "mbox" in forms else None
    if a.jobs > 1:
        ctx = mp.get_context("fork")
        pool = ctx.Pool(a.jobs, initializer=_init, initargs=(state,))
        results = pool.imap(work, work_items, chunksize=1)
    else:
        _init(state)
        pool, results = None, map(work, work_items)
    n_keys = 0
    for mb, cmb, ks, sz, ct, rt in results:
        if mbox:
            mbox.write(mb)
            compat.write(cmb)
        n_keys += len(ks)
        keys.update(ks)
        for x in sz:
            sizes[x] += sz[x]
        for x in ct:
            counts[x] += ct[x]
        for x, v in rt.items():
            rtypes[x] = rtypes.get(x, 0) + v
    if pool:
        pool.close()
        pool.join()
    if mbox:
        mbox.close()
        compat.close()
    if len(keys) != n_keys:
        sys.exit(f"internal error: {n_keys - len(keys)} duplicate (organization-name, report-id) keys")
    per_org, per_domain = {}, {}
    for _, i, j in triples:
        per_org[ORGS[j][O_NAME]] = per_org.get(ORGS[j][O_NAME], 0) + 1
        per_domain[i] = per_domain.get(i, 0) + 1
    all_domains = make_domains(a.domains, a.seed)
    busiest = max(per_domain, key=lambda i: (per_domain[i], -i))
    manifest = {
        "reports": a.reports, "seed": a.seed, "domains": a.domains, "days": days,
        "first_day": first_day.isoformat(), "last_day": LAST_DAY.isoformat(), "forms": sorted(forms),
        "shard": a.shard, "policies": counts["policies"], "failure_details": counts["details"],
        "parsedmarc_incompatible": counts["parsedmarc_incompatible"],
        "result_types": dict(sorted(rtypes.items())), "reports_per_organization": per_org,
        "bytes": {"json": sizes["json"], "gzip": sizes["gzip"], "email": sizes["eml"]},
        "policy_domains": [d.name for d in all_domains][:5] + ["..."],
        "busiest_domain": all_domains[busiest].name, "busiest_domain_reports": per_domain[busiest],
        "seconds": round(time.time() - t0, 1),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"generated {a.reports} reports ({days} days, {a.domains} domains, {len(per_org)} organisations, "
          f"forms {','.join(sorted(forms))}) in {out} in {time.time() - t0:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
