#!/usr/bin/env bash
# benches/vs_aerleon.sh [FLOWS]: our exporter side by side with Aerleon (default FLOWS=10000).
#
# 1. Installs Aerleon (pinned) into a virtualenv, reused from one run to the next.
# 2. Writes a generated plan of ceil(FLOWS/70) sites (a site is the 9-node full-site template,
#    70 rules), exports its rules as JSON and turns that JSON into Aerleon definitions and one
#    policy: one filter per firewall, one accept term per rule, targets nftables and ciscoasa.
#    Both tools therefore start from the same rules: the "flows" reported are that rule count.
# 3. Runs each side once untimed (warm-up), then checks that ours and Aerleon's nftables output,
#    and ours and Aerleon's ASA output, permit the same flows (benches/vs_aerleon/compare.py
#    explains the canonical form), and that Aerleon's nftables output passes `nft -c`.
# 4. Times each side and prints both medians, then the ratio as the last line of stdout:
#      ratio: aerleon/ours = 31.2x (10010 flows)
#
# What is timed (wall clock, each run separately, runs of the two sides interleaved):
#   ours:    plan file -> both outputs = two CLI runs, `export --format nftables` and
#            `export --format asa`, each loading the plan, deriving the rules and exporting.
#   aerleon: policy + definitions -> both outputs = one `aclgen` run over the policy directory,
#            rendering both targets. `--max_renderers 1`: there is one policy file, so a process
#            pool could only add start-up time.
# Not timed: installing Aerleon, building our binary, generating the plan and Aerleon's inputs,
# the warm-up runs and the checks.
#
# Environment:
#   LPP_BIN                  our binary (default: cargo build --release --no-default-features)
#   LPP_AERLEON_VENV         virtualenv (default: target/aerleon-venv)
#   LPP_AERLEON_FORMAT       pol (default: .pol/.net/.svc, Aerleon's fastest input here) | yaml
#   LPP_BENCH_OURS_RUNS      timed runs of ours (default 5)
#   LPP_BENCH_AERLEON_RUNS   timed runs of Aerleon (default 3)
#   LPP_BENCH_NFT_CHECK      auto (default: if nft is installed and we are root) | 1 | 0
#   LPP_BENCH_SELF_TEST=1    (or --self-test as first argument) also prove the check can fail:
#                            one Aerleon term dropped, one line of our ASA output deleted
#   LPP_BENCH_KEEP=1         keep the work directory
#   PYTHON                   interpreter for the virtualenv and the helper (default python3)
set -euo pipefail
export LC_ALL=C

AERLEON_VERSION=1.18.0

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
COMPARE=$HERE/vs_aerleon/compare.py
PYTHON=${PYTHON:-python3}
VENV=${LPP_AERLEON_VENV:-$ROOT/target/aerleon-venv}
FORMAT=${LPP_AERLEON_FORMAT:-pol}
OURS_RUNS=${LPP_BENCH_OURS_RUNS:-5}
AERLEON_RUNS=${LPP_BENCH_AERLEON_RUNS:-3}
NFT_CHECK=${LPP_BENCH_NFT_CHECK:-auto}
SELF_TEST=${LPP_BENCH_SELF_TEST:-0}
KEEP=${LPP_BENCH_KEEP:-0}

say() { printf 'vs_aerleon: %s\n' "$*" >&2; }
die() {
	say "error: $*"
	exit 1
}

if [[ ${1:-} == --self-test ]]; then
	SELF_TEST=1
	shift
