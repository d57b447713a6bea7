#!/usr/bin/env bash
# How long the dashboard takes to render a domain page of a domain with N reports in its 28-day
# window (issue #11: under 300 ms for 1,000,000). Generates the reports (cached), ingests them with
# the release build of `tlsrpt ingest` into a real database (cached), starts `tlsrpt serve` on a
# free loopback port and times GETs of the domain page with curl: the first one, then the median,
# minimum and maximum of --runs more. Also times the domain list and `summary --format json` of the
# same period for comparison.
#
#   Benchmarks/dashboard.sh                      # 1,000,000 reports, 10 runs
#   Benchmarks/dashboard.sh --reports 100000 --runs 5
set -euo pipefail
cd "$(dirname "$0")/.."

reports=1000000
runs=10
while (($#)); do
    case "$1" in
        --reports) reports="$2"; shift ;;
        --runs) runs="$2"; shift ;;
        *) echo "usage: $0 [--reports N] [--runs N]" >&2; exit 2 ;;
    esac
    shift
done
work=Benchmarks/work
corpus="$work/dashboard-corpus-$reports"
database="$work/dashboard-$reports.sqlite"
binary=.build-bench/release/tlsrpt
say() { printf '%s\n' "$*" >&2; }

say "building the release binary (.build-bench) ..."
swift build -c release --scratch-path .build-bench --product tlsrpt >&2

if [ ! -f "$corpus/manifest.json" ]; then
    say "generating $reports reports into $corpus ..."
    rm -rf "$corpus"
    python3 Benchmarks/generate_dashboard_corpus.py --reports "$reports" --out "$corpus" >&2
fi
if [ ! -f "$database.done" ]; then
    say "ingesting into $database ..."
    rm -f "$database" "$database-wal" "$database-shm"
    start=$(date +%s)
    "$binary" ingest --quiet --database "$database" "$corpus"/20*/
    say "  ingested in $(( $(date +%s) - start )) s"
    touch "$database.done"
fi
first_day=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["first_day"])' "$corpus/manifest.json")
last_day=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["last_day"])' "$corpus/manifest.json")
stored=$(sqlite3 "$database" "SELECT count(*) FROM report" 2>/dev/null || echo "?")

log=$(mktemp)
"$binary" serve --bind 127.0.0.1:0 --database "$database" 2>"$log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$log"' EXIT
# The server counts the whole database for /metrics before it listens: wait for it.
for _ in $(seq 1200); do grep -q "listening on" "$log" && break; sleep 0.1; done
port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log" | head -1)

# Seconds of `curl` for one GET of $1 (the whole page received).
fetch() { curl --silent --show-error --output /dev/null --write-out '%{time_total}' "http://127.0.0.1:$port$1"; }
# The first time, then median / min / max of $runs more, in ms.
measure() {
    local path="$1" count="$2" first times=()
    first=$(fetch "$path")
    for _ in $(seq "$count"); do times+=("$(fetch "$path")"); done
    python3 - "$first" "${times[@]}" <<'PY'
import statistics, sys
first, *times = (float(x) * 1000 for x in sys.argv[1:])
print(f"{first:,.0f} | {statistics.median(times):,.0f} | {min(times):,.0f} | {max(times):,.0f}")
PY
}
period="since=$first_day&until=$last_day"
page="/domains/big.example?$period"
size=$(curl --silent "http://127.0.0.1:$port$page" | wc -c)
summary_times=()
for _ in $(seq 3); do
    start=$(date +%s.%N)
    "$binary" summary --database "$database" --domain big.example --since "$first_day" --until "$last_day" --format json >/dev/null
    summary_times+=("$(echo "$(date +%s.%N) - $start" | bc)")
done
summary_ms=$(python3 -c 'import statistics,sys; print(f"{statistics.median(float(x) for x in sys.argv[1:])*1000:.0f}")' "${summary_times[@]}")

echo "reports stored: $stored (one domain, $first_day .. $last_day); page $size bytes; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| GET | first ms | median ms | min ms | max ms | runs after the first |"
echo "|---|---|---|---|---|---|"
echo "| \`/domains/big.example?$period\` | $(measure "$page" "$runs") | $runs |"
echo "| \`/?$period\` | $(measure "/?$period" 3) | 3 |"
echo
echo "tlsrpt summary --domain big.example --since $first_day --until $last_day --format json: $summary_ms ms (median of 3, whole process)"
