#!/usr/bin/env bash
# Runs every fuzz target of congvan for MINUTES minutes each, one after the
# other, and prints the executions each one ran.
#
#   fuzz/run.sh MINUTES [TARGET...]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a nightly toolchain
# (`rustup toolchain install nightly`): libFuzzer with AddressSanitizer.
# Without nightly, set SANITIZER=none and TOOLCHAIN=stable; cargo-fuzz then
# still builds the libFuzzer targets, without sanitizer instrumentation.
# congvan itself forbids `unsafe`, so SANITIZER=none loses little and runs
# several times faster (measured here: ~120 vs ~20 executions/s for
# parse_text on a shared, loaded 2-core machine).
#
# Seeds: the fixtures of the main crate (../fixtures/*.txt, *.md) are copied
# into fuzz/corpus/TARGET at run time; the corpus, artifacts (crashing
# inputs, timeouts) and build output are never committed (see .gitignore).
# The fuzzers run under `nice -n 19` in fork mode, carrying on after a crash
# so that one run finds as many distinct failures as it can; each failure is
# saved as fuzz/artifacts/TARGET/{crash,timeout,oom}-*.
#
# Environment: TOOLCHAIN (default nightly), SANITIZER (default address),
# CARGO_TARGET_DIR (default fuzz/target), MAX_LEN (default 16384 bytes),
# TIMEOUT (seconds an input may take, default 30: the machine is shared and
# the fuzzers run at the lowest priority, so wall-clock time per input is
# generous; a reported timeout is checked by re-running the input alone, e.g.
# `fuzz/target/x86_64-unknown-linux-gnu/release/parse_text ARTIFACT`).
set -euo pipefail

minutes="${1:?usage: fuzz/run.sh MINUTES [TARGET...]}"
shift
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(parse_text parse_markdown decode read_file docx_xml pdf_layout)
fi
toolchain="${TOOLCHAIN:-nightly}"
sanitizer="${SANITIZER:-address}"
target_dir="${CARGO_TARGET_DIR:-$here/target}"
max_len="${MAX_LEN:-16384}"
timeout="${TIMEOUT:-30}"
seconds=$((minutes * 60))

for t in "${targets[@]}"; do
    nice -n 19 cargo "+$toolchain" fuzz build --release --sanitizer "$sanitizer" \
        --target-dir "$target_dir" "$t"
done

summary=()
for t in "${targets[@]}"; do
    corpus="corpus/$t"
    mkdir -p "$corpus" "artifacts/$t" logs
    for f in ../fixtures/*.txt ../fixtures/*.md; do
        [ -e "$f" ] && cp -n "$f" "$corpus/" || true
    done
    log="logs/$t.log"
    echo "== $t: $minutes min, log in fuzz/$log"
    nice -n 19 cargo "+$toolchain" fuzz run --release --sanitizer "$sanitizer" \
        --target-dir "$target_dir" "$t" "$corpus" -- \
        -max_total_time="$seconds" -max_len="$max_len" -timeout="$timeout" \
        -rss_limit_mb=4096 -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -artifact_prefix="artifacts/$t/" >"$log" 2>&1 || true
    # fork mode prints `#EXECS: cov: … crash: N …`; the last one is the total
    execs="$(grep -oE '^#[0-9]+: cov' "$log" | tail -n 1 | tr -dc '0-9')"
    if [ -z "$execs" ]; then
        execs="$(grep -oE 'Done [0-9]+ runs' "$log" | tail -n 1 | tr -dc '0-9')"
    fi
    found="$(find "artifacts/$t" -type f | wc -l)"
    summary+=("$t: ${execs:-?} executions in $minutes min, $found artifact(s) in fuzz/artifacts/$t")
done
printf '%s\n' "${summary[@]}"
