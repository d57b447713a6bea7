#!/usr/bin/env bash
# Feeds tlsrpt ingest the hostile inputs of issue #13 one at a time and measures each run's peak
# memory (maximum resident set size, /usr/bin/time -v) and time, printing a Markdown table for
# RELIABILITY.md.
#
#   Benchmarks/limits.sh [--debug] [--work DIR] [--keep]
#
# --debug measures the debug build (.build/debug/tlsrpt) instead of the release build. The
# inputs (about 1.5 GB in all, the 1 GB mbox message the largest) are generated into DIR
# (default: a new temporary folder), removed at the end unless --keep.
set -euo pipefail
cd "$(dirname "$0")/.."

configuration=release
work=""
keep=0
while (($#)); do
    case "$1" in
        --debug) configuration=debug ;;
        --work) work="$2"; shift ;;
        --keep) keep=1 ;;
        *) sed -n '2,10p' "$0" >&2; exit 2 ;;
    esac
    shift
done
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
if [ "$configuration" = release ]; then swift build -c release --product tlsrpt >&2; fi
binary="$PWD/.build/$configuration/tlsrpt"
[ -x "$binary" ] || swift build --product tlsrpt >&2
work="${work:-$(mktemp -d)}"
mkdir -p "$work"
((keep)) || trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PYTHON'
import base64, gzip, json, os, sys
work = sys.argv[1]

def report(report_id, domain="example.com", summary=None, details=None):
    policy = {
        "policy": {"policy-type": "sts", "policy-domain": domain,
                   "policy-string": ["version: STSv1", "mode: testing", "mx: mx.example.com", "max_age: 86400"],
                   "mx-host": ["mx.example.com"]},
        "summary": summary or {"total-successful-session-count": 10, "total-failure-session-count": 0},
    }
    if details is not None:
        policy["failure-details"] = details
    return {"organization-name": "Limits", "contact-info": "limits@example.com", "report-id": report_id,
            "date-range": {"start-datetime": "2026-11-01T00:00:00Z", "end-datetime": "2026-11-01T23:59:59Z"},
            "policies": [policy]}

def path(name):
    return os.path.join(work, name)

def detail(index):
    return {"result-type": "certificate-expired", "sending-mta-ip": "192.0.2.%d" % (index % 250 + 1),
            "receiving-mx-hostname": "mx%d.example.com" % (index % 100), "failed-session-count": 1}

# A gzip bomb: 4 GiB of spaces inside a report, about 4 MB compressed.
head, tail = json.dumps(report("bomb")).encode().split(b'"organization-name"', 1)
with gzip.open(path("bomb.json.gz"), "wb", compresslevel=9) as out:
    out.write(head)
    chunk = b" " * (1 << 20)
    for _ in range(4096):
        out.write(chunk)
    out.write(b'"organization-name"' + tail)

# A 200 MB JSON file: one report whose failure details fill it.
with open(path("200mb.json"), "w") as out:
    text = json.dumps(report("200mb", details=[]))
    before, after = text.split('"failure-details": []')
    out.write(before + '"failure-details": [')
    index = 0
    while out.tell() < 200 * 1000 * 1000:
        out.write(("," if index else "") + json.dumps(detail(index)))
        index += 1
    out.write("]" + after)

# A million failure details, gzip-compressed as reporters send them.
million = report("million", summary={"total-successful-session-count": 0, "total-failure-session-count": 1000000},
                 details=[detail(index) for index in range(1000000)])
with gzip.open(path("million-details.json.gz"), "wb") as out:
    out.write(json.dumps(million).encode())

# JSON nested 100,000 deep.
with open(path("deep.json"), "w") as out:
    out.write('{"a":' * 100000 + "1" + "}" * 100000)

def message(report_id, extra_header=""):
    attachment = base64.encodebytes(gzip.compress(json.dumps(report(report_id)).encode())).decode().replace("\n", "\r\n")
    return ("From: reporter@example.net\r\nTo: tlsrpt@example.com\r\nSubject: Report Domain: example.com\r\n"
            "Message-ID: <%s@example.net>\r\n%sMIME-Version: 1.0\r\n"
            "Content-Type: multipart/report; boundary=\"B\"; report-type=tlsrpt\r\n\r\n--B\r\n"
            "Content-Type: text/plain\r\n\r\nA report.\r\n--B\r\nContent-Type: application/tlsrpt+gzip\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--B--\r\n" % (report_id, extra_header, attachment))

