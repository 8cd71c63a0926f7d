//! The kit's bash scripts for Linux hosts (a reverse proxy, a jump host): `test-NODE.sh` (TCP by
//! bash's `/dev/tcp` under timeout(1), STUN binding requests by python3) and `listen-NODE.sh`
//! (python3: TCP listeners and a STUN responder). Data is one quoted line per probe of ids,
//! addresses and numbers only; values reach commands as arguments, never as code.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::{Head, Probe, STUN_PORT, Untested, probe_items, skipped_items};

fn header(out: &mut String, head: &Head<'_>, what: &str, needs: &str) {
    out.push_str("#!/usr/bin/env bash\n");
    let _ = writeln!(out, "# Lync Port Planner port-test kit: plan {}", head.plan);
    let _ = writeln!(out, "# {what} node {} ({})", head.node, head.label);
    let _ = writeln!(out, "# Needs: {needs}. README.txt explains the kit.");
}

/// The test script of one source node.
pub(super) fn test(head: &Head<'_>, probes: &[&Probe], skipped: &[&Untested]) -> String {
    let mut out = String::new();
    header(
        &mut out,
        head,
        "Tests from",
        "bash, timeout(1) (coreutils), python3 (the STUN request)",
    );
    out.push_str(
        "# Usage: test-NODE.sh [RESULTS.csv]   (TIMEOUT=seconds, default 3). Exits 1 when a test failed.\n",
    );
    out.push_str("set -u\n");
    let _ = writeln!(out, "SOURCE='{}'", head.node);
    out.push_str(
        "HOST=$(hostname 2>/dev/null || uname -n)\n\
         RESULTS=\"${1:-results-test-${SOURCE}-${HOST}.csv}\"\nTIMEOUT=\"${TIMEOUT:-3}\"\n",
    );
    out.push_str("# rule id, destination node, address, transport, port\nTESTS=(\n");
    for item in probe_items(probes) {
        let _ = writeln!(out, "  '{item}'");
    }
    out.push_str(")\n# Not testable from here: rule id, destination node, why\nSKIPPED=(\n");
    for item in skipped_items(skipped) {
        let _ = writeln!(out, "  '{item}'");
    }
    out.push_str(")\n");
    out.push_str(TEST_CODE);
    out
}

const TEST_CODE: &str = r#"
needs() { command -v "$1" >/dev/null 2>&1 || { echo "test: needs $1" >&2; exit 2; }; }
needs timeout
case " ${TESTS[*]-} " in *" udp "*) needs python3 ;; esac

# A STUN binding request (RFC 5389): type 0x0001, length 0, the magic cookie 0x2112A442, a
# random 96-bit transaction id; a binding success response (0x0101) with that id passes.
STUN_PY='
import os, socket, sys, time
addr, port, wait = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
tid = os.urandom(12)
s = socket.socket(socket.AF_INET6 if ":" in addr else socket.AF_INET, socket.SOCK_DGRAM)
try:
    s.connect((addr, port))
    s.send(b"\x00\x01\x00\x00\x21\x12\xa4\x42" + tid)
    end = time.monotonic() + wait
    while True:
        s.settimeout(max(end - time.monotonic(), 0.001))
        data = s.recv(2048)
        if len(data) >= 20 and data[:2] == b"\x01\x01" and data[8:20] == tid:
            print("open binding response")
            break
except socket.timeout:
    print("no_answer no binding response in %gs" % wait)
except ConnectionRefusedError:
    print("closed port unreachable")
except OSError as e:
    print("closed %s" % (e.strerror or "error"))
'

csv_row() {
  local field line=""
  for field in "$@"; do
    field=${field//\"/\"\"}
    line+="${line:+,}\"$field\""
  done
  printf '%s\r\n' "$line"
}

tcp_test() {
  local err rc
  # shellcheck disable=SC2016 # $1 and $2 are the inner bash's arguments, never code
  err=$(timeout "$TIMEOUT" bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>&1)
  rc=$?
  case $rc in
    0) echo "open connected" ;;
    124) echo "timeout no answer in ${TIMEOUT}s" ;;
    *) err=${err##*: }; echo "closed ${err:-connection failed}" ;;
  esac
}

