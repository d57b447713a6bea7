#!/usr/bin/env python3
"""(Re)create SampleReports/ and Tests/Fixtures/broken/ for tlsrpt.

Deterministic (fixed seeds, Message-IDs, dates and boundaries; gzip mtime 0 and no FNAME) and
standard library only (Python 3.11+). Every domain, MX and address is fictional (.example,
192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32); reporter names and shapes imitate
Google, Microsoft, Mail.ru, Postfix+sys4 and Stalwart (see /work/shared/reference/quirks.md).
Usage: python3 Scripts/make-sample-reports.py   (prints the expected figures, self-verifies)
"""
import base64, collections, datetime as dt, email, hashlib, json, mailbox, quopri, random
import shutil, string, struct, sys, urllib.parse, zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT, BROKEN = ROOT / "SampleReports", ROOT / "Tests" / "Fixtures" / "broken"
SEED, DAY0, NDAYS, UTC = 8460, dt.date(2026, 10, 20), 35, dt.timezone.utc
ORGS = {  # organization-name, contact-info, submitter domain, sending IPs, gzip (XFL, OS, level)
    "google": ("Google Inc.", "smtp-tls-reporting@google.com", "google.com",
               ["192.0.2.17", "192.0.2.45", "2001:db8:4860:4::1b"], (0, 0, 9)),
    "microsoft": ("Microsoft Corporation", "tlsrpt-noreply@microsoft.com", "microsoft.com",
                  ["198.51.100.7", "198.51.100.93", "2001:db8:f403:c110::2"], (2, 3, 9)),
    "mailru": ("Mail.ru", "tls_support@corp.mail.ru", "corp.mail.ru", ["203.0.113.41", "203.0.113.42"], (0, 3, 6)),
    "postfix": ("mail.example-isp.example", "tlsrpt-noreply@mail.example-isp.example", "mail.example-isp.example",
                ["203.0.113.200", "2001:db8:150::25"], (0, 3, 6)),
    "stalwart": ("mx.relay-co.example", None, "mx.relay-co.example", ["198.51.100.200", "2001:db8:5a1::25"],
                 (0, 255, 6)),
}
FROM = {"google": "noreply-smtp-tls-reporting@google.com", "microsoft": "<tlsrpt-noreply@microsoft.com>",
        "mailru": "Mail.ru TLS reports <tlsrpt-noreply@corp.mail.ru>",
        "postfix": "tlsrpt-noreply@mail.example-isp.example",
        "stalwart": "\"Report Subsystem\" <noreply-tlsrpt@mx.relay-co.example>"}
DOMAINS = {  # mode, mx patterns, max_age, reporting organisations
    "alpha.example": ("testing", ["mx1.alpha.example", "mx2.alpha.example"], 86400,
                      ["google", "microsoft", "mailru", "postfix"]),
    "bravo.example": ("testing", ["*.mail.bravo.example"], 604800, ["google", "microsoft", "stalwart", "postfix"]),
    "charlie.example": ("enforce", ["mx.charlie.example"], 2592000, ["google", "microsoft", "mailru"]),
}
HOSTIP = {"mx1.alpha.example": "192.0.2.101", "mx2.alpha.example": "192.0.2.102",
          "backup.mail.bravo.example": "198.51.100.25", "mx.bravo-legacy.example": "203.0.113.99",
          "mx.charlie.example": "2001:db8:c4a::25"}
HELO = {"mx2.alpha.example": "mx-old.alpha.example"}  # name announced in the EHLO reply, if different
CHARLIE_VF = {(4, "google"): 2, (11, "mailru"): 1, (19, "microsoft"): 3, (25, "google"): 1,
              (27, "mailru"): 2, (31, "microsoft"): 1}
REORDER = 12  # day on which bravo re-published its policy file with max_age before mx


def day(i): return DAY0 + dt.timedelta(days=i)
def unix(i): return int(dt.datetime(*day(i).timetuple()[:3], tzinfo=UTC).timestamp())


def sts_lines(dom, i=0):
    mode, mx, age, _ = DOMAINS[dom]
    head, mxl, tail = ["version: STSv1", f"mode: {mode}"], [f"mx: {m}" for m in mx], [f"max_age: {age}"]
    return head + (tail + mxl if dom == "bravo.example" and i >= REORDER else mxl + tail)


def tlsa_records(dom):
    return [f"3 1 1 {hashlib.sha256(f'{dom}#{k}'.encode()).hexdigest().upper()}" for k in (1, 2)]


def gz(data, xfl=0, os_=255, level=9):
    """One RFC 1952 member: mtime 0, no FNAME, XFL/OS bytes as the reporter writes them."""
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    return (b"\x1f\x8b\x08\x00\0\0\0\0" + bytes([xfl, os_]) + c.compress(data) + c.flush()
            + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF))


# ------------------------------------------------------------- the stories (abstract)
def story(org, dom, i, rng):
    """Abstract policy entries of one report: dict(type, lines, succ, fail, details)."""
    det, ips, ptype = [], ORGS[org][3], "sts"

    def fail(rt, mx, n, reason=None):
        det.append(dict(rt=rt, mx=mx, n=n, ip=rng.choice(ips), reason=reason))
    if dom == "alpha.example":
        succ = rng.randint(180, 420)
        if i < 10:
            fail("certificate-host-mismatch", "mx2.alpha.example", rng.randint(1, 3))
        if (i, org) in ((29, "google"), (32, "mailru"), (34, "postfix")):
            fail("starttls-not-supported", "mx1.alpha.example", 1)
        if org == "postfix" and i == 0:  # the sender's MTA-STS resolver had nothing cached yet
            ptype, det = "no-policy-found", []
    elif dom == "bravo.example":
        succ = rng.randint(150, 350)
        if i >= 30:
            fail("certificate-expired", "backup.mail.bravo.example", rng.randint(8, 25))
        if rng.random() < 0.15 and (org, i) != ("google", REORDER):
            fail("validation-failure", "mx.bravo-legacy.example", rng.randint(1, 4),
                 "MX host does not match any mx pattern of the policy")
        if (org, i) == ("stalwart", 32):  # exactly 42 failures, sent as "42" (see QUIRKS)
            det = [dict(det[0], n=39), dict(rt="validation-failure", mx="mx.bravo-legacy.example",
                                            n=3, ip=ips[0], reason="mx-mismatch")]
        if org == "stalwart" and i == 0:
            ptype, det = "no-policy-found", []
    else:
        succ = rng.randint(200, 500)
        if (i, org) in CHARLIE_VF:
            fail("validation-failure", "mx.charlie.example", CHARLIE_VF[(i, org)],
                 "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY")
        if (i, org) == (20, "google"):
            fail("tls-version-too-old", "mx.charlie.example", 2)
        if i == 16 and org == "microsoft":
            det = [dict(rt="sts-policy-fetch-error", n=3)]
        if i == 16 and org == "mailru":
            det = [dict(rt="sts-policy-fetch-error", n=1, reason=f"bad https response code: {c}") for c in (503, 500)]
    fetch_error = any(d["rt"] == "sts-policy-fetch-error" for d in det)
    ents = [dict(type=ptype, lines=sts_lines(dom, i) if ptype == "sts" and not fetch_error else None,
                 succ=succ, details=det)]
    if (org, dom, i) == ("google", "bravo.example", REORDER):  # both policy versions seen that day
        ents = [dict(type="sts", lines=sts_lines(dom), succ=7, details=[]), dict(ents[0], succ=succ - 7)]
    for e in ents:
        e["fail"] = sum(d["n"] for d in e["details"])
    return ents


