#!/usr/bin/env bash
# Regenerates the examples in README.md from the commands they show, run on SampleReports.
#
# An example is a block between `<!-- example: NAME -->` and `<!-- /example -->`. Each line of it
# that starts with `$ tlsrpt ` is run (in the repository root, on a database of its own for each
# block, so a block ingests what it needs) and its standard output is written under it; the lines
# that were there are replaced. The binary is $TLSRPT, or .build/debug/tlsrpt (run `swift build`).
# Arguments are split at spaces: no quoting in examples.
#
#   Scripts/readme-examples.sh           rewrite README.md
#   Scripts/readme-examples.sh --check   exit 1, with a diff, if README.md is not up to date
#
# Tests/tlsrptTests/Commands/ReadmeExamplesTests.swift runs the same commands and fails on drift.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tlsrpt=${TLSRPT:-$root/.build/debug/tlsrpt}
readme=$root/README.md
[[ -x $tlsrpt ]] || { echo "readme-examples: $tlsrpt is not built (swift build)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
output=$work/README.md
: >"$output"
inside=0
block=0
while IFS= read -r line || [[ -n $line ]]; do
    if ((inside == 0)); then
        printf '%s\n' "$line" >>"$output"
        if [[ $line == '<!-- example: '*' -->' ]]; then
            inside=1
            block=$((block + 1))
        fi
        continue
    fi
    if [[ $line == '<!-- /example -->' || $line == '```'* ]]; then
        printf '%s\n' "$line" >>"$output"
        [[ $line == '<!-- /example -->' ]] && inside=0
        continue
    fi
    if [[ $line == '$ tlsrpt '* ]]; then
        printf '%s\n' "$line" >>"$output"
        read -ra words <<<"${line#'$ tlsrpt '}"
        (cd "$root" && TLSRPT_DATABASE="$work/example-$block.sqlite" "$tlsrpt" "${words[@]}" >>"$output" 2>/dev/null) || true
    fi
    # Any other line inside a block is output from the last run: replaced.
done <"$readme"

if [[ ${1:-} == --check ]]; then
    diff -u "$readme" "$output" || { echo "README.md examples are out of date: run Scripts/readme-examples.sh" >&2; exit 1; }
else
    cp "$output" "$readme"
fi
