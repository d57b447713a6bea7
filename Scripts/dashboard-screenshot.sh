#!/usr/bin/env bash
# Regenerates docs/dashboard.png, the screenshot the README shows: the sample reports ingested
# into a fresh database, `tlsrpt serve` on a free loopback port, headless Chromium on the page of
# bravo.example over the sample period. Needs chromium and fonts-liberation (apt-get install).
#
#   swift build && Scripts/dashboard-screenshot.sh [--page PATH] [--width 1280] [--height 1700]
set -euo pipefail
cd "$(dirname "$0")/.."

page="/domains/bravo.example?since=2026-10-27&until=2026-11-23"
width=1280
height=1700
output=docs/dashboard.png
while (($#)); do
    case "$1" in
        --page) page="$2"; shift ;;
        --width) width="$2"; shift ;;
        --height) height="$2"; shift ;;
        --output) output="$2"; shift ;;
        *) echo "usage: $0 [--page PATH] [--width PX] [--height PX] [--output FILE]" >&2; exit 2 ;;
    esac
    shift
done
binary=.build/debug/tlsrpt
[ -x "$binary" ] || { echo "build first: swift build" >&2; exit 2; }
command -v chromium >/dev/null || { echo "chromium is missing: apt-get install chromium fonts-liberation" >&2; exit 2; }

work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
"$binary" ingest --quiet --database "$work/tlsrpt.sqlite" SampleReports
"$binary" serve --bind 127.0.0.1:0 --database "$work/tlsrpt.sqlite" 2>"$work/serve.log" &
server=$!
for _ in $(seq 100); do
    grep -q "listening on" "$work/serve.log" 2>/dev/null && break
    sleep 0.1
done
port="$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/serve.log" | head -1)"
[ -n "$port" ] || { cat "$work/serve.log" >&2; exit 1; }
mkdir -p "$(dirname "$output")"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir="$work/profile" \
    --screenshot="$output" --window-size="$width,$height" "http://127.0.0.1:$port$page" 2>"$work/chromium.log" \
    || { cat "$work/chromium.log" >&2; exit 1; }
echo "wrote $output (${width}x${height}, http://127.0.0.1:PORT$page)"
