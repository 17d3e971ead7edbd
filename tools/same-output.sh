#!/usr/bin/env bash
# Byte-identical check for speed work: run two congvan binaries on the same
# inputs and compare their outputs byte for byte.
#
#   tools/same-output.sh BEFORE AFTER [SHARED]
#
# Inputs: every .txt/.md of SHARED/{corpus,corpus-dev,corpus-ocr} (default
# ../shared) and of fixtures/, plus CRLF, NFD and upper-case variants of a
# sample. Outputs compared: `parse` per file (one JSON object), `parse` of all
# files of a folder (JSON Lines), `--compact`, `--spans-only`, and
# `batch --jsonl --jobs 1|2`. Exit status 1 on the first difference.
set -euo pipefail
shopt -s nullglob
before=$1 after=$2
shared=${3:-$(dirname "$0")/../../shared}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dirs=()
for d in "$shared/corpus" "$shared/corpus-dev" "$shared/corpus-ocr" "$root/fixtures"; do
    [ -d "$d" ] && dirs+=("$d")
done

# Variants of a sample: every fifth file of each folder.
mkdir -p "$work/crlf" "$work/nfd" "$work/upper"
python3 - "$work" "${dirs[@]}" <<'PY'
import os, sys, unicodedata
work, dirs = sys.argv[1], sys.argv[2:]
for d in dirs:
    names = sorted(n for n in os.listdir(d) if n.endswith(('.txt', '.md')))
    for n in names[::5]:
        raw = open(os.path.join(d, n), 'rb').read()
        try:
            t = raw.decode('utf-8')
        except UnicodeDecodeError:
            continue
        tag = os.path.basename(d.rstrip('/')) + '_' + n
        lf = t.replace('\r\n', '\n')
        open(os.path.join(work, 'crlf', tag), 'wb').write(lf.replace('\n', '\r\n').encode())
        open(os.path.join(work, 'nfd', tag), 'wb').write(unicodedata.normalize('NFD', t).encode())
        open(os.path.join(work, 'upper', tag), 'wb').write(t.upper().encode())
PY
dirs+=("$work/crlf" "$work/nfd" "$work/upper")

fail=0
n=0
compare() { # label, then the command's arguments
    local label=$1; shift
    "$before" "$@" >"$work/b" 2>"$work/be" || true
    "$after" "$@" >"$work/a" 2>"$work/ae" || true
    if ! cmp -s "$work/b" "$work/a"; then
        echo "DIFFERS: $label"; cmp "$work/b" "$work/a" | head -1; fail=1
    fi
    n=$((n + 1))
}
for d in "${dirs[@]}"; do
    files=("$d"/*.txt "$d"/*.md)
    for f in "${files[@]}"; do compare "parse $f" parse "$f"; done
    compare "parse $d/* (JSON Lines)" parse "${files[@]}"
    compare "parse --compact $d/*" parse --compact "${files[@]}"
    compare "parse --spans-only $d/*" parse --spans-only "${files[@]}"
    for j in 1 2; do
        "$before" batch "$d" --jsonl "$work/b.jsonl" --jobs $j --quiet || true
        "$after" batch "$d" --jsonl "$work/a.jsonl" --jobs $j --quiet || true
        if ! cmp -s "$work/b.jsonl" "$work/a.jsonl"; then
            echo "DIFFERS: batch $d --jobs $j"; fail=1
        fi
        n=$((n + 1))
    done
done
[ $fail = 0 ] && echo "same output: $n comparisons over ${#dirs[@]} folders"
exit $fail
