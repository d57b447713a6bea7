#!/usr/bin/env bash
# Sustained POSTs per second and latency of `tlsrpt serve` with real-size gzip'd reports, measured
# with wrk (Debian package `wrk`) on loopback. Each body is a distinct generated report, so every
# POST until the corpus runs out is a real insert (201). The stored count is checked against the
# 201 answers afterwards. Writes only under Benchmarks/work/.
#
#   Benchmarks/serve.sh [--reports 60000] [--seconds 20] [--connections 50] [--threads 1] [--binary PATH]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
REPORTS=60000 SECONDS_TO_RUN=20 CONNECTIONS=50 THREADS=1 BINARY=""
while (($#)); do
    case "$1" in
        --reports) REPORTS=$2; shift ;;
        --seconds) SECONDS_TO_RUN=$2; shift ;;
        --connections) CONNECTIONS=$2; shift ;;
        --threads) THREADS=$2; shift ;;
        --binary) BINARY=$2; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
command -v wrk >/dev/null || { apt-get update && apt-get install -y --no-install-recommends wrk; }
if [ -z "$BINARY" ]; then
    (cd "$ROOT" && swift build -c release --scratch-path "$ROOT/.build-bench" --product tlsrpt >/dev/null)
    BINARY=$(cd "$ROOT" && swift build -c release --scratch-path "$ROOT/.build-bench" --show-bin-path)/tlsrpt
fi
WORK="$HERE/work/serve"
CORPUS="$HERE/work/corpus-$REPORTS-s1"
[ -d "$CORPUS/gzip" ] || python3 "$HERE/generate_corpus.py" --reports "$REPORTS" --seed 1 --out "$CORPUS" --forms gzip
rm -rf "$WORK" && mkdir -p "$WORK"
find "$CORPUS/gzip" -name '*.json.gz' | sort > "$WORK/bodies.txt"
body_bytes=$(xargs -a "$WORK/bodies.txt" stat -c %s | awk '{ s += $1 } END { printf "%d", s / NR }')

"$BINARY" serve --bind 127.0.0.1:0 --database "$WORK/tlsrpt.sqlite" 2>"$WORK/serve.log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "listening on" "$WORK/serve.log" && break; sleep 0.1; done
port=$(sed -n 's/.*tlsrpt: listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$WORK/serve.log" | head -1)

BODIES="$WORK/bodies.txt" THREADS=$THREADS wrk --threads "$THREADS" --connections "$CONNECTIONS" \
    --duration "${SECONDS_TO_RUN}s" --timeout 5s --script "$HERE/serve.lua" "http://127.0.0.1:$port/tlsrpt" | tee "$WORK/wrk.txt"
kill -TERM $server && wait $server || true
trap - EXIT

created=$(sed -n 's/.*201=\([0-9]*\).*/\1/p' "$WORK/wrk.txt")
stored=$("$BINARY" export --database "$WORK/tlsrpt.sqlite" | wc -l)
requests=$(awk '/^requests/ { print $2 }' "$WORK/wrk.txt")
seconds=$(awk '/^seconds/ { print $2 }' "$WORK/wrk.txt")
echo
echo "| connections | wrk threads | seconds | POSTs | POSTs/s | p50 ms | p99 ms | max ms | mean body B | 201 answers | stored |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
printf '| %s | %s | %s | %s | %.0f | %s | %s | %s | %s | %s | %s |\n' "$CONNECTIONS" "$THREADS" "$seconds" "$requests" \
    "$(awk -v r="$requests" -v s="$seconds" 'BEGIN { print r / s }')" "$(awk '/^p50_ms/ { print $2 }' "$WORK/wrk.txt")" \
    "$(awk '/^p99_ms/ { print $2 }' "$WORK/wrk.txt")" "$(awk '/^max_ms/ { print $2 }' "$WORK/wrk.txt")" \
    "$body_bytes" "${created:-0}" "$stored"
# wrk stops at the deadline without reading the answers to the requests still in flight (at most one
# per connection), which the server stores all the same.
if [ "$stored" -lt "${created:-0}" ] || [ "$stored" -gt $((${created:-0} + CONNECTIONS)) ]; then
    echo "error: $created answers said stored, but the database holds $stored reports" >&2
    exit 1
fi