def detail(org, d):
    """One failure-details object in the reporter's key order."""
    if "mx" not in d:  # minimal (Microsoft / Mail.ru fetch errors)
        return {"result-type": d["rt"], "failed-session-count": d["n"],
                **({"failure-reason-code": d["reason"]} if d.get("reason") else {})}
    ip, mx, rip, why = d["ip"], d["mx"], HOSTIP[d["mx"]], d.get("reason")
    if org == "postfix":  # tlsrpt-reporter maps libtlsrpt keys in this order; h = whole EHLO reply
        helo = "\r\n".join([f"250-{HELO.get(mx, mx)}", "250-PIPELINING", "250-SIZE 52428800", "250-STARTTLS",
                            "250-ENHANCEDSTATUSCODES", "250-8BITMIME", "250 CHUNKING"])
        return {**({"failure-reason-code": why} if why else {}), "receiving-mx-helo": helo,
                "receiving-mx-hostname": mx, "receiving-ip": rip, "sending-mta-ip": ip,
                "result-type": d["rt"], "failed-session-count": d["n"]}
    return {"result-type": d["rt"], "sending-mta-ip": ip, "receiving-ip": rip, "receiving-mx-hostname": mx,
            "failed-session-count": d["n"], **({"failure-reason-code": why} if why and org != "google" else {})}


def build(org, dom, i, rng):
    """Render the abstract entries in the reporter's own JSON shape. Returns (report, unique-id)."""
    name, contact = ORGS[org][:2]
    mx, pols = DOMAINS[dom][1], []
    for e in story(org, dom, i, rng):
        pol = {"policy-type": e["type"], **({"policy-string": e["lines"]} if e["lines"] else {}),
               "policy-domain": dom}
        summ = {"total-successful-session-count": e["succ"], "total-failure-session-count": e["fail"]}
        dets = [detail(org, d) for d in e["details"]]
        fd = {"failure-details": dets} if dets else {}
        if org == "google":
            if dom == "charlie.example":  # charlie's mta-sts.txt uses CRLF and Google splits on LF
                pol["policy-string"] = [ln + "\r" for ln in pol["policy-string"]]
            pols.append(dict(policy=dict(pol, **{"mx-host": list(mx)} if e["type"] == "sts" else {}),
                             summary=summ, **fd))
        elif org == "microsoft":  # no mx-host; sts + tlsa with the same counts
            tlsa = {"policy-type": "tlsa", "policy-string": [json.dumps(tlsa_records(dom), separators=(",", ":"))],
                    "policy-domain": dom}
            pols += [dict(policy=pol, summary=summ, **fd), dict(policy=tlsa, summary=dict(summ), **fd)]
        elif org == "mailru":
            pols.append(dict(policy=dict(pol, **{"mx-host": list(mx)} if e["lines"] else {}), summary=summ, **fd))
        elif org == "postfix":
            if e["type"] == "sts":
                pol["mx-host"] = list(mx)
            else:
                del pol["policy-domain"]  # sys4 tlsrpt-reporter 0.5.0 omits it for no-policy-found
            pols.append({"summary": {"total-failure-session-count": e["fail"],
                                     "total-successful-session-count": e["succ"]}, "policy": pol,
                         "failure-details": dets})
        else:  # stalwart
            pol = ({"policy-type": e["type"], "policy-string": [], "policy-domain": dom, "mx-host": []}
                   if e["type"] == "no-policy-found" else dict(pol, **{"mx-host": list(mx)}))
            pols.append({"policy": pol, "summary": summ, "failure-details": dets})
    d0, d1, start = day(i).isoformat(), day(i + 1).isoformat(), unix(i)
    closed, half_open = (f"{d0}T00:00:00Z", f"{d0}T23:59:59Z"), (f"{d0}T00:00:00Z", f"{d1}T00:00:00Z")
    if org == "google":
        rid, uid, span = f"{d0}T00:00:00Z_{dom}", "001", closed
    elif org == "microsoft":  # report-id = Windows FILETIME of generation + domain
        ft = (start + 86400 + rng.randint(3600, 7200) + 11644473600) * 10**7 + rng.randint(0, 9999999)
        rid, uid = f"{ft}+{dom}", str(ft)
        span = tuple(s[:-1] for s in closed) if i < 7 else closed  # 2023 style: no zone designator
    elif org == "mailru":
        h = f"{rng.getrandbits(128):032x}"
        rid, uid, span = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}@mail.ru", None, half_open
    elif org == "postfix":
        rid, uid, span = f"{d0}T00:00:00Z_idx1_{dom}", "1", closed
    else:
        rid, uid, span = f"{start}_{rng.getrandbits(64)}", None, half_open
    rep = {"organization-name": name, "date-range": {"start-datetime": span[0], "end-datetime": span[1]},
           "contact-info": contact, "report-id": rid, "policies": pols}
    if org == "postfix":  # report-id last
        rep["report-id"] = rep.pop("report-id")
    return rep, uid


# ------------------------------------------------------------------- one-off quirks
def dates(fmt):
    return lambda o: o["date-range"].update({k: fmt(v) for k, v in o["date-range"].items()})


def pol0(o): return o["policies"][0]


def not_adding_up(o):  # Mail.ru: two details of 1 under a total of 1
    d = pol0(o)["failure-details"][0]
    d["failed-session-count"] = pol0(o)["summary"]["total-failure-session-count"] = 1
    other = [ip for ip in ORGS["mailru"][3] if ip != d["sending-mta-ip"]][0]
    pol0(o)["failure-details"].append(dict(d, **{"sending-mta-ip": other}))


def extra_fields(o):
    o["x-tlsrpt-reporter-version"] = "0.5.0"
    pol0(o)["policy"]["x-policy-id"] = "20261001T120000"
    pol0(o)["x-collector"] = {"host": "mta-out-3", "datagrams": 1207}


