#!/usr/bin/env bash
# benches/startup.sh [RUNS]: time from process start to the first frame on screen, and peak
# memory (RSS), of the release window under Xvfb with Mesa software rendering: the built-in
# seed plan and a generated plan of 2,000 nodes. Prints the median of RUNS (default 7) each.
#
# Start: a timestamp taken just before exec. First frame: the app prints the wall clock when its
# second frame starts, i.e. once the first has been presented (LPP_REPORT_FIRST_FRAME=1).
# Peak RSS: GNU time's maximum resident set size of the whole run (3 frames, then it closes).
# Xvfb is started once, before any timing.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-7}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "usage: benches/startup.sh [RUNS]" >&2; exit 2; }
for tool in xvfb-run /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "startup.sh needs $tool (apt-get install xvfb xauth time python3)" >&2; exit 2; }
done

cargo build --release --locked >&2
BIN=${CARGO_TARGET_DIR:-target}/release/lync-port-planner
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$BIN" gen-plan 2000 --output "$WORK/plan-2000.ron" >/dev/null
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$WORK/xdg}
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

# Inside one Xvfb: RUNS launches per plan, one line "<plan> <ms to first frame> <peak KiB>" each.
env -u WAYLAND_DISPLAY xvfb-run -a -s "-screen 0 1600x1000x24 -nolisten tcp" bash -s -- "$BIN" "$WORK" "$RUNS" <<'INNER' >"$WORK/runs.txt"
set -euo pipefail
bin=$1 work=$2 runs=$3
for i in $(seq 1 "$runs"); do
  for plan in seed "$work/plan-2000.ron"; do
    args=(--frames 3)
    name=seed
    if [[ $plan != seed ]]; then args=("$plan" --frames 3); name=2000-nodes; fi
    t0=$(date +%s%N)
    LPP_REPORT_FIRST_FRAME=1 /usr/bin/time -f "peak-kib %M" -o "$work/time.txt" \
      "$bin" "${args[@]}" 2>"$work/err.txt" || { cat "$work/err.txt" >&2; exit 1; }
    shown=$(grep -o 'first frame presented at unix ns [0-9]*' "$work/err.txt" | grep -o '[0-9]*$') \
      || { echo "no first-frame report" >&2; cat "$work/err.txt" >&2; exit 1; }
    kib=$(grep -o 'peak-kib [0-9]*' "$work/time.txt" | grep -o '[0-9]*$')
    echo "$name $(( (shown - t0) / 1000 )) $kib"
  done
done
INNER

python3 - "$WORK/runs.txt" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
for name in ("seed", "2000-nodes"):
    us = [int(r[1]) for r in rows if r[0] == name]
    kib = [int(r[2]) for r in rows if r[0] == name]
    print(f"{name:>10}: first frame p50 {statistics.median(us) / 1000:.0f} ms "
          f"(min {min(us) / 1000:.0f}, max {max(us) / 1000:.0f}), "
          f"peak RSS p50 {statistics.median(kib) / 1024:.0f} MiB (max {max(kib) / 1024:.0f}), {len(us)} runs")
PY
