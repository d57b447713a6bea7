#!/usr/bin/env bash
# Builds the libFuzzer targets (once) and runs one of them for a while.
#
#   Fuzz/run.sh TARGET SECONDS [libFuzzer options…]   e.g. Fuzz/run.sh json 600
#   Fuzz/run.sh all SECONDS                           every target in turn (what .ci/run does, 30 s each)
#   Fuzz/run.sh build                                 build only
#
# TARGET is one of: inflate json report mime mbox policy imap http. The corpus lives in
# $FUZZ_WORK (default .build/fuzz-work under Fuzz/), seeded from SampleReports/ and
# Tests/Fixtures/; crashes are written there as crash-*, and the last lines of libFuzzer's output
# (executions, `cov:`) are printed at the end. Exit status: libFuzzer's (0 when nothing was found).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
targets=(inflate json report mime mbox policy imap http)
work="${FUZZ_WORK:-$here/.build/fuzz-work}"

build() {
    # -enable-testing: the targets reach internal API with @testable import.
    swift build -c release --package-path "$here" -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing \
        -Xswiftc -g >&2
}

# Seeds for each target from the repository's own samples and fixtures.
seed() {
    local target="$1" corpus="$work/corpus-$1"
    mkdir -p "$corpus"
    [ -n "$(ls -A "$corpus" 2>/dev/null)" ] && return 0
    local files=()
    case "$target" in
        inflate) mapfile -t files < <(find "$root/SampleReports" "$root/Tests/Fixtures" -name '*.gz' -size -256k) ;;
        json | report)
            mapfile -t files < <(find "$root/SampleReports" "$root/Tests/Fixtures" -name '*.json' -size -256k)
            for gz in $(find "$root/SampleReports/gzip" "$root/Tests/Fixtures/RealReports" -name '*.json.gz' -size -64k | head -40); do
                gzip -dc "$gz" >"$corpus/$(basename "$gz" .gz)" 2>/dev/null || true
            done
            ;;
        mime) mapfile -t files < <(find "$root/SampleReports/eml" "$root/SampleReports/Maildir" "$root/Tests/Fixtures" -type f \( -name '*.eml' -o -path '*/cur/*' -o -path '*/new/*' \) -size -256k) ;;
        mbox) mapfile -t files < <(find "$root/SampleReports/mbox" "$root/Tests/Fixtures" -type f -name '*.mbox') ;;
        policy) mapfile -t files < <(find "$root/Tests/Fixtures" -type f -name '*mta-sts*' -size -64k) ;;
        imap) : ;;
        http) mapfile -t files < <(find "$root/SampleReports/gzip" "$root/SampleReports/json" "$root/SampleReports/eml" "$root/Tests/Fixtures/broken" -type f -size -256k | head -200) ;;
    esac
    local index=0
    for file in "${files[@]}"; do
        if [ "$target" = mbox ]; then
            # The mbox target reads its first byte as the chunk size.
            { printf '\x07'; head -c 60000 "$file"; } >"$corpus/seed-$index"
        else
            cp "$file" "$corpus/seed-$index"
        fi
        index=$((index + 1))
    done
    # Hand-written seeds where the repository has no files of that kind.
    case "$target" in
        policy)
            printf 'version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n' >"$corpus/hand-1"
            printf 'version: STSv1\nmode: testing\nmx:mx.example.com\nmax_age:86400\n' >"$corpus/hand-2"
            ;;
        imap)
            printf '\x05* OK [CAPABILITY IMAP4rev1 IDLE] ready\r\na1 OK done\r\n' >"$corpus/hand-1"
            printf '\x0b* 1 FETCH (UID 7 BODY[] {11}\r\nHello world)\r\n* SEARCH 1 2 3\r\na2 OK FETCH done\r\n' >"$corpus/hand-2"
            printf '\x01* 3 EXISTS\r\n* LIST (\\HasNoChildren) "/" "INBOX"\r\n+ idling\r\n* BYE bye\r\n' >"$corpus/hand-3"
            ;;
    esac
}

run() {
    local target="$1" seconds="$2"
    shift 2
    local binary="$here/.build/release/fuzz-$target"
    [ -x "$binary" ] || { echo "error: $binary is not built (Fuzz/run.sh build)" >&2; exit 2; }
    seed "$target"
    local log="$work/fuzz-$target.log"
    echo "fuzz-$target: $seconds s, corpus $work/corpus-$target" >&2
    local status=0
    # -rss_limit_mb: a blow-up is a finding; -timeout: a hang is a finding; -max_len: reports are small.
    # The Swift runtime's backtracer would race AddressSanitizer's report of a crash.
    (cd "$work" && SWIFT_BACKTRACE=enable=no "$binary" "$work/corpus-$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/$target-" "$@") >"$log" 2>&1 || status=$?
    grep -E '^#[0-9]+ *DONE|stat::number_of_executed_units|stat::peak_rss_mb|cov: ' "$log" | tail -3 >&2
    if [ "$status" -ne 0 ]; then
        echo "fuzz-$target FOUND A PROBLEM (exit $status); see $log and $work/$target-*" >&2
        tail -40 "$log" >&2
    fi
    return "$status"
}

case "${1:-}" in
    build) build ;;
    all)
        build
        failed=0
        for target in "${targets[@]}"; do run "$target" "${2:-30}" || failed=1; done
        exit "$failed"
        ;;
    inflate | json | report | mime | mbox | policy | imap | http)
        [ -x "$here/.build/release/fuzz-$1" ] || build
        run "$@"
        ;;
    *)
        sed -n '2,11p' "$0" >&2
        exit 2
        ;;
esac