QUIRKS = [  # (org, domain, day index, label, mutation; None = built in by story()/build())
    ("postfix", "alpha.example", 0, "`policy-domain` missing in a `no-policy-found` policy (no `policy-string`"
     " either); the domain is only in the file name / TLS-Report-Domain header", None),
    ("stalwart", "bravo.example", 0, "`no-policy-found` with `policy-string: []` and `mx-host: []`", None),
    ("mailru", "charlie.example", 8, "`mx-host` as a bare string (RFC 8460 App. B, errata 6241)",
     lambda o: pol0(o)["policy"].update({"mx-host": "mx.charlie.example"})),
    ("mailru", "alpha.example", 20, "`contact-info` missing", lambda o: o.pop("contact-info")),
    ("google", "alpha.example", 15, "summary without `total-failure-session-count` (Google 2019)",
     lambda o: pol0(o)["summary"].pop("total-failure-session-count")),
    ("stalwart", "bravo.example", 32, "`total-failure-session-count` sent as the digit string `\"42\"`",
     lambda o: pol0(o)["summary"].update({"total-failure-session-count": "42"})),
    ("mailru", "charlie.example", 11, "failure-details with `\"\"` sending-mta-ip, receiving-ip, "
     "additional-information", lambda o: pol0(o)["failure-details"][0].update(
         {"sending-mta-ip": "", "receiving-ip": "", "additional-information": ""})),
    ("mailru", "alpha.example", 4, "misspelled key `receiving-mx-host-name` (SocketLabs 2020)",
     lambda o: [d.update({"receiving-mx-host-name": d.pop("receiving-mx-hostname")})
                for d in pol0(o)["failure-details"]]),
    ("mailru", "alpha.example", 2, "sum of `failed-session-count` (2) != `total-failure-session-count` (1)",
     not_adding_up),
    ("mailru", "charlie.example", 16, "`sts-policy-fetch-error`, no policy-string, minimal details whose "
     "counts (1+1) exceed the total (1)", lambda o: pol0(o)["summary"].update({"total-failure-session-count": 1})),
    ("microsoft", "charlie.example", 16, "`sts-policy-fetch-error`, no policy-string, details with only "
     "result-type and failed-session-count", None),
    ("google", "charlie.example", 20, "unknown result-type `tls-version-too-old`", None),
    ("postfix", "bravo.example", 14, "extra unknown fields (top level, in `policy`, in the policy entry)",
     extra_fields),
    ("google", "bravo.example", REORDER, "two `sts` policies for the same domain and type (old and new line "
     "order of the policy file); the counting rule keeps only the larger entry (7 sessions dropped)", None),
    ("postfix", "alpha.example", 22, "`policy-domain` upper case with trailing dot `Alpha.Example.`",
     lambda o: pol0(o)["policy"].update({"policy-domain": "Alpha.Example."})),
    ("postfix", "bravo.example", 25, "`organization-name` with a terminal escape sequence (ESC`[31m`...ESC`[0m`)"
     " - the only such report", lambda o: o.update({"organization-name": "\x1b[31mmail.example-isp.example\x1b[0m"})),
] + [("postfix", "bravo.example", i, "datetimes with `+00:00` offset",
      dates(lambda s: s.replace("Z", "+00:00"))) for i in (6, 7, 8)] + [
    ("stalwart", "bravo.example", i, "datetimes with fractional seconds (`.000Z`)",
     dates(lambda s: s.replace("Z", ".000Z"))) for i in (10, 11)]


class Rep:
    """One report: JSON object, serialised text, gzip bytes, file name parts and where it was put."""
    def __init__(self, org, dom, i):
        self.org, self.dom, self.i, self.locs, self.sub = org, dom, i, [], ORGS[org][2]
        rng = random.Random(f"{SEED}:{org}:{dom}:{i}")
        self.obj, self.uid = build(org, dom, i, rng)
        self.quirks = [q for q in QUIRKS if q[:3] == (org, dom, i)]
        for *_, mutate in self.quirks:
            if mutate:
                mutate(self.obj)
        self.rid = self.obj["report-id"]
        self.text = (json.dumps(self.obj) if org == "postfix" else
                     json.dumps(self.obj, separators=(",", ":"), sort_keys=(org == "mailru")))
        self.gz = gz(self.text.encode(), *ORGS[org][4])
        self.start = unix(i)
        self.end = self.start + (86400 if org in ("mailru", "stalwart") else 86399)
        self.sent = dt.datetime.fromtimestamp(self.start + 86400 + rng.randint(3600, 8 * 3600), UTC)
        self.token = rng.getrandbits(64)

    def fname(self, ext="json.gz"):
        return "!".join([self.sub, self.dom, str(self.start), str(self.end)] + [self.uid] * bool(self.uid)) + "." + ext


# --------------------------------------------------------------------- e-mail forms
def b64(data): return base64.encodebytes(data).decode()  # 76 columns
def qp(data): return quopri.encodestring(data).decode()
def crlf(s): return s.replace("\n", "\r\n")
def envelope(org): return FROM[org].split("<")[-1].strip(">")


MS_HTML = ('<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=us-ascii">\n</head>\n'
           '<body>\n<div>This is an aggregate TLS report from microsoft.com</div>\n <br>\n<br>\n'
           '<p><em>Microsoft respects your privacy. Review our online </em><a href="https://privacy.microsoft'
           '.com/en-us/privacystatement"><em>Privacy Statement</em></a><em><br>\n<br>\n<em>Microsoft '
           'Corporation </em><br>\n<em>One Microsoft Way</em><br>\n<em>Redmond, WA, USA 98052</em></em></p>\n'
           ' </body>\n</html>\n')


def human(r, extra=""):
    if r.org == "microsoft":
        return f'Content-Type: text/html; charset="us-ascii"\nContent-Transfer-Encoding: quoted-printable\n\n' \
               f"{qp(MS_HTML.encode())}"
    if r.org == "google":
        return ('Content-Type: text/plain; charset="UTF-8"; format=flowed; delsp=yes\n\n'
                "This is an aggregate TLS report from google.com\n")
    return ('Content-Type: text/plain; charset="us-ascii"\nContent-Transfer-Encoding: 7bit\n\n'
            f"This is an aggregate TLS report from {ORGS[r.org][0]}\n{extra}")