fi
if [[ $# -gt 1 || ${1:-} == -h || ${1:-} == --help ]]; then
	echo "usage: benches/vs_aerleon.sh [FLOWS]   (default 10000; see the header for the environment)" >&2
	exit 2
fi
FLOWS=${1:-10000}
[[ $FLOWS =~ ^[1-9][0-9]{0,6}$ ]] || die "FLOWS must be a positive integer, got '$FLOWS'"
[[ $OURS_RUNS =~ ^[1-9][0-9]*$ && $AERLEON_RUNS =~ ^[1-9][0-9]*$ ]] || die "run counts must be positive integers"
[[ $FORMAT == pol || $FORMAT == yaml ]] || die "LPP_AERLEON_FORMAT must be pol or yaml"

if [[ -n ${EPOCHREALTIME:-} ]]; then
	now() { printf '%s\n' "$EPOCHREALTIME"; }
else
	now() { date +%s.%N; }
fi
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f\n", b - a }'; }
START=$(now)

# ---------------------------------------------------------------- our binary
if [[ -n ${LPP_BIN:-} ]]; then
	LPP=$LPP_BIN
else
	say "building our CLI (release, --no-default-features)"
	cargo build --release --locked --no-default-features --manifest-path "$ROOT/Cargo.toml" >&2
	LPP=${CARGO_TARGET_DIR:-$ROOT/target}/release/lync-port-planner
fi
[[ -x $LPP ]] || die "no executable at $LPP"

# ---------------------------------------------------------------- Aerleon
installed_version() {
	"$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("aerleon"))' 2>/dev/null || true
}
if [[ ! -x $VENV/bin/aclgen || $(installed_version) != "$AERLEON_VERSION" ]]; then
	say "installing aerleon==$AERLEON_VERSION into $VENV"
	[[ -x $VENV/bin/python ]] || "$PYTHON" -m venv "$VENV"
	"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "aerleon==$AERLEON_VERSION" >&2
	[[ $(installed_version) == "$AERLEON_VERSION" ]] || die "aerleon $AERLEON_VERSION did not install"
fi
ACLGEN=$VENV/bin/aclgen

# ---------------------------------------------------------------- work directory
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vs_aerleon.XXXXXX")
cleanup() { [[ $KEEP == 1 ]] || rm -rf "$WORK"; }
trap cleanup EXIT
[[ $KEEP == 1 ]] && say "keeping the work directory $WORK"

SITES=$(((FLOWS + 69) / 70))
"$LPP" gen-plan "$((SITES * 9))" --output "$WORK/plan.ron" >/dev/null
"$LPP" export "$WORK/plan.ron" --format json --output "$WORK/plan.json"
N=$("$PYTHON" "$COMPARE" flows "$WORK/plan.json")
say "$N flows ($SITES sites, $((SITES * 9)) nodes); Aerleon $AERLEON_VERSION, $FORMAT input"
"$PYTHON" "$COMPARE" inputs "$WORK/plan.json" "$WORK/aerleon" --format "$FORMAT" | sed 's/^/vs_aerleon: /' >&2

ours() { # $1: output prefix
	"$LPP" export "$WORK/plan.ron" --format nftables --output "$1.nft"
	"$LPP" export "$WORK/plan.ron" --format asa --output "$1.asa"
}
aerleon() { # $1: Aerleon input dir, $2: empty output dir
	if ! "$ACLGEN" --base_directory "$1/policies" --definitions_directory "$1/def" \
		--output_directory "$2" --max_renderers 1 2>"$2.log"; then
		tail -n 20 "$2.log" >&2
		die "aclgen failed (log above)"
	fi
}
aerleon_outputs() { # $1: output dir; aclgen can finish "done." having written nothing
	[[ -s $1/lync.nft && -s $1/lync.asa ]] || die "aclgen wrote no lync.nft/lync.asa in $1 (see $1.log)"
}
check() { # $1: ours prefix, $2: Aerleon output dir
	"$PYTHON" "$COMPARE" check --json "$WORK/plan.json" --ours-nft "$1.nft" --ours-asa "$1.asa" \
		--aerleon-nft "$2/lync.nft" --aerleon-asa "$2/lync.asa"
}

# ---------------------------------------------------------------- warm-up and equivalence
ours "$WORK/ours"
mkdir "$WORK/aer"
aerleon "$WORK/aerleon" "$WORK/aer"
aerleon_outputs "$WORK/aer"
if ! check "$WORK/ours" "$WORK/aer" >"$WORK/check.txt"; then
	sed 's/^/vs_aerleon: /' "$WORK/check.txt" >&2
	die "the two tools do not permit the same flows"
fi
sed 's/^/vs_aerleon: /' "$WORK/check.txt" >&2

if [[ $NFT_CHECK == 1 || ($NFT_CHECK == auto && $EUID -eq 0 && -n $(command -v nft || true)) ]]; then
	nft -c -f "$WORK/aer/lync.nft" || die "nft -c rejects Aerleon's nftables output"
	say "nft -c accepts Aerleon's nftables output"
else
	say "nft -c skipped (LPP_BENCH_NFT_CHECK=$NFT_CHECK, needs nft and root)"
fi

if [[ $SELF_TEST == 1 ]]; then
	# 1: Aerleon's policy without the term of one rule that crosses a firewall (about the middle one).
	"$PYTHON" "$COMPARE" inputs "$WORK/plan.json" "$WORK/self-aerleon" --format "$FORMAT" \
		--drop-term "$((N / 2))" | sed 's/^/vs_aerleon: self-test: /' >&2
	mkdir "$WORK/self-aer"
	aerleon "$WORK/self-aerleon" "$WORK/self-aer"
	aerleon_outputs "$WORK/self-aer"
	rc=0
	check "$WORK/ours" "$WORK/self-aer" >"$WORK/self1.txt" || rc=$?
	[[ $rc == 1 ]] || die "self-test: check exited $rc, not 1, with one Aerleon term dropped"
	if ! grep -q 'MISMATCH ours nftables vs aerleon nftables' "$WORK/self1.txt" ||
		! grep -q 'MISMATCH ours asa vs aerleon asa' "$WORK/self1.txt"; then
		die "self-test: the dropped term was not reported for both formats"
	fi
	grep -A1 MISMATCH "$WORK/self1.txt" | sed 's/^/vs_aerleon: self-test: /' >&2
	# 2: our ASA output without its last permit line.
	cp "$WORK/ours.nft" "$WORK/self-ours.nft"
	last=$(grep -n ' extended permit ' "$WORK/ours.asa" | tail -n 1 | cut -d: -f1)
	sed "${last}d" "$WORK/ours.asa" >"$WORK/self-ours.asa"
	rc=0
	check "$WORK/self-ours" "$WORK/aer" >"$WORK/self2.txt" || rc=$?
	[[ $rc == 1 ]] || die "self-test: check exited $rc, not 1, with one ASA line deleted"
	grep -q 'MISMATCH ours asa vs aerleon asa' "$WORK/self2.txt" ||
		die "self-test: the deleted ASA line was not reported"
	grep -A1 MISMATCH "$WORK/self2.txt" | sed 's/^/vs_aerleon: self-test: /' >&2
	say "self-test passed: both mutations were reported as mismatches"
fi

# ---------------------------------------------------------------- timing
: >"$WORK/ours.times"
: >"$WORK/aerleon.times"
rounds=$((OURS_RUNS > AERLEON_RUNS ? OURS_RUNS : AERLEON_RUNS))
same() { cmp -s "$1.nft" "$2.nft" && cmp -s "$1.asa" "$2.asa"; }
for ((i = 1; i <= rounds; i++)); do
	line="round $i/$rounds:"
	if ((i <= OURS_RUNS)); then
		t0=$(now)
		ours "$WORK/timed"
		t1=$(now)
		t=$(elapsed "$t0" "$t1")
		echo "$t" >>"$WORK/ours.times"
		line+=" ours $t s"
	fi
	if ((i <= AERLEON_RUNS)); then
		out=$WORK/aer-timed-$i
		mkdir "$out"
		t0=$(now)
		aerleon "$WORK/aerleon" "$out"
		t1=$(now)
		t=$(elapsed "$t0" "$t1")
		echo "$t" >>"$WORK/aerleon.times"
		line+=" aerleon $t s"
		aerleon_outputs "$out"
		same "$out/lync" "$WORK/aer/lync" || die "a timed Aerleon run wrote other output than the checked one"
		rm -rf "$out" "$out.log"
	fi
	say "$line"
done
same "$WORK/timed" "$WORK/ours" || die "a timed run of ours wrote other output than the checked one"

echo "flows: $N ($SITES sites, $((SITES * 9)) nodes); aerleon $AERLEON_VERSION ($FORMAT input, aclgen --max_renderers 1); ours $LPP"
echo "timed: ours = export nftables + export asa (2 CLI runs); aerleon = 1 aclgen run, nftables + ciscoasa"
echo "script wall time so far: $(elapsed "$START" "$(now)" | cut -d. -f1) s (install, generation, checks, all runs)"
"$PYTHON" "$COMPARE" summary --ours-times "$WORK/ours.times" --aerleon-times "$WORK/aerleon.times" --flows "$N"
