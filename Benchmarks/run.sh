#!/usr/bin/env bash
# tlsrpt benchmark runner: ingest throughput, CPU, peak RSS and database size per input form,
# against parsedmarc 11.1.0 and a Python read+zlib+orjson floor; query latency on a 1,000,000-report
# database. See Benchmarks/README.md.
#
#   Benchmarks/run.sh --smoke                                  # 300 reports, all forms, checks counts
#   Benchmarks/run.sh --sizes 10000,100000 --runs 3 --with-parsedmarc
#   Benchmarks/run.sh --queries                                # the 1M-report database part
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
SIZES=10000,100000
RUNS=3
SEED=8460
WITH_PDM=0
PDM_RUNS=""
PDM_PROCS=1
QUERIES=0
QUERY_REPORTS=1000000
QUERY_DOMAINS=1000
QUERY_DAYS=365
QUERY_RUNS=5
QUERY_INGEST_CAP=3600
SMOKE=0
WORK="$HERE/work"
FORMS=gzip,eml,mbox,maildir
BINARY=""
BUILD=release
INGEST=1

usage() {
    sed -n '2,8p' "$0"
    cat <<'EOF'
Options:
  --smoke               300 reports, one run, all forms, no parsedmarc, no thresholds; exits non-zero
                        only if tlsrpt fails or a count is wrong (first ingest must accept every report,
                        a re-ingest must accept none)
  --sizes N,N,...       corpus sizes (default 10000,100000)
  --runs N              runs per measurement; figures are medians (default 3)
  --forms LIST          gzip,eml,mbox,maildir (default: all)
  --seed S              corpus seed (default 8460)
  --with-parsedmarc     also run parsedmarc 11.1.0 (virtualenv in the work dir) and the Python floor
  --parsedmarc-runs L   runs for parsedmarc, one number or one per size (e.g. 3,1; default: --runs)
  --parsedmarc-procs N  parsedmarc's n_procs (default 1, its CLI default)
  --queries             build the 1,000,000-report database and time the queries
  --no-ingest           skip the ingest part (e.g. with --queries alone)
  --query-reports N     size of the query database (default 1000000)
  --query-ingest-cap S  give up the query-database ingest after S seconds (default 3600)
  --work DIR            work folder (default Benchmarks/work, git-ignored)
  --binary PATH         use this tlsrpt binary, do not build
  --debug               build in debug mode (e.g. after `swift test` in CI: nothing left to compile)
EOF
}

while (($#)); do
    case "$1" in
        --smoke) SMOKE=1 ;;
        --sizes) SIZES=$2; shift ;;
        --runs) RUNS=$2; shift ;;
        --forms) FORMS=$2; shift ;;
        --seed) SEED=$2; shift ;;
        --with-parsedmarc) WITH_PDM=1 ;;
        --parsedmarc-runs) PDM_RUNS=$2; shift ;;
        --parsedmarc-procs) PDM_PROCS=$2; shift ;;
        --queries) QUERIES=1 ;;
        --no-ingest) INGEST=0 ;;
        --query-reports) QUERY_REPORTS=$2; shift ;;
        --query-ingest-cap) QUERY_INGEST_CAP=$2; shift ;;
        --work) WORK=$2; shift ;;
        --binary) BINARY=$2; shift ;;
        --debug) BUILD=debug ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done
if ((SMOKE)); then
    SIZES=300; RUNS=1; WITH_PDM=0
fi
PDM_RUNS=${PDM_RUNS:-$RUNS}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RAW="$WORK/raw-$STAMP.tsv"
LOG="$WORK/log-$STAMP"
mkdir -p "$LOG" "$WORK/db"
printf 'tool\tform\tsize\trun\tkind\twall\tuser\tsys\trss_kb\tdb_bytes\tcorpus_bytes\tcount\tnote\n' >"$RAW"
FAILURES=0

say() { printf '%s\n' "$*" >&2; }
fail() { say "FAIL: $*"; FAILURES=$((FAILURES + 1)); }

# ------------------------------------------------------------------------------- tools
if [ ! -x /usr/bin/time ]; then
    say "installing GNU time (for /usr/bin/time -v) ..."
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi
PY=$(command -v python3)