def attachment(r, variant="plain"):
    """The machine-readable part in the reporter's style, or in one of the odd variants."""
    name, data = r.fname(), (r.text.encode() if variant == "gzipjson" else r.gz)  # gzipjson: +gzip, plain JSON
    ctype = {"octet": "application/octet-stream", "gzip": "application/gzip", "json": "application/tlsrpt+json",
             "qp": "application/tlsrpt+json"}.get(variant, "application/tlsrpt+gzip")
    if variant == "json":  # Halon style: pretty JSON, 7bit
        name, cte, body = r.fname("json"), "7bit", json.dumps(r.obj, indent=2) + "\n"
    elif variant == "qp":
        name, cte, body = r.fname("json"), "quoted-printable", qp(r.text.encode()) + "\n"
    else:
        cte, body = "base64", b64(data)
    q = urllib.parse.quote(name, safe="")
    if r.org == "google" and variant == "rfc2231":
        p0, p1 = q[:len(q) // 2], q[len(q) // 2:]
        head = (f"Content-Type: {ctype};\n\tname*0*=utf-8''{p0};\n\tname*1*={p1}\n"
                f"Content-Disposition: attachment;\n\tfilename*0*=utf-8''{p0};\n\tfilename*1*={p1}\n")
    elif r.org == "google":
        head = f'Content-Type: {ctype}; \n\tname="{name}"\nContent-Disposition: attachment; \n\tfilename="{name}"\n'
    elif r.org == "microsoft":
        head = f'Content-Type: {ctype}\nContent-Description:\n {name}\nContent-Disposition: attachment;\n\tfilename="{name}"\n'
    elif r.org == "postfix":  # Python email.policy.SMTP splits the long filename (RFC 2231) like this
        cut = q.index("%21", q.index("%21", q.index("%21") + 3) + 3)
        return (f"Content-Type: {ctype}\nContent-Transfer-Encoding: {cte}\nContent-Disposition: attachment;\n"
                f" filename*0*=us-ascii''{q[:cut]};\n filename*1*={q[cut:]}\nMIME-Version: 1.0\n\n{body}")
    else:
        head = f'Content-Type: {ctype}; name="{name}"\nContent-Disposition: attachment; filename="{name}"\n'
    return f"{head}Content-Transfer-Encoding: {cte}\n\n{body}"


def date_hdr(r):
    t, hours = r.sent, 0
    if r.org == "google":  # Pacific time; DST ends 2026-11-01 09:00 UTC
        hours = -7 if t < dt.datetime(2026, 11, 1, 9, tzinfo=UTC) else -8
    elif r.org == "postfix":  # Central European time; DST ends 2026-10-25 01:00 UTC
        hours = 2 if t < dt.datetime(2026, 10, 25, 1, tzinfo=UTC) else 1
    return email.utils.format_datetime(t.astimezone(dt.timezone(dt.timedelta(hours=hours))))


def fold(name, value, width=78):
    lines = [f"{name}:"]
    for w in value.split(" "):
        if len(lines[-1]) + 1 + len(w) > width and lines[-1] != f"{name}:":
            lines.append("")
        lines[-1] += " " + w
    return "\n".join(lines)


def mail(rs, variant="plain", extra=""):
    """A complete report e-mail (LF line endings) for one or more reports of one reporter and domain."""
    r, tok = rs[0], f"{rs[0].token:016x}"
    to, subj = f"tlsrpt@{r.dom}", f"Report Domain: {r.dom} Submitter: {r.sub}"
    common = [f"TLS-Report-Domain: {r.dom}", f"TLS-Report-Submitter: {r.sub}"]
    if r.org == "google":
        bnd, sid = "000000000000" + tok, r.rid.replace("-", ".").replace(":", ".").replace("_", "+")
        hdrs = ["MIME-Version: 1.0", f"Date: {date_hdr(r)}", *common,
                f"Message-ID: <000000000000{tok[::-1]}@google.com>", f"Subject: {subj} Report-ID: <{sid}@google.com>",
                f"From: {FROM['google']}", f"To: {to}",
                f'Content-Type: multipart/report; boundary="{bnd}"; report-type=tlsrpt']
    elif r.org == "microsoft":
        bnd = f"_{tok[:8]}-{tok[8:12]}-4{tok[13:16]}-{tok[3:7]}-{tok[4:16]}_"
        hdrs = [f"From: {FROM['microsoft']}", f'To: "{to}" <{to}>', f"Date: {date_hdr(r)}",
                f"Subject: {subj} Report-ID:\n {r.rid}", *common, "MIME-Version: 1.0",
                f"Message-ID: <{r.rid}@{r.dom}>", f'Content-Type: multipart/report;\n\tboundary="{bnd}"; report-type=tlsrpt',
                "X-MS-PublicTrafficType: Email", "X-MS-Exchange-SenderADCheck: 1"]
    elif r.org == "postfix":  # header order of tlsrpt-reporter's EmailMessage; Date added by the MTA
        bnd = f"==============={r.token % 10**19:019d}=="
        hdrs = [fold("Subject", f"{subj} Report-ID: <{r.rid}@{r.sub}>"), f"From: {FROM['postfix']}", f"To: {to}",
                f"Message-ID: <{r.sent:%Y%m%d%H%M%S}.{r.token % 99991}.{tok[:6]}@{r.sub}>", *common,
                "TLS-Required: No", "MIME-Version: 1.0",
                f'Content-Type: multipart/report; report-type="tlsrpt";\n boundary="{bnd}"', f"Date: {date_hdr(r)}"]
    else:  # mailru, stalwart
        bnd = f"----=_Part_{r.token % 10**6}_{tok}" if r.org == "mailru" else f"_{tok}_{r.start}"
        hdrs = [f"From: {FROM[r.org]}", f"To: {to}", f"Subject: {subj} Report-ID: <{r.rid}>", f"Date: {date_hdr(r)}",
                f"Message-ID: <{r.rid}>" if r.org == "mailru" else f"Message-ID: <{r.rid}@{r.sub}>", *common,
                "MIME-Version: 1.0", f'Content-Type: multipart/report; report-type="tlsrpt"; boundary="{bnd}"']
        hdrs += ["Auto-Submitted: auto-generated"] if r.org == "stalwart" else []
    parts = [human(r, extra)]
    if variant == "nested":
        inner = f"=_mixed_{tok}"  # must not have the outer boundary as a prefix
        parts.append(f'Content-Type: multipart/mixed; boundary="{inner}"\n\n--{inner}\n{attachment(r)}\n--{inner}--\n')
    else:
        parts += [attachment(x, variant) for x in rs]
    pre = "This is a multipart message in MIME format.\n\n" if r.org == "mailru" else ""
    return "\n".join(hdrs) + "\n\n" + pre + "".join(f"--{bnd}\n{p}\n" for p in parts) + f"--{bnd}--\n"


DMARC_XML = """<?xml version="1.0" encoding="UTF-8" ?>
<feedback>
  <report_metadata><org_name>google.com</org_name><email>noreply-dmarc-support@google.com</email>
    <report_id>4981726354019283746</report_id><date_range><begin>1792713600</begin><end>1792799999</end></date_range>
  </report_metadata>
  <policy_published><domain>alpha.example</domain><p>none</p></policy_published>
  <record><row><source_ip>192.0.2.17</source_ip><count>3</count></row>
    <identifiers><header_from>alpha.example</header_from></identifiers></record>
</feedback>
"""
NOT_REPORTS = {"90-not-a-report-dmarc-aggregate": """MIME-Version: 1.0
Date: Fri, 23 Oct 2026 16:59:59 -0700
Message-ID: <4981726354019283746@google.com>
Subject: Report domain: alpha.example Submitter: google.com Report-ID: 4981726354019283746
From: noreply-dmarc-support@google.com
To: dmarc@alpha.example
Content-Type: multipart/mixed; boundary="000000000000dmarc0a1b2c3d4e5f"

--000000000000dmarc0a1b2c3d4e5f
Content-Type: text/plain; charset="UTF-8"; format=flowed; delsp=yes

This is an aggregate report from Google.

--000000000000dmarc0a1b2c3d4e5f
Content-Type: application/gzip; \n\tname="google.com!alpha.example!1792713600!1792799999.xml.gz"
Content-Disposition: attachment; \n\tfilename="google.com!alpha.example!1792713600!1792799999.xml.gz"
Content-Transfer-Encoding: base64

$xmlgz--000000000000dmarc0a1b2c3d4e5f--
""", "91-not-a-report-bounce-dsn": """Return-Path: <>
Date: Mon,  2 Nov 2026 08:12:25 +0000 (UTC)
From: MAILER-DAEMON@mail.alpha.example (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: tlsrpt@alpha.example
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="8C3E21A0B7.1793412345/mail.alpha.example"
Message-Id: <20261102081225.8C3E21A0B7@mail.alpha.example>

--8C3E21A0B7.1793412345/mail.alpha.example
Content-Type: text/plain; charset=us-ascii

<postmaster@mx.unreachable.example>: Host or domain name not found.

--8C3E21A0B7.1793412345/mail.alpha.example
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.alpha.example

Final-Recipient: rfc822; postmaster@mx.unreachable.example
Action: failed
Status: 5.4.4

--8C3E21A0B7.1793412345/mail.alpha.example
Content-Type: text/rfc822-headers

From: tlsrpt@alpha.example
Subject: Re: Report Domain: alpha.example Submitter: google.com

--8C3E21A0B7.1793412345/mail.alpha.example--
"""}

# --------------------------------------------------------------------------- layout
EML = [  # (file stem, variant, [(org, domain, day)], CRLF?, what it exercises)
    ("01-google", "plain", [("google", "alpha.example", 3)], True, "Google style: text/plain + "
     "application/tlsrpt+gzip, folded `name=`/`filename=`; the DUPLICATE (same report also in gzip/)"),
    ("02-google", "plain", [("google", "charlie.example", 20)], False, "Google style"),
    ("03-google-rfc2231", "rfc2231", [("google", "bravo.example", REORDER)], True,
     "RFC 2231 split `name*0*=`/`filename*0*=utf-8''google.com%21...` parameters"),
    ("04-microsoft", "plain", [("microsoft", "charlie.example", 16)], True, "Microsoft style: text/html "
     "quoted-printable, Content-Description, folded Subject, Report-ID without <>"),
    ("05-microsoft", "plain", [("microsoft", "alpha.example", 2)], False, "Microsoft style"),
    ("06-microsoft-nested", "nested", [("microsoft", "bravo.example", 31)], True,
     "multipart/mixed nested inside multipart/report"),
    ("07-mailru-octet-stream", "octet", [("mailru", "alpha.example", 4)], False,
     "application/octet-stream with a `.json.gz` name"),
    ("08-mailru-gzip-label-plain-json", "gzipjson", [("mailru", "charlie.example", 16)], True,
     "application/tlsrpt+gzip part (`.json.gz` name) whose content is plain JSON"),
    ("09-mailru", "plain", [("mailru", "charlie.example", 11)], False, "Mail.ru-like, RFC 8460 example shape"),
    ("10-postfix", "plain", [("postfix", "alpha.example", 0)], True, "Postfix/sys4 style (Python email.policy.SMTP)"),
    ("11-postfix-two-reports", "plain", [("postfix", "bravo.example", 30), ("postfix", "bravo.example", 31)], True,
     "TWO report attachments in one message"),
    ("12-postfix-quoted-printable-json", "qp", [("postfix", "bravo.example", 14)], True,
     "application/tlsrpt+json with quoted-printable JSON"),
    ("13-stalwart-application-gzip", "gzip", [("stalwart", "bravo.example", 0)], False, "application/gzip"),
    ("14-stalwart-tlsrpt-json", "json", [("stalwart", "bravo.example", 32)], False,
     "application/tlsrpt+json, pretty-printed plain JSON, 7bit"),
    ("15-google", "plain", [("google", "alpha.example", 15)], False, "Google style"),
    ("16-stalwart", "plain", [("stalwart", "bravo.example", 33)], True, "Stalwart-like, Auto-Submitted"),
    ("17-mailru", "plain", [("mailru", "alpha.example", 2)], True, "Mail.ru-like"),
    ("18-microsoft", "plain", [("microsoft", "bravo.example", 33)], False, "Microsoft style"),
    ("19-postfix", "plain", [("postfix", "alpha.example", 7)], False, "Postfix/sys4 style"),
    ("20-google", "plain", [("google", "bravo.example", 34)], True, "Google style"),
]
DUP = ("google", "alpha.example", 3)


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())


