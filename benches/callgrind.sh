#!/usr/bin/env bash
# benches/callgrind.sh [NODES]: instruction counts (valgrind callgrind), repeatable to a fraction
# of a percent where wall-clock figures on a shared 2-core VM vary by tens of percent. Use them to
# compare two commits: run this on each and compare the lines.
#
#   frame <case>   instructions per whole-window frame (run_ui + tessellate), from two runs of
#                  benches/frame.rs in callgrind mode (LPP_CALLGRIND=case:nodes:frames) with 0
#                  and 100 frames; the difference divided by 100 leaves setup out
#   cli <command>  instructions of one whole CLI process on a generated plan (start, load,
#                  derive, findings, render, write)
#   cli check: derivation
#                  of those, the instructions inside `Derivation::new` (rules and findings from
#                  scratch; in a fresh process, so with the catalog's preparation for the product
#                  and the first load of the translations)
set -euo pipefail
cd "$(dirname "$0")/.."
NODES=${1:-2000}
[[ $NODES =~ ^[1-9][0-9]*$ ]] || { echo "usage: benches/callgrind.sh [NODES]" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "callgrind.sh needs valgrind (apt-get install valgrind)" >&2; exit 2; }

cargo build --release --locked >&2
FRAME=$(cargo bench --locked --bench frame --no-run --message-format=json 2>/dev/null |
  python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "frame" and m.get("executable"):
        print(m["executable"])')
BIN=${CARGO_TARGET_DIR:-target}/release/lync-port-planner
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Total instructions of one command under callgrind.
ir() {
  valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.out" "$@" >/dev/null 2>"$WORK/cg.log" ||
    { cat "$WORK/cg.log" >&2; exit 1; }
  grep -E '^(summary|totals):' "$WORK/cg.out" | head -n 1 | grep -oE '[0-9]+$'
}

"$BIN" gen-plan "$NODES" --output "$WORK/plan.ron" >/dev/null
n=$(ir "$BIN" check "$WORK/plan.ron")
printf '%-28s %14s instructions (%s nodes)\n' "cli check" "$n" "$NODES"
n=$(ir '--toggle-collect=*Derivation*new*' "$BIN" check "$WORK/plan.ron")
printf '%-28s %14s instructions (%s nodes)\n' "cli check: derivation" "$n" "$NODES"
for format in nftables asa json; do
  n=$(ir "$BIN" export "$WORK/plan.ron" --format "$format" --output "$WORK/out.$format")
  printf '%-28s %14s instructions (%s nodes)\n' "cli export $format" "$n" "$NODES"
done
for case in idle_fit idle_100 dragging_fit dragging_100; do
  base=$(LPP_CALLGRIND="$case:$NODES:0" ir "$FRAME")
  run=$(LPP_CALLGRIND="$case:$NODES:100" ir "$FRAME")
  printf '%-28s %14s instructions per frame (%s nodes)\n' "frame $case" "$(( (run - base) / 100 ))" "$NODES"
done