if [ -z "$BINARY" ]; then
    if [ "$BUILD" = release ]; then
        args=(-c release --scratch-path "$ROOT/.build-bench")
    else
        args=()
    fi
    for attempt in 1 2 3 4 5; do
        say "building tlsrpt ($BUILD, attempt $attempt) ..."
        if (cd "$ROOT" && swift build "${args[@]}" >"$LOG/build.log" 2>&1); then
            break
        fi
        if [ "$attempt" = 5 ]; then
            tail -30 "$LOG/build.log" >&2
            say "build failed"
            exit 2
        fi
        say "build failed (an edit in progress?); retrying in 60 s"
        sleep 60
    done
    BINARY=$(cd "$ROOT" && swift build "${args[@]}" --show-bin-path)/tlsrpt
fi
[ -x "$BINARY" ] || { say "no tlsrpt binary at $BINARY"; exit 2; }

# ------------------------------------------------------------------------------- helpers
# measure NAME CMD...: runs CMD under /usr/bin/time; sets T_WALL T_USER T_SYS T_RSS and T_RC.
measure() {
    local name=$1
    shift
    T_RC=0
    LOAD=$(cut -d' ' -f1 /proc/loadavg)  # 1-minute load average before the run: another job on the machine shows here
    /usr/bin/time -f '%e %U %S %M' -o "$LOG/$name.time" "$@" >"$LOG/$name.out" 2>"$LOG/$name.err" || T_RC=$?
    read -r T_WALL T_USER T_SYS T_RSS < <(tail -n 1 "$LOG/$name.time")
}
record() {  # tool form size run kind db corpus count note
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" \
        "$T_WALL" "$T_USER" "$T_SYS" "$T_RSS" "$6" "$7" "$8" "${9:-}" >>"$RAW"
}
json_field() { "$PY" -c 'import json,sys; print(json.loads(open(sys.argv[1]).read() or "{}").get(sys.argv[2], -1))' "$1" "$2"; }
bytes_of() {  # apparent bytes of the regular files under a path (or of a file)
    find "$1" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}'
}
db_bytes() {
    local total=0 f
    for f in "$1" "$1-wal" "$1-journal"; do
        [ -f "$f" ] && total=$((total + $(stat -c %s "$f")))
    done
    echo "$total"
}
form_path() {  # corpus-dir form
    case "$2" in
        gzip) echo "$1/gzip" ;;
        eml) echo "$1/eml" ;;
        mbox) echo "$1/mbox/reports.mbox" ;;
        maildir) echo "$1/maildir" ;;
    esac
}
corpus() {  # corpus SIZE [extra generator args...]: prints its folder, generating it when missing
    local n=$1
    shift
    local dir="$WORK/corpus-$n-s$SEED"
    if [ ! -f "$dir/manifest.json" ] || [ "$(json_field "$dir/manifest.json" reports)" != "$n" ] ||
        ! "$PY" -c 'import json,sys; m=json.load(open(sys.argv[1])); sys.exit(0 if set(sys.argv[2].split(",")) <= set(m["forms"]) else 1)' "$dir/manifest.json" "$FORMS"; then
        rm -rf "$dir"
        say "generating $n reports (seed $SEED, forms gzip,eml,mbox,maildir) in $dir ..."
        local t0=$SECONDS
        "$PY" "$HERE/generate_corpus.py" --reports "$n" --seed "$SEED" --out "$dir" --forms gzip,eml,mbox,maildir "$@" >&2
        say "  generated in $((SECONDS - t0)) s"
    fi
    echo "$dir"
}
median_of() { "$PY" -c 'import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

venv_python() {  # venv_python DIR PACKAGE...: a virtualenv with the packages; prints its python or fails
    local dir=$1
    shift
    if [ ! -x "$dir/bin/python" ]; then
        "$PY" -m venv "$dir" >"$LOG/venv-$(basename "$dir").log" 2>&1 || return 1
    fi
    if ! "$dir/bin/pip" install -q --disable-pip-version-check "$@" >>"$LOG/venv-$(basename "$dir").log" 2>&1; then
        return 1
    fi
    echo "$dir/bin/python"
}

# ------------------------------------------------------------------------------- machine
{
    echo "## Machine"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- nproc: $(nproc)"
    echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "- memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "- kernel: $(uname -r); $(swift --version 2>/dev/null | head -1 || echo 'swift: ?')"
    echo "- tlsrpt: $BINARY ($("$BINARY" --version 2>/dev/null || echo '?'))"
    echo "- python: $("$PY" --version 2>&1)"
    echo
} | tee "$WORK/machine-$STAMP.md"

# ------------------------------------------------------------------------------- parsedmarc
PDM=""
FLOOR_PY=""
if ((WITH_PDM)); then
    say "installing parsedmarc 11.1.0 into $WORK/venv-parsedmarc ..."
    if venv_python "$WORK/venv-parsedmarc" parsedmarc==11.1.0 >/dev/null; then
        PDM="$WORK/venv-parsedmarc/bin/parsedmarc"
        say "  $("$PDM" --version 2>&1 | tail -1)"
    else
        say "parsedmarc could not be installed; continuing without it. pip said:"
        tail -5 "$LOG/venv-venv-parsedmarc.log" >&2 || true
    fi
    say "installing orjson into $WORK/venv-floor ..."
    if FLOOR_PY=$(venv_python "$WORK/venv-floor" orjson); then :; else
        say "orjson could not be installed; the floor uses the standard json module"
        FLOOR_PY=$PY
    fi
fi

pdm_count() {  # reports parsedmarc wrote to OUT/smtp_tls.json
    "$PY" -c 'import json,sys,os; p=os.path.join(sys.argv[1],"smtp_tls.json"); print(len(json.load(open(p))) if os.path.exists(p) else 0)' "$1"
}
pdm_run() {  # pdm_run NAME FORM CORPUS-DIR SIZE RUN: runs parsedmarc on one form; records it
    local name=$1 form=$2 dir=$3 size=$4 run=$5 out="$WORK/pdm-out" note=""
    rm -rf "$out"
    case "$form" in
        gzip | eml)
            measure "$name" "$PDM" --offline -s -o "$out" -r "$dir/$form" ;;
        mbox)
            local mbox="$dir/mbox/reports.mbox"
            if [ -n "${PDM_MBOX_FALLBACK[$size]:-}" ]; then
                mbox="$dir/parsedmarc-compatible.mbox"
                note="${PDM_MBOX_FALLBACK[$size]}"
            fi
            measure "$name" "$PDM" --offline -s -o "$out" "$mbox"
            if [ "$T_RC" != 0 ] && [ "$mbox" = "$dir/mbox/reports.mbox" ]; then
                local why
                why=$(grep -o 'InvalidSMTPTLSReport: [^"]*' "$LOG/$name.err" | tail -1 | cut -c1-90)
                say "  parsedmarc aborted on reports.mbox after ${T_WALL}s (exit $T_RC: $why); using parsedmarc-compatible.mbox"
                PDM_MBOX_FALLBACK[$size]="crashed on the full mbox ($why) after ${T_WALL}s; timed on the mbox without the $(json_field "$dir/manifest.json" parsedmarc_incompatible) reports it rejects"
                note="${PDM_MBOX_FALLBACK[$size]}"
                rm -rf "$out"
                measure "$name" "$PDM" --offline -s -o "$out" "$dir/parsedmarc-compatible.mbox"
            fi ;;
        maildir)
            cat >"$WORK/pdm-maildir.ini" <<EOF