now() { date -u +%Y-%m-%dT%H:%M:%SZ; }
failed=0
{
  csv_row rule_id source_node destination_node source_host address transport port result detail tested_at
  for t in ${TESTS[@]+"${TESTS[@]}"}; do
    read -r rule destination address transport port <<<"$t"
    if [ "$transport" = udp ]; then
      answer=$(timeout "$((TIMEOUT + 2))" python3 -c "$STUN_PY" "$address" "$port" "$TIMEOUT" 2>&1) \
        || answer="no_answer no binding response"
    else
      answer=$(tcp_test "$address" "$port")
    fi
    result=${answer%% *}
    [ "$result" = open ] || failed=$((failed + 1))
    printf '%-9s %s %s %s %s\n' "$result" "$address" "$transport" "$port" "$rule" >&2
    csv_row "$rule" "$SOURCE" "$destination" "$HOST" "$address" "$transport" "$port" "$result" "${answer#* }" "$(now)"
  done
  for t in ${SKIPPED[@]+"${SKIPPED[@]}"}; do
    read -r rule destination why <<<"$t"
    csv_row "$rule" "$SOURCE" "$destination" "$HOST" "" "" "" skipped "$why" "$(now)"
  done
} >"$RESULTS.tmp" && mv -f "$RESULTS.tmp" "$RESULTS"
echo "${#TESTS[@]} probe(s), $failed failed; results in $RESULTS" >&2
[ "$failed" -eq 0 ]
"#;

/// The listener script of one destination node.
pub(super) fn listen(head: &Head<'_>, tcp: &BTreeSet<u16>, stun: bool) -> String {
    let mut out = String::new();
    header(&mut out, head, "Listens for the tests of", "bash, python3");
    out.push_str(
        "# Usage: listen-NODE.sh [SECONDS]   (default 3600). Run it on each server of the node\n\
         # before Lync is installed; it prints `ready` once every port is open.\n",
    );
    out.push_str("set -eu\ncommand -v python3 >/dev/null 2>&1 || { echo \"listen: needs python3\" >&2; exit 2; }\n");
    let ports: Vec<String> = tcp.iter().map(u16::to_string).collect();
    let _ = writeln!(out, "TCP_PORTS='{}'", ports.join(" "));
    let _ = writeln!(out, "STUN_PORT={}", if stun { STUN_PORT } else { 0 });
    out.push_str(LISTEN_CODE);
    out
}

const LISTEN_CODE: &str = r#"exec python3 -c '
import select, socket, struct, sys, time
seconds, stun, tcp = float(sys.argv[1]), int(sys.argv[2]), [int(p) for p in sys.argv[3].split()]
def bound(kind, port):
    try:
        s = socket.socket(socket.AF_INET6, kind)
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        host = "::"
    except OSError:
        s, host = socket.socket(socket.AF_INET, kind), "0.0.0.0"
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((host, port))
    return s
listeners = []
for port in tcp:
    s = bound(socket.SOCK_STREAM, port)
    s.listen(128)
    listeners.append(s)
udp = bound(socket.SOCK_DGRAM, stun) if stun else None
# Answer from the address asked (a multi-homed Edge behind NAT), not the source a route picks.
if udp:
    if udp.family == socket.AF_INET6:
        udp.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVPKTINFO, 1)
    else:
        udp.setsockopt(socket.IPPROTO_IP, getattr(socket, "IP_PKTINFO", 8), 1)
def answer(request, peer):
    host, port = peer[0], peer[1]
    if host.startswith("::ffff:") and "." in host:
        host = host[7:]
    family, raw = (1, socket.inet_pton(socket.AF_INET, host)) if "." in host else (2, socket.inet_pton(socket.AF_INET6, host))
    xored = bytes(b ^ k for b, k in zip(raw, request[4:20]))
    attribute = struct.pack("!HHBBH", 0x0020, 4 + len(raw), 0, family, port ^ 0x2112) + xored
    return struct.pack("!HH", 0x0101, len(attribute)) + request[4:20] + attribute
print("ready", flush=True)
end = time.monotonic() + seconds
while time.monotonic() < end:
    socks = listeners + ([udp] if udp else [])
    for s in select.select(socks, [], [], 1.0)[0]:
        if s is udp:
            request, ancillary, _, peer = udp.recvmsg(2048, 256)
            if len(request) >= 20 and request[:2] == b"\x00\x01" and request[4:8] == b"\x21\x12\xa4\x42":
                udp.sendmsg([answer(request, peer)], ancillary, 0, peer)
        else:
            try:
                s.accept()[0].close()
            except OSError:
                pass
' "${1:-3600}" "$STUN_PORT" "$TCP_PORTS"
"#;