def mboxrd(msg): return "\n".join(">" + ln if ln.lstrip(">").startswith("From ") else ln for ln in msg.split("\n"))


def generate():
    reps = {(o, d, i): Rep(o, d, i) for d in DOMAINS for o in DOMAINS[d][3] for i in range(NDAYS)}
    assert len({r.rid for r in reps.values()}) == len(reps), "report-ids must be unique"
    shutil.rmtree(OUT, ignore_errors=True)

    def put(r, name, data, note=""):
        write(OUT / name, data)
        r.locs.append(name + note)
    for stem, variant, keys, use_crlf, _ in EML:
        rs = [reps[k] for k in keys]
        msg, name = mail(rs, variant), f"eml/{stem}-{rs[0].dom.split('.')[0]}-{day(rs[0].i)}.eml"
        for r in rs:
            put(r, name, crlf(msg) if use_crlf else msg)
    xmlgz = b64(gz(DMARC_XML.encode(), 0, 0))
    for stem, text in NOT_REPORTS.items():
        text = string.Template(text).substitute(xmlgz=xmlgz)
        write(OUT / f"eml/{stem}.eml", crlf(text) if "dsn" in stem else text)
    rest = sorted((r for r in reps.values() if not r.locs), key=lambda r: (r.i, r.dom, r.org))
    random.Random(SEED + 1).shuffle(rest)
    # mbox (mboxrd), chronological; the first Stalwart message has a body line starting with "From "
    mb, chunks = sorted(rest[:40], key=lambda r: r.sent), []
    from_msg = next(n for n, r in enumerate(mb) if r.org == "stalwart")
    for n, r in enumerate(mb):
        extra = (f"\nFrom {day(r.i)} 00:00 UTC to {day(r.i + 1)} 00:00 UTC we tried "
                 f"{pol0(r.obj)['summary']['total-successful-session-count']} TLS sessions.\n" if n == from_msg else "")
        t = r.sent
        chunks.append(f"From {envelope(r.org)} {t:%a %b} {t.day:2d} {t:%H:%M:%S %Y}\n{mboxrd(mail([r], extra=extra))}\n")
        r.locs.append(f"mbox/reports.mbox (message {n + 1}{', >From line' if n == from_msg else ''})")
    write(OUT / "mbox/reports.mbox", "".join(chunks))
    # Maildir: 25 seen messages in cur/, 15 in new/, tmp/ empty
    for n, r in enumerate(sorted(rest[40:80], key=lambda r: r.sent)):
        data = f"Return-Path: <{envelope(r.org)}>\nDelivered-To: tlsrpt@{r.dom}\n" + mail([r])
        base = f"{int(r.sent.timestamp())}.M{100000 + n * 7919}P{2000 + n}.mx.tlsrpt-inbox.example"
        put(r, f"Maildir/cur/{base},S={len(data.encode())}:2,S" if n < 25 else f"Maildir/new/{base}", data)
    write(OUT / "Maildir/tmp/.gitkeep", b"")
    for n, r in enumerate(rest[80:140]):  # plain JSON, every third one pretty-printed
        pretty = json.dumps(r.obj, indent=(2, 4)[n % 2]) + "\n"
        put(r, f"json/{r.fname('json')}", pretty if n % 3 == 0 else r.text, " (pretty-printed)" * (n % 3 == 0))
    # gzip: two odd names (no extension; bare .gz) for reporters whose JSON names the domain
    odd = [r for r in rest[140:] if r.org in ("google", "microsoft") and not r.quirks][:2]
    put(odd[0], f"gzip/tlsrpt-{odd[0].org}-{day(odd[0].i)}", odd[0].gz)
    put(odd[1], f"gzip/{odd[1].fname('gz')}", odd[1].gz)
    for r in rest[140:] + [reps[DUP]]:
        if r not in odd:
            put(r, f"gzip/{r.fname()}", r.gz)
    assert all(r.locs for r in reps.values())
    return reps