[general]
offline = True
silent = True
output = $out
n_procs = $PDM_PROCS

[mailbox]
# test: leave the messages where they are; batch_size 0: every message in one batch
test = True
batch_size = 0

[maildir]
maildir_path = $dir/maildir
EOF
            measure "$name" "$PDM" -c "$WORK/pdm-maildir.ini" ;;
    esac
    local count
    count=$(pdm_count "$out")
    [ "$T_RC" = 0 ] || note="${note:+$note; }exit $T_RC"
    record parsedmarc "$form" "$size" "$run" ingest 0 "$(bytes_of "$(form_path "$dir" "$form")")" "$count" "$note"
    say "  parsedmarc $form $size run $run: $count reports in ${T_WALL}s, RSS $((T_RSS / 1024)) MiB${note:+ ($note)}"
}
declare -A PDM_MBOX_FALLBACK=()
if [ -n "$PDM" ] && [ "$PDM_PROCS" != 1 ]; then
    # parsedmarc reads PARSEDMARC_{SECTION}_{KEY} from the environment (n_procs has no CLI flag)
    export PARSEDMARC_GENERAL_N_PROCS=$PDM_PROCS
fi

# ------------------------------------------------------------------------------- ingest
IFS=, read -r -a SIZE_LIST <<<"$SIZES"
IFS=, read -r -a FORM_LIST <<<"$FORMS"
IFS=, read -r -a PDM_RUN_LIST <<<"$PDM_RUNS"
if ((INGEST)); then
    for i in "${!SIZE_LIST[@]}"; do
        size=${SIZE_LIST[$i]}
        pdm_runs=${PDM_RUN_LIST[$i]:-${PDM_RUN_LIST[-1]}}
        dir=$(corpus "$size")
        gzip_bytes=$(json_field "$dir/manifest.json" bytes | "$PY" -c 'import ast,sys; print(ast.literal_eval(sys.stdin.read())["gzip"])')
        for form in "${FORM_LIST[@]}"; do
            path=$(form_path "$dir" "$form")
            cbytes=$(bytes_of "$path")
            # warm the page cache, so that no run pays for reading the corpus from disk
            find "$path" -type f -print0 | xargs -0 cat >/dev/null
            for run in $(seq 1 "$RUNS"); do
                db="$WORK/db/ingest-$form-$size.sqlite"
                rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
                name="tlsrpt-$form-$size-$run"
                measure "$name" "$BINARY" ingest --json --database "$db" "$path"
                accepted=$(json_field "$LOG/$name.out" accepted)
                if [ "$T_RC" != 0 ]; then
                    fail "tlsrpt ingest $form $size run $run exited $T_RC: $(head -c 300 "$LOG/$name.err")"
                fi
                if [ "$accepted" != "$size" ]; then
                    fail "tlsrpt ingest $form $size run $run accepted $accepted, expected $size ($(head -c 300 "$LOG/$name.out"))"
                fi
                record tlsrpt "$form" "$size" "$run" ingest "$(db_bytes "$db")" "$cbytes" "$accepted" "load $LOAD"
                say "tlsrpt $form $size run $run: accepted $accepted in ${T_WALL}s (user $T_USER, sys $T_SYS), RSS $((T_RSS / 1024)) MiB, DB $(($(db_bytes "$db") / 1048576)) MiB"
                # Re-ingest the same input into the same database: nothing may be accepted.
                name="tlsrpt-$form-$size-$run-again"
                measure "$name" "$BINARY" ingest --json --database "$db" "$path"
                again=$(json_field "$LOG/$name.out" accepted)
                if [ "$T_RC" != 0 ] || [ "$again" != 0 ]; then
                    fail "tlsrpt re-ingest $form $size run $run: exit $T_RC, accepted $again (expected 0)"
                fi
                record tlsrpt "$form" "$size" "$run" reingest "$(db_bytes "$db")" "$cbytes" "$again"
                say "  re-ingest: accepted $again in ${T_WALL}s, RSS $((T_RSS / 1024)) MiB"
                rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
            done
            if [ -n "$PDM" ]; then
                [ "$form" = mbox ] || find "$dir/$form" -type f -print0 | xargs -0 cat >/dev/null
                for run in $(seq 1 "$pdm_runs"); do
                    pdm_run "pdm-$form-$size-$run" "$form" "$dir" "$size" "$run"
                done
            fi
        done
        if [ -n "$FLOOR_PY" ]; then
            for run in $(seq 1 "$RUNS"); do
                name="floor-$size-$run"
                measure "$name" "$FLOOR_PY" "$HERE/floor.py" "$dir/gzip"
                [ "$T_RC" = 0 ] || fail "floor.py failed: $(tail -3 "$LOG/$name.err")"
                # the floor's own in-process time (no interpreter start-up), as reports/s
                T_WALL=$(json_field "$LOG/$name.out" seconds)
                record floor gzip "$size" "$run" ingest 0 "$gzip_bytes" "$(json_field "$LOG/$name.out" reports)" \
                    "$(json_field "$LOG/$name.out" parser)"
                say "floor $size run $run: $(cat "$LOG/$name.out")"
            done
        fi
    done
