#!/usr/bin/env bash
# Runs every fuzz target of congvan for MINUTES minutes each, one after the
# other, prints the executions each one ran and appends them to
# fuzz/executions.tsv (committed: the project's running total).
#
#   fuzz/run.sh MINUTES [TARGET...]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a nightly toolchain.
#
# Defaults are for speed (issue 15: ≥ 1,000 executions/s per core):
# - no sanitizer (SANITIZER=none): congvan forbids `unsafe`, so
#   AddressSanitizer finds nothing that a panic would not, at a 5-10x cost;
# - no fork mode for runs of up to 10 minutes: one process, no restarts
#   (it stops at the first crash, which is saved); longer runs fork
#   (FORK=1) and carry on after crashes, timeouts and OOMs;
# - normal priority (NICE=0; set NICE=19 on a machine others are using);
# - targets that parse once per input and do the costly checks (JSON round
#   trip, determinism) on one input in 16.
# Comparison tracing stays on (it finds magic values); TRACE_COMPARES=0
# turns it off for about 1.75x the speed (decode: 552 → 967 executions per
# CPU-second here). Figures per run are in fuzz/executions.tsv.
#
# Seeds: the fixtures of the main crate (../fixtures/*.txt, *.md), the files
# of seeds/TARGET/ and what seeds/TARGET.py writes are copied into
# fuzz/corpus/TARGET at run time; the corpus, artifacts and build
# output are never committed (see .gitignore). Failures are saved as
# fuzz/artifacts/TARGET/{crash,timeout,oom}-*; re-run one with
# `fuzz/target/x86_64-unknown-linux-gnu/release/TARGET ARTIFACT`.
#
# Environment: TOOLCHAIN (default nightly), SANITIZER (default none),
# TRACE_COMPARES (default 1), FORK
# (default 0 up to 10 minutes, 1 beyond), NICE (default 0),
# CARGO_TARGET_DIR (default fuzz/target), MAX_LEN (default 16384 bytes),
# TIMEOUT (seconds an input may take, default 10).
set -euo pipefail

minutes="${1:?usage: fuzz/run.sh MINUTES [TARGET...]}"
shift
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(parse_text parse_markdown decode read_file docx_xml pdf_layout doc_streams ocr_tsv)
fi
toolchain="${TOOLCHAIN:-nightly}"
sanitizer="${SANITIZER:-none}"
target_dir="${CARGO_TARGET_DIR:-$here/target}"
max_len="${MAX_LEN:-16384}"
timeout="${TIMEOUT:-10}"
niceness="${NICE:-0}"
if [ -z "${FORK:-}" ]; then
    if [ "$minutes" -le 10 ]; then FORK=0; else FORK=1; fi
fi
seconds=$((minutes * 60))
build_flags=(--release --sanitizer "$sanitizer" --target-dir "$target_dir")
if [ "${TRACE_COMPARES:-1}" = 0 ]; then
    build_flags+=(--no-trace-compares)
fi

for t in "${targets[@]}"; do
    nice -n "$niceness" cargo "+$toolchain" fuzz build "${build_flags[@]}" "$t"
done

fork_flags=()
if [ "$FORK" != 0 ]; then
    fork_flags=(-fork="$FORK" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi

summary=()
for t in "${targets[@]}"; do
    corpus="corpus/$t"
    mkdir -p "$corpus" "artifacts/$t" logs
    for f in ../fixtures/*.txt ../fixtures/*.md seeds/"$t"/*; do
        [ -e "$f" ] && cp -n "$f" "$corpus/" || true
    done
    if [ -e "seeds/$t.py" ]; then
        python3 "seeds/$t.py" "$corpus"
    fi
    log="logs/$t.log"
    echo "== $t: $minutes min, log in fuzz/$log"
    nice -n "$niceness" cargo "+$toolchain" fuzz run "${build_flags[@]}" "$t" "$corpus" -- \
        -max_total_time="$seconds" -max_len="$max_len" -timeout="$timeout" \
        -rss_limit_mb=4096 -print_final_stats=1 "${fork_flags[@]}" \
        -artifact_prefix="artifacts/$t/" >"$log" 2>&1 || true
    # one process: `Done N runs`; fork mode: the last `#N: cov …` line
    execs="$(grep -oE 'Done [0-9]+ runs' "$log" | tail -n 1 | tr -dc '0-9')"
    if [ -z "$execs" ]; then
        execs="$(grep -oE '^#[0-9]+: cov' "$log" | tail -n 1 | tr -dc '0-9')"
    fi
    if [ -z "$execs" ]; then
        execs="$(grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -dc '0-9')"
    fi
    found="$(find "artifacts/$t" -type f | wc -l)"
    rate=$(( ${execs:-0} / (seconds > 0 ? seconds : 1) ))
    summary+=("$t: ${execs:-?} executions in $minutes min (${rate}/s), $found artifact(s) in fuzz/artifacts/$t")
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$seconds" "${execs:-0}" \
        "$rate" "sanitizer=$sanitizer fork=$FORK trace_compares=${TRACE_COMPARES:-1}" >>executions.tsv
done
printf '%s\n' "${summary[@]}"
total="$(awk -F'\t' 'NR > 1 { n += $4 } END { print n + 0 }' executions.tsv)"
echo "all runs logged in fuzz/executions.tsv: $total executions"