# ------------------------------------------------------------------ expected figures
def norm(d): return d.strip().rstrip(".").lower() if isinstance(d, str) else None
def count(v): return int(v) if isinstance(v, (int, str)) else 0


def figures(reps):
    """Per report and policy domain, take the policy entry with the largest session total."""
    out = {d: dict(successful_sessions=0, failed_sessions=0, reports=0, organizations=set(), days=set(),
                   by_day=collections.defaultdict(lambda: [0, 0])) for d in DOMAINS}
    for r in reps.values():
        best = {}
        for p in json.loads(r.text)["policies"]:
            dom = norm(p["policy"].get("policy-domain")) or r.dom  # else header / file name domain
            s, f = (count(p["summary"].get(f"total-{k}-session-count")) for k in ("successful", "failure"))
            if dom not in best or s + f > sum(best[dom]):
                best[dom] = (s, f)
        for dom, (s, f) in best.items():
            e, d = out[dom], day(r.i).isoformat()
            e["successful_sessions"] += s
            e["failed_sessions"] += f
            e["reports"] += 1
            e["organizations"].add(r.sub)
            e["days"].add(d)
            e["by_day"][d][0] += s
            e["by_day"][d][1] += f
    for e in out.values():
        e["organizations"], e["days"] = sorted(e["organizations"]), len(e["days"])
        e["by_day"] = {k: {"successful": v[0], "failed": v[1]} for k, v in sorted(e["by_day"].items())}
    return out


# ------------------------------------------------------------------------- verify
def extract(msg):
    """Report objects in one parsed message, sniffing every non-text leaf part."""
    found = []
    for part in msg.walk():
        if part.is_multipart() or part.get_content_maintype() in ("text", "message"):
            continue
        data = part.get_payload(decode=True) or b""
        data = zlib.decompress(data, 31) if data[:2] == b"\x1f\x8b" else data
        if data.lstrip()[:1] == b"{":
            found.append(json.loads(data))
    return found


def verify(reps):
    """Read everything back like an ingester would; every report exactly once except the duplicate."""
    by_rid, seen, non_reports = {r.rid: json.loads(r.text) for r in reps.values()}, collections.Counter(), 0
    for p in sorted(OUT.rglob("*")):
        rel = p.relative_to(OUT).as_posix()
        if not p.is_file() or rel.startswith(("mbox/", "Maildir/")) or rel in ("README.md", "expected.json"):
            continue
        raw = p.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            assert raw[3] == 0 and raw[4:8] == b"\0\0\0\0", f"{rel}: FNAME or mtime set"
            objs = [json.loads(zlib.decompress(raw, 31))]
        elif rel.startswith("eml/"):
            objs = extract(email.message_from_bytes(raw))
            non_reports += not objs
        else:
            objs = [json.loads(raw)]
        assert all(o == by_rid[o["report-id"]] for o in objs), rel
        seen.update(o["report-id"] for o in objs)
    box = list(mailbox.mbox(str(OUT / "mbox/reports.mbox"))) + list(mailbox.Maildir(str(OUT / "Maildir"), None))
    for m in box:
        objs = extract(m)
        assert len(objs) == 1 and objs[0] == by_rid[objs[0]["report-id"]]
        seen.update(o["report-id"] for o in objs)
    assert set(seen) == set(by_rid) and [k for k, v in seen.items() if v > 1] == [reps[DUP].rid]
    assert seen[reps[DUP].rid] == 2 and len(box) == 80 and non_reports == 2
    assert sum("\x1b" in o["organization-name"] for o in by_rid.values()) == 1
    return non_reports