fi

# ------------------------------------------------------------------------------- queries
if ((QUERIES)); then
    qdir="$WORK/query-$QUERY_REPORTS-s$SEED"
    if [ ! -f "$qdir/manifest.json" ]; then
        rm -rf "$qdir"
        say "generating the query corpus: $QUERY_REPORTS reports, $QUERY_DOMAINS domains, $QUERY_DAYS days ..."
        t0=$SECONDS
        "$PY" "$HERE/generate_corpus.py" --reports "$QUERY_REPORTS" --seed "$SEED" --out "$qdir" \
            --domains "$QUERY_DOMAINS" --days "$QUERY_DAYS" --forms gzip --shard >&2
        say "  generated in $((SECONDS - t0)) s"
    fi
    qdb="$WORK/db/query-$QUERY_REPORTS-s$SEED.sqlite"
    if [ ! -f "$qdb.complete" ]; then
        rm -f "$qdb" "$qdb-wal" "$qdb-shm"
        say "ingesting the query corpus (cap ${QUERY_INGEST_CAP}s) ..."
        measure query-ingest timeout "$QUERY_INGEST_CAP" "$BINARY" ingest --json --database "$qdb" "$qdir/gzip"
        accepted=$(json_field "$LOG/query-ingest.out" accepted)
        record tlsrpt gzip "$QUERY_REPORTS" 1 query-db-ingest "$(db_bytes "$qdb")" \
            "$(json_field "$qdir/manifest.json" bytes | "$PY" -c 'import ast,sys; print(ast.literal_eval(sys.stdin.read())["gzip"])')" \
            "${accepted:--1}" "exit $T_RC"
        say "  query DB ingest: exit $T_RC, accepted $accepted in ${T_WALL}s (user $T_USER, sys $T_SYS), RSS $((T_RSS / 1024)) MiB, DB $(($(db_bytes "$qdb") / 1048576)) MiB"
        if [ "$T_RC" = 124 ]; then
            say "  the ingest did not finish within ${QUERY_INGEST_CAP}s; queries run on what was stored"
        elif [ "$accepted" != "$QUERY_REPORTS" ]; then
            fail "query DB ingest accepted $accepted of $QUERY_REPORTS"
        fi
        cp "$LOG/query-ingest.out" "$qdb.complete"
    fi
    qdomain=$(json_field "$qdir/manifest.json" busiest_domain)
    lastday=$(json_field "$qdir/manifest.json" last_day)
    since=$(date -u -d "$lastday - 27 days" +%Y-%m-%d)
    say "queries on $qdb (domain $qdomain, day $lastday) ..."
    declare -A QUERY_CMDS=(
        [summary-day]="summary --day $lastday"
        [summary-28d-domain]="summary --last 28d --domain $qdomain"
        [readiness]="readiness $qdomain --as-of $lastday"
        [export-domain-since]="export --domain $qdomain --since $since"
    )
    for q in summary-day summary-28d-domain readiness export-domain-since; do
        read -r -a qargs <<<"${QUERY_CMDS[$q]}"
        for run in $(seq 1 "$QUERY_RUNS"); do
            name="query-$q-$run"
            measure "$name" "$BINARY" "${qargs[0]}" --database "$qdb" "${qargs[@]:1}"
            note="tlsrpt ${QUERY_CMDS[$q]}"
            # readiness exits 0/10/11/12 with its verdict
            if [ "$T_RC" != 0 ] && ! { [ "$q" = readiness ] && [[ "$T_RC" =~ ^1[0-2]$ ]]; }; then
                note="error (exit $T_RC): $(head -c 200 "$LOG/$name.err" | tr '\n\t' '  ')"
                fail "query $q: $note"
            fi
            [ "$q" = export-domain-since ] && note="$note ($(wc -l <"$LOG/$name.out") lines)"
            record tlsrpt "$q" "$QUERY_REPORTS" "$run" query 0 0 0 "$note"
        done
        say "  $q: $(tail -n 1 "$LOG/query-$q-1.time")  ($(head -c 120 "$LOG/query-$q-1.out" | tr '\n' ' '))"
    done
fi

# ------------------------------------------------------------------------------- results
echo
"$PY" "$HERE/summarize.py" "$RAW" $( ((SMOKE)) && echo --smoke) | tee "$WORK/results-$STAMP.md"
echo
echo "raw measurements: $RAW; logs: $LOG"
if ((FAILURES)); then
    say "$FAILURES check(s) failed"
    exit 1
fi