# An e-mail whose header line is 10 MB long.
with open(path("long-header.eml"), "w") as out:
    out.write(message("long-header", "X-Long: " + "a" * (10 << 20) + "\r\n"))

# 10,000 nested multiparts.
depth = 10000
attachment = base64.encodebytes(gzip.compress(json.dumps(report("nested")).encode())).decode().replace("\n", "\r\n")
with open(path("nested-multiparts.eml"), "w") as out:
    out.write("From: a@example.net\r\nMessage-ID: <nested@example.net>\r\nMIME-Version: 1.0\r\n"
              "Content-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n")
    for level in range(1, depth):
        out.write("--b%d\r\nContent-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n" % (level - 1, level))
    out.write("--b%d\r\nContent-Type: application/tlsrpt+gzip\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\r\n--b%d--\r\n"
              % (depth - 1, attachment, depth - 1))
    for level in range(depth - 2, -1, -1):
        out.write("--b%d--\r\n" % level)

# An mbox with a 1 GB message between two ordinary ones.
with open(path("1gb-message.mbox"), "w") as out:
    out.write("From reporter@example.net Sun Nov  1 10:00:00 2026\n" + message("mbox-before").replace("\r\n", "\n") + "\n")
    out.write("From reporter@example.net Sun Nov  1 10:00:01 2026\nFrom: x@example.net\nSubject: huge\n\n")
    line = "x" * 999 + "\n"
    for _ in range(1000 * 1000):
        out.write(line)
    out.write("\nFrom reporter@example.net Sun Nov  1 10:00:02 2026\n" + message("mbox-after").replace("\r\n", "\n") + "\n")

# Counts of 2^63, 2^64 and 1e308; a 10,000-character domain.
for name, count in [("count-2e63", "9223372036854775808"), ("count-2e64", "18446744073709551616"), ("count-1e308", "1e308")]:
    text = json.dumps(report(name)).replace('"total-successful-session-count": 10', '"total-successful-session-count": ' + count)
    open(path(name + ".json"), "w").write(text)
open(path("domain-10000.json"), "w").write(json.dumps(report("domain", domain="a" * 10000 + ".example")))
PYTHON

inputs=(bomb.json.gz 200mb.json million-details.json.gz deep.json long-header.eml nested-multiparts.eml 1gb-message.mbox
    count-2e63.json count-2e64.json count-1e308.json domain-10000.json)
echo "tlsrpt ingest ($configuration build), one input per run, on $(nproc) cores:"
echo
echo "| input | size | exit | stored, rejected | reason | peak memory | time |"
echo "|---|---|---|---|---|---|---|"
for input in "${inputs[@]}"; do
    database="$work/limits-$input.sqlite"
    rm -f "$database"*
    set +e
    /usr/bin/time -v -o "$work/time.txt" "$binary" ingest --json --database "$database" "$work/$input" >"$work/out.json" 2>"$work/err.txt"
    status=$?
    set -e
    python3 - "$work" "$input" "$status" <<'PYTHON'
import json, os, re, sys
work, name, status = sys.argv[1], sys.argv[2], sys.argv[3]
timing = open(os.path.join(work, "time.txt")).read()
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", timing).group(1))
elapsed = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", timing).group(1)
try:
    result = json.load(open(os.path.join(work, "out.json")))
    reasons = [r["reason"] for r in result["rejections"]] + result["failures"]
    stored = "%d, %d" % (result["accepted"], result["rejected"])
except Exception as error:
    reasons, stored = [open(os.path.join(work, "err.txt")).read().strip()[:200]], "?"
size = os.path.getsize(os.path.join(work, name))
unit = next((f"{size / f:.1f} {u}" for f, u in [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")] if size >= f), f"{size} B")
reason = (reasons[0] if reasons else "—").replace("|", "\\|")
print(f"| `{name}` | {unit} | {status} | {stored} | {reason[:160]} | {rss / 1024:.0f} MiB | {elapsed} |")
PYTHON
done
