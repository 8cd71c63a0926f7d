#!/usr/bin/env bash
# benches/compare.sh REV [ROUNDS] [-- BENCH FILTER...]: one run of the benchmarks against the code
# of commit REV, side by side. Both builds' bench binaries are built first (REV in a temporary
# worktree with its own target folder), then each case runs ROUNDS times (default 3), taking
# turns, so both see the same machine. Prints each case's p50 per round and build.
#
#   benches/compare.sh 640de0c 3 -- core derive_and_findings
#   benches/compare.sh 640de0c 3 -- frame edit_rename
set -euo pipefail
cd "$(dirname "$0")/.."
REV=${1:?usage: benches/compare.sh REV [ROUNDS] [-- BENCH FILTER...]}
shift
ROUNDS=3
if [[ ${1:-} =~ ^[0-9]+$ ]]; then ROUNDS=$1; shift; fi
[[ ${1:-} == -- ]] && shift
BENCH=${1:-core}
shift || true
FILTERS=("$@")
SAMPLES=${LPP_BENCH_SAMPLES:-20}

OLD_DIR=${LPP_COMPARE_WORKTREE:-/tmp/lpp-compare-$REV}
OLD_TARGET=${LPP_COMPARE_TARGET:-$OLD_DIR-target}
if [[ ! -d $OLD_DIR ]]; then
  git worktree add --detach "$OLD_DIR" "$REV" >&2
fi

# The path of a bench binary, built by cargo in the current folder.
bench_binary() {
  cargo bench --locked --bench "$BENCH" --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json, sys
name = sys.argv[1]
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == name and m.get("executable"):
        print(m["executable"])' "$BENCH"
}

cargo bench --locked --bench "$BENCH" --no-run >&2
NEW=$(bench_binary)
OLD=$( cd "$OLD_DIR" && export CARGO_TARGET_DIR=$OLD_TARGET && cargo bench --locked --bench "$BENCH" --no-run >&2 && bench_binary )
[[ -x $NEW && -x $OLD ]] || { echo "compare.sh: no bench binary built" >&2; exit 2; }

for round in $(seq 1 "$ROUNDS"); do
  for build in "$REV:$OLD" "HEAD:$NEW"; do
    name=${build%%:*}
    bin=${build#*:}
    echo "=== round $round: $name ($(git rev-parse --short "$name"))"
    "$bin" --bench --sample-count "$SAMPLES" "${FILTERS[@]}"
  done
done