# ---------------------------------------------------------------- broken fixtures
def generate_broken():
    """Inputs that must be rejected (the ANSI one: sanitised), next to the tests that use them."""
    shutil.rmtree(BROKEN, ignore_errors=True)
    base, rng = Rep("google", "alpha.example", 5), random.Random(f"{SEED}:broken")
    text = base.text.replace(base.rid, "2026-10-25T00:00:00Z_broken-fixture.alpha.example")  # own report-id
    gzb = gz(text.encode(), 0, 0)
    write(BROKEN / "truncated.json.gz", gzb[: len(gzb) // 2])
    write(BROKEN / "not-gzip.json.gz", b"This file only pretends to be gzip.\n")
    write(BROKEN / "invalid.json", text[:-40] + ",]}")
    write(BROKEN / "not-a-report.json", '{"hello": 1}')
    write(BROKEN / "empty.json", b"")
    write(BROKEN / "binary-junk", b"\xff" + rng.randbytes(4095))
    neg = json.loads(text)
    pol0(neg)["summary"]["total-successful-session-count"] = -5
    write(BROKEN / "negative-count.json", json.dumps(neg))
    write(BROKEN / "no-policies.json", json.dumps({k: v for k, v in json.loads(text).items() if k != "policies"}))
    # gzip bomb: 64 MiB of spaces inside a JSON string, deflated chunk by chunk (~64 KiB on disk)
    head, tail = text.split('"policies"', 1)
    c, crc, size, parts = zlib.compressobj(9, zlib.DEFLATED, -15), 0, 0, []
    for chunk in [(head + '"x-padding":"').encode()] + [b" " * (1 << 20)] * 64 + [('","policies"' + tail).encode()]:
        crc, size = zlib.crc32(chunk, crc), size + len(chunk)
        parts.append(c.compress(chunk))
    write(BROKEN / "bomb.json.gz", b"\x1f\x8b\x08\x00\0\0\0\0\x02\x03" + b"".join(parts) + c.flush()
          + struct.pack("<II", crc, size & 0xFFFFFFFF))
    write(BROKEN / "ansi-organization-name.json", json.dumps({**json.loads(text), **{
        "organization-name": "\x1b[1;31mEvil\x1b[0m Corp\x07\x1b]0;pwned\x07\x1b[2J",
        "report-id": "2026-10-25T00:00:00Z_ansi-fixture.alpha.example"}}))
    return sorted(p.name for p in BROKEN.iterdir())


# ------------------------------------------------------------------------- README
README = string.Template("""# SampleReports

Generated by `Scripts/make-sample-reports.py`; do not edit by hand, rerun it (reruns are byte-identical). All reports are fictional: policy domains under `.example`, addresses in 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 and 2001:db8::/32. Reporter names and shapes (key order, report-id, file names, MIME layout, gzip header bytes) imitate the real senders in `/work/shared/reference/quirks.md`. Everything here must ingest without a single reject (`tlsrpt ingest SampleReports` skips this README, which is not a report).

## Layout

* `json/`: $n_json plain reports with RFC 8460 file names; every third one is pretty-printed.
* `gzip/`: $n_gzip files: $n_jsongz `.json.gz` (mtime 0, no FNAME; one is the duplicate), `$noext` (no extension, no RFC name) and `$dotgz` (`.gz` only).
* `eml/`: $n_eml messages: $n_eml_rep report mails carrying $n_eml_reports reports (variants below) and 2 mails that are NOT TLS reports.
* `mbox/reports.mbox`: $n_mbox messages, mboxrd, chronological, LF; $from_msg has a body line escaped as `>From `.
* `Maildir/`: $n_maildir messages: $n_cur in `cur/` (`<time>.M<n>P<pid>.<host>,S=<size>:2,S`), $n_new in `new/` (`<time>.M<n>P<pid>.<host>`); `tmp/` holds only `.gitkeep`.
* `Tests/Fixtures/sample-reports-expected.json`: the figures below, machine-readable (plus per-day figures in `by_day`); the tests check ingest against it.

**$n_distinct distinct reports** in $n_inst report instances. The one deliberate duplicate, `$dup_rid` (Google, alpha.example, $dup_day), is delivered both as `$dup_file` and inside `$dup_eml`; deduplicate on (submitter, report-id).

**2 non-report mails** must be skipped (neither ingested nor rejected): `eml/90-not-a-report-dmarc-aggregate.eml` (DMARC aggregate report: `application/gzip` with gzip'd XML named like a TLSRPT file, `google.com!alpha.example!...xml.gz`) and `eml/91-not-a-report-bounce-dsn.eml` (bounce, `multipart/report; report-type=delivery-status`).

## The three domains ($first .. $last, 35 UTC days)

* **alpha.example** (`mode: testing`, mx `mx1.alpha.example` and `mx2.alpha.example`, `max_age: 86400`; Google, Microsoft, Mail.ru, Postfix/sys4): a few hundred successful sessions per reporter and day; `certificate-host-mismatch` on `mx2.alpha.example` 2026-10-20 .. 10-29 (1-3 per reporter and day), fixed afterwards; one `starttls-not-supported` session each on 2026-11-18, 11-21 and 11-23 (well under 0.1 %); the Postfix sender had no policy cached on 2026-10-20 (`no-policy-found`). **Ready for enforce.**
* **bravo.example** (`mode: testing`, mx `*.mail.bravo.example`, `max_age: 604800`; Google, Microsoft, Stalwart-style `mx.relay-co.example`, Postfix/sys4): `certificate-expired` on the backup MX `backup.mail.bravo.example` 2026-11-19 .. 11-23 (8-25 per reporter and day); scattered `validation-failure` on `mx.bravo-legacy.example`, which the policy does not cover; from $reorder the policy file lists `max_age` before `mx`. **NOT ready.**
* **charlie.example** (already `mode: enforce`, mx `mx.charlie.example`, `max_age: 2592000`; Google, Microsoft, Mail.ru): mostly successful, a few `validation-failure` days, `sts-policy-fetch-error` from Microsoft and Mail.ru on 2026-11-05 (no policy-string, minimal details); its mta-sts.txt uses CRLF, so Google's policy-string lines end in `\\r`. **Already enforcing.**

## Expected figures

Counting rule: per report and policy domain, take the ONE policy entry with the largest session total (successful + failed); this counts each Microsoft tlsa+sts pair once. The policy domain is lower-cased without a trailing dot; a missing `policy-domain` falls back to the TLS-Report-Domain header or the file name. Missing counters count 0, digit strings count as numbers, failure details are never summed. Organisations are counted by submitter domain (contact-info domain, else TLS-Report-Submitter, else file name), not by `organization-name`.

| domain | reports | organisations | days | successful sessions | failed sessions |
|---|---|---|---|---|---|
$fig_rows

## Reporter styles (every report of that reporter)

* **Google**: compact JSON in RFC key order; report-id `YYYY-MM-DDT00:00:00Z_<domain>`; file `google.com!<domain>!<start>!<start+86399>!001.json.gz`; end `23:59:59Z`; `mx-host` array (none for no-policy-found); no `failure-details` key without failures; gzip XFL/OS 0/0. STS lines ending in `\\r` in every charlie.example report, e.g. $g_cr.
* **Microsoft**: no `mx-host` anywhere; an `sts` AND a `tlsa` entry with identical summaries and details, the tlsa policy-string being ONE element holding a JSON-encoded array; report-id `<18 digits>+<domain>`; datetimes WITHOUT zone 2026-10-20 .. 10-26 (e.g. $ms_nozone), `Z` afterwards; mails with a text/html quoted-printable part, Content-Description, Report-ID without `<>` folded in the Subject.
* **Mail.ru**: keys sorted alphabetically; report-id `<uuid>@mail.ru`; end = next midnight `Z`; free-text `failure-reason-code`; no unique-id in the file name.
* **Postfix/sys4** (`mail.example-isp.example`): `summary` before `policy`, `report-id` last, `", "`/`": "` separators; `failure-details: []` when empty; report-id `<date>T00:00:00Z_idx1_<domain>`; a multi-line `receiving-mx-helo` with CRLF in every failure detail, e.g. $pf_helo; mails with `report-type="tlsrpt"`, RFC 2231 `filename*0*=us-ascii''...` (as Python's email.policy.SMTP writes it) and `TLS-Required: No`.
* **Stalwart-style** (`mx.relay-co.example`): `contact-info: null` everywhere; `failure-details: []` when empty; report-id `<unix-start>_<u64>`; end = next midnight; no unique-id in the file name; e.g. $st_ex.

## One-off quirks (where to find them)

| quirk | report | location |
|---|---|---|
$quirk_rows

## E-mail variants in `eml/`

| file | reports | what it exercises | line ends |
|---|---|---|---|
$eml_rows

## Broken inputs (not in this folder)

`Tests/Fixtures/broken/` (same script, `generate_broken()`) holds inputs that must be rejected: `truncated.json.gz` (cut in half), `not-gzip.json.gz` (text), `invalid.json` (cut-off JSON), `not-a-report.json` (`{"hello": 1}`), `empty.json` (0 bytes), `binary-junk` (4 KiB of random bytes), `negative-count.json` (count -5), `no-policies.json` (no `policies`), `bomb.json.gz` ($bomb_kib KiB inflating to $bomb_mib MiB of spaces inside a JSON string). `ansi-organization-name.json` is a valid report whose `organization-name` holds ANSI/OSC escapes and a BEL character: ingest it, but sanitise it on output.

## Reproducibility

Each gzip member is written by hand: header `1f 8b 08 00`, mtime 0, no FNAME, and XFL/OS bytes per reporter. This is because `gzip.compress(data, mtime=0)` changed its header bytes between Python 3.11 patch releases. The deflate stream comes from the system zlib, and a different zlib (e.g. zlib-ng) may compress differently, so tests should compare decompressed content, not compressed bytes.
""")


def md(loc):  # `path` (note)
    path, _, note = loc.partition(" (")
    return f"`{path}`" + (f" ({note}" if note else "")


def where(reps, pred, n=2):
    locs = [r.locs[0] for r in sorted(reps.values(), key=lambda r: (r.i, r.dom, r.org)) if pred(r)]
    return ", ".join(md(x) for x in locs[:n]) + (f" (+{len(locs) - n} more)" if len(locs) > n else "")


def readme(reps, figs, non_reports, broken):
    files = [p.relative_to(OUT).as_posix() for p in OUT.rglob("*") if p.is_file()]
    dup, inst = reps[DUP], sum(len(r.locs) for r in reps.values())
    gzf = [f for f in files if f.startswith("gzip/")]
    odd = sorted(f for f in gzf if not f.endswith(".json.gz"))
    bomb = BROKEN / "bomb.json.gz"
    v = dict(
        n_json=sum(f.startswith("json/") for f in files), n_gzip=len(gzf), n_jsongz=len(gzf) - len(odd),
        noext=next(f for f in odd if not f.endswith(".gz")), dotgz=next(f for f in odd if f.endswith(".gz")),
        n_eml=sum(f.startswith("eml/") for f in files), n_eml_rep=len(EML),
        n_eml_reports=sum(len(k) for _, _, k, _, _ in EML), n_mbox=sum("mbox" in r.locs[0] for r in reps.values()),
        from_msg=where(reps, lambda r: ">From" in r.locs[0], 1),
        n_maildir=sum(f.startswith("Maildir/") and "/tmp/" not in f for f in files),
        n_cur=sum(f.startswith("Maildir/cur/") for f in files), n_new=sum(f.startswith("Maildir/new/") for f in files),
        n_distinct=len(reps), n_inst=inst, dup_rid=dup.rid, dup_day=day(dup.i), dup_file=dup.locs[1],
        dup_eml=dup.locs[0], first=day(0), last=day(NDAYS - 1), reorder=day(REORDER),
        fig_rows="\n".join(f"| {d} | {e['reports']} | {len(e['organizations'])} ({', '.join(e['organizations'])})"
                           f" | {e['days']} | {e['successful_sessions']} | {e['failed_sessions']} |"
                           for d, e in figs.items()),
        g_cr=where(reps, lambda r: r.org == "google" and r.dom == "charlie.example"),
        ms_nozone=where(reps, lambda r: r.org == "microsoft" and r.i < 7),
        pf_helo=where(reps, lambda r: r.org == "postfix" and r.dom == "alpha.example" and 0 < r.i < 10),
        st_ex=where(reps, lambda r: r.org == "stalwart"),
        quirk_rows="\n".join(f"| {label} | {ORGS[o][2]} {d} {day(i)} | {', '.join(md(x) for x in reps[(o, d, i)].locs)} |"
                             for o, d, i, label, _ in QUIRKS),
        eml_rows="\n".join(f"| `{next(x for x in reps[k[0]].locs if x.startswith('eml/'))}` | "
                           f"{', '.join(f'{ORGS[o][2]} {d} {day(i)}' for o, d, i in k)} | {desc} | "
                           f"{'CRLF' if c else 'LF'} |" for _, _, k, c, desc in EML),
        bomb_kib=round(bomb.stat().st_size / 1024), bomb_mib=round(len(zlib.decompress(bomb.read_bytes(), 31)) / 2**20))
    return README.substitute(v)


def main():
    reps = generate()
    figs = figures(reps)
    non_reports = verify(reps)
    broken = generate_broken()
    exp = {"distinct_reports": len(reps), "report_instances": sum(len(r.locs) for r in reps.values()),
           "duplicates": 1, "duplicate_report_id": reps[DUP].rid, "non_report_messages": non_reports,
           "first_day": day(0).isoformat(), "last_day": day(NDAYS - 1).isoformat(),
           "counting_rule": "per report and policy domain, the policy entry with the largest session total",
           "verdicts": {"alpha.example": "ready-for-enforce", "bravo.example": "not-ready",
                        "charlie.example": "already-enforce"},
           "domains": figs}
    write(ROOT / "Tests" / "Fixtures" / "sample-reports-expected.json", json.dumps(exp, indent=2) + "\n")
    write(OUT / "README.md", readme(reps, figs, non_reports, broken))
    print(f"{len(reps)} distinct reports, {exp['report_instances']} instances, 1 duplicate, "
          f"{non_reports} non-report mails")
    for d, e in figs.items():
        print(f"  {d:16} reports={e['reports']:3} orgs={len(e['organizations'])} days={e['days']} "
              f"successful={e['successful_sessions']} failed={e['failed_sessions']}")
    print("broken fixtures:", ", ".join(broken))


if __name__ == "__main__":
    sys.exit(main())
