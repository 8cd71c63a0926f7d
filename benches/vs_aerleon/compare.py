#!/usr/bin/env python3
"""Helper for benches/vs_aerleon.sh (standard library only).

Subcommands:
  inputs   turn our JSON export into Aerleon definitions + one policy (one filter per firewall,
           one accept term per rule), in Aerleon's YAML format or its classic .pol/.net/.svc one
  check    parse nftables and Cisco ASA outputs (ours and Aerleon's) into canonical sets of
           permitted flows and compare them; exit 1 with a diff summary when they differ
  summary  medians of the timed runs and, as the last line, the ratio aerleon/ours

Canonical form (what "permit the same flows" means here). Every accept rule, nftables rule or
ASA line becomes a rectangle: (firewall, address family, protocol, destination port range,
source address set, destination address set), addresses as integer intervals, so a CIDR, a
netmask, a list of hosts or an nftables range that cover the same addresses are equal. For each
(firewall, family, protocol, port range) the union of its rectangles is rewritten as the
function destination address -> permitted source addresses: the destination axis is cut at every
interval boundary, each piece gets the merged union of the sources of the rectangles covering
it, and neighbouring pieces with the same sources are joined again. That form is unique for a
given set of permitted (source, destination) pairs, so it does not depend on how a tool splits,
merges, collapses or orders its rules and addresses. Port ranges are compared as given (neither
tool merges the ranges of different rules; if one did, the check would report a difference, never
hide one). Things that are not flows are left out on purpose: comments, remarks, counters,
logging, `ct state new` on an accept (Aerleon's) and the `ct state established,related accept`
of a base chain (Aerleon's; ours leaves base chains to the admin), ASA `access-group` bindings
and NAT objects. Named address sets (ours: `ip saddr @lpp_fe_server_v4`) are read from their
`set` blocks. Any other syntax is an error, so an output the parser does not understand cannot
pass as equal.

Our ASA export has one ACL per firewall and interface the traffic enters (a rule between the
Internet and the internal network in both back-to-back firewalls) and leaves the rules within
one zone to host firewalls; Aerleon's has one filter per boundary of our JSON. So comparisons
with an ASA side are made on the flows of all network firewalls together, host rules left out.
"""

import argparse
import bisect
import ipaddress
import json
import os
import re
import statistics
import sys
from collections import defaultdict

FULL = {4: (0, 2**32 - 1), 6: (0, 2**128 - 1)}
FIREWALL_ORDER = ["external", "internal", "host"]

# Cisco ASA's literal names for TCP/UDP ports (ASA configuration guide, "TCP and UDP ports").
# An ASA may print or accept these instead of numbers.
ASA_PORT_NAMES = {
    "aol": 5190, "bgp": 179, "biff": 512, "bootpc": 68, "bootps": 67, "chargen": 19,
    "cifs": 3020, "citrix-ica": 1494, "cmd": 514, "ctiqbe": 2748, "daytime": 13,
    "discard": 9, "dnsix": 195, "domain": 53, "echo": 7, "exec": 512, "finger": 79,
    "ftp": 21, "ftp-data": 20, "gopher": 70, "h323": 1720, "hostname": 101, "http": 80,
    "https": 443, "ident": 113, "imap4": 143, "irc": 194, "isakmp": 500, "kerberos": 750,
    "klogin": 543, "kshell": 544, "ldap": 389, "ldaps": 636, "login": 513,
    "lotusnotes": 1352, "lpd": 515, "mobile-ip": 434, "nameserver": 42, "netbios-dgm": 138,
    "netbios-ns": 137, "netbios-ssn": 139, "nfs": 2049, "nntp": 119, "ntp": 123,
    "pcanywhere-data": 5631, "pcanywhere-status": 5632, "pim-auto-rp": 496, "pop2": 109,
    "pop3": 110, "pptp": 1723, "radius": 1645, "radius-acct": 1646, "rip": 520,
    "rsh": 514, "rtsp": 554, "secureid-udp": 5510, "sip": 5060, "smtp": 25, "snmp": 161,
    "snmptrap": 162, "sqlnet": 1521, "ssh": 22, "sunrpc": 111, "syslog": 514,
    "tacacs": 49, "talk": 517, "telnet": 23, "tftp": 69, "time": 37, "uucp": 540,
    "vxlan": 4789, "who": 513, "whois": 43, "www": 80, "xdmcp": 177,
}


class ParseError(Exception):
    pass


# --------------------------------------------------------------------------- addresses


def interval(text):
    """'10.0.0.1', '10.0.0.0/22', '10.0.0.0 255.255.252.0' (as 'a/mask') or 'a-b' -> (family, lo, hi)."""
    if "-" in text:
        a, b = (ipaddress.ip_address(x.strip()) for x in text.split("-", 1))
        if a.version != b.version or int(a) > int(b):
            raise ParseError(f"bad address range {text!r}")
        return (a.version, int(a), int(b))
    try:
        net = ipaddress.ip_network(text, strict=True)
    except ValueError as e:
        raise ParseError(f"bad address {text!r}: {e}") from None
    return (net.version, int(net.network_address), int(net.broadcast_address))


def merge(intervals):
    """Sorted, merged (lo, hi) list: touching or overlapping intervals become one."""
    out = []
    for lo, hi in sorted(intervals):
        if out and lo <= out[-1][1] + 1:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return tuple(out)


def show(fam, intervals, limit=4):
    """Human-readable address list for diff output."""
    if intervals == (FULL[fam],):
        return "any" if fam == 4 else "any6"
    parts = []
    for lo, hi in intervals:
        cls = ipaddress.IPv4Address if fam == 4 else ipaddress.IPv6Address
        for net in ipaddress.summarize_address_range(cls(lo), cls(hi)):
            parts.append(str(net.network_address) if net.num_addresses == 1 else str(net))
    more = f" ... (+{len(parts) - limit})" if len(parts) > limit else ""
    return ", ".join(parts[:limit]) + more


class Flows:
    """Rectangles grouped by (firewall, family, protocol, port_from, port_to)."""

    def __init__(self, label):
        self.label = label
        self.groups = defaultdict(list)
        self.units = 0  # rules, nft rules or ASA lines read

    def add(self, fw, proto, ports, src, dst, families=(4, 6)):
        """src/dst: list of (family, lo, hi), or None for "any" (of each family in families)."""
        self.units += 1
        fams = set(families)
        for side in (src, dst):
            if side is not None:
                fams &= {f for f, _, _ in side}
        for fam in sorted(fams):
            s = [(lo, hi) for f, lo, hi in src if f == fam] if src is not None else [FULL[fam]]
            d = [(lo, hi) for f, lo, hi in dst if f == fam] if dst is not None else [FULL[fam]]
            self.groups[(fw, fam, proto, ports[0], ports[1])].append((merge(s), merge(d)))

    def canonical(self):
        out = {}
        for key, rects in self.groups.items():
            out[key] = canonical_group(rects)
        return out


def canonical_group(rects):
    """Union of rectangles -> tuple of (dst_lo, dst_hi, sources) with maximal dst pieces."""
    events = defaultdict(list)
    for i, (_, dsts) in enumerate(rects):
        for lo, hi in dsts:
            events[lo].append((i, 1))
            events[hi + 1].append((i, -1))
    points = sorted(events)
    active = defaultdict(int)
    pieces = []
    for n, p in enumerate(points):
        for i, delta in events[p]:
            active[i] += delta
            if active[i] == 0:
                del active[i]
        if not active or n + 1 == len(points):
            continue
        srcs = merge(iv for i in active for iv in rects[i][0])
        hi = points[n + 1] - 1
        if pieces and pieces[-1][1] + 1 == p and pieces[-1][2] == srcs:
            pieces[-1] = (pieces[-1][0], hi, srcs)
        else:
            pieces.append((p, hi, srcs))
    return tuple(pieces)


# --------------------------------------------------------------------------- our JSON


def json_rules(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    resolved, unresolved = [], 0
    for r in doc["rules"]:
        src, dst = r["source"]["addresses"], r["destination"]["addresses"]
        if not src or not dst:
            unresolved += 1
            continue
        resolved.append(r)
    return doc, resolved, unresolved


def side(addresses):
    if addresses == ["any"]:
        return None
    if "any" in addresses:
        raise ParseError(f"'any' mixed with addresses: {addresses}")
    return [interval(a) for a in addresses]


def flows_from_json(path):
    _, rules, _ = json_rules(path)
    flows = Flows("plan (JSON export)")
    for r in rules:
        src, dst = side(r["source"]["addresses"]), side(r["destination"]["addresses"])
        # A rule open on both ends is exported for IPv4 only (export::text::families).
        fams = (4,) if src is None and dst is None else (4, 6)
        flows.add(r["firewall"], r["transport"], (r["port_from"], r["port_to"]), src, dst, fams)
    return flows


# --------------------------------------------------------------------------- nftables

NFT_TOKEN = re.compile(r'"[^"]*"|\{[^}]*\}|[^\s{}"]+')


def nft_value(tok):
    return [t.strip() for t in tok[1:-1].split(",") if t.strip()] if tok.startswith("{") else [tok]


def nft_ports(tok):
    out = []
    for v in nft_value(tok):
        a, _, b = v.partition("-")
        lo, hi = int(a), int(b or a)
        if not 0 <= lo <= hi <= 65535:
            raise ParseError(f"bad port {v!r}")
        out.append((lo, hi))
    return out


def fams_match(rule, fams, line):
    """Narrow the address families a rule can match; one that matches none is an error."""
    rule["fams"] = tuple(f for f in rule["fams"] or (4, 6) if f in fams)
    if not rule["fams"]:
        raise ParseError(f"rule matches no address family: {line}")


def parse_nft_rule(line, table_family, sets):
    """-> dict(kind=accept|jump|skip, ...)."""
    toks = NFT_TOKEN.findall(line)
    rule = {"src": None, "dst": None, "proto": None, "ports": None, "fams": None}
    ct_state = None
    i = 0
    while i < len(toks):
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if t in ("ip", "ip6") and nxt in ("saddr", "daddr"):
            fam = 4 if t == "ip" else 6
            tok = toks[i + 2]
            if tok.startswith("@"):
                if tok[1:] not in sets:
                    raise ParseError(f"undefined set {tok}: {line}")
                addrs = sets[tok[1:]]
            else:
                addrs = [interval(a) for a in nft_value(tok)]
            if any(f != fam for f, _, _ in addrs):
                raise ParseError(f"{t} {nxt} with a wrong-family address: {line}")
            rule["src" if nxt == "saddr" else "dst"] = addrs
            fams_match(rule, (fam,), line)
            i += 3
        elif t in ("tcp", "udp") and nxt == "dport":
            if rule["proto"]:
                raise ParseError(f"two transport matches: {line}")
            rule["proto"], rule["ports"] = t, nft_ports(toks[i + 2])
            i += 3
        elif t == "meta" and nxt == "nfproto":
            fams_match(rule, {"ipv4": (4,), "ipv6": (6,)}[toks[i + 2]], line)
            i += 3
        elif t == "ct" and nxt == "state":
            ct_state = toks[i + 2]
            i += 3
        elif t == "counter":
            i += 1
        elif t == "comment" and nxt is not None and nxt.startswith('"'):
            i += 2
        elif t == "log":
            i += 3 if nxt == "prefix" else 1
        elif t == "accept":
            if i + 1 < len(toks) and toks[i + 1] != "comment":
                raise ParseError(f"tokens after the verdict: {line}")
            if ct_state is not None and ct_state != "new":
                if rule["proto"] or rule["src"] or rule["dst"]:
                    raise ParseError(f"ct state {ct_state} on a flow rule: {line}")
                return {"kind": "skip", "why": f"ct state {ct_state} accept"}
            if not rule["proto"]:
                raise ParseError(f"accept without tcp/udp dport (not modelled): {line}")
            fams_match(rule, {"inet": (4, 6), "ip": (4,), "ip6": (6,)}[table_family], line)
            rule["kind"] = "accept"
            return rule
        elif t in ("jump", "goto") and nxt:
            if rule["proto"] or rule["src"] or rule["dst"] or ct_state:
                raise ParseError(f"conditional jump (not modelled): {line}")
            return {"kind": "jump", "target": nxt}
        else:
            raise ParseError(f"unsupported nftables syntax {t!r} in: {line}")
    raise ParseError(f"rule without a verdict: {line}")


def flows_from_nft(path, label):
    chains = {}  # (table, chain) -> dict
    sets = defaultdict(dict)  # table -> set name -> intervals (ours: named address sets)
    depth, table, chain = 0, None, None
    set_name, set_text = None, ""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if depth == 0:
            m = re.fullmatch(r"table (ip|ip6|inet) (\S+) \{", line)
            if m:
                table, depth = (m.group(1), m.group(2)), 1
            elif re.fullmatch(r"(table|delete table|flush table) (ip|ip6|inet) \S+", line):
                pass
            elif re.fullmatch(r"table (ip|ip6|inet) \S+ \{ *\}", line):
                pass
            elif re.fullmatch(r"(add|flush|delete) chain (ip|ip6|inet) \S+ \S+", line):
                pass  # ours declares its chains and flushes or deletes them (a safe reload)
            elif re.fullmatch(r"add set (ip|ip6|inet) \S+ \S+ \{ type ipv[46]_addr; flags interval; \}", line):
                pass  # and its sets, which it flushes and fills again in the table
            elif re.fullmatch(r"flush set (ip|ip6|inet) \S+ \S+", line):
                pass
            else:
                raise ParseError(f"{path}: unexpected line outside a table: {line}")
            continue
        if depth == 3:  # inside a set: its elements, then "}"
            if line == "}":
                m = re.fullmatch(r"type ipv([46])_addr; flags interval; elements = \{([^}]*)\}", set_text.strip())
                if not m:
                    raise ParseError(f"{path}: unsupported set {set_name}: {set_text}")
                addrs = [interval(a.strip()) for a in m.group(2).split(",") if a.strip()]
                if any(f != int(m.group(1)) for f, _, _ in addrs):
                    raise ParseError(f"{path}: set {set_name} with a wrong-family address")
                sets[table][set_name] = addrs
                depth = 1
            else:
                set_text += " " + line
            continue
        if depth == 1:
            m = re.fullmatch(r"chain (\S+) \{", line)
            s = re.fullmatch(r"set (\S+) \{", line)
            if s:
                set_name, set_text, depth = s.group(1), "", 3
            elif m:
                chain = {"table": table, "name": m.group(1), "base": False, "comment": None, "rules": []}
                chains[(table, m.group(1))] = chain
                depth = 2
            elif line == "}":
                depth, table = 0, None
            else:
                raise ParseError(f"{path}: unexpected line in a table: {line}")
            continue
        # depth 2: inside a chain
        if line == "}":
            depth, chain = 1, None
        elif line.startswith("type filter hook"):
            chain["base"] = True
        elif re.fullmatch(r'comment "[^"]*"', line):
            chain["comment"] = line[len('comment "'):-1]
        else:
            chain["rules"].append(parse_nft_rule(line, table[0], sets[table]))
    if depth != 0:
        raise ParseError(f"{path}: unbalanced braces")

    targets = {(c["table"], r["target"]) for c in chains.values() for r in c["rules"] if r["kind"] == "jump"}
    missing = targets - set(chains)
    if missing:
        raise ParseError(f"{path}: jump to undefined chains {sorted(missing)[:3]}")
    flows = Flows(label)
    for key, c in chains.items():
        if key in targets:
            continue
        # A chain nothing jumps to is one firewall: ours are named after it, Aerleon's base
        # chains carry the filter's header comment "firewall NAME".
        m = re.fullmatch(r"firewall (\S+)", c["comment"] or "")
        fw = m.group(1) if m else c["name"].removeprefix("lpp_")
        seen, stack = set(), [key]
        while stack:
            k = stack.pop()
            if k in seen:
                continue
            seen.add(k)
            for r in chains[k]["rules"]:
                if r["kind"] == "jump":
                    stack.append((k[0], r["target"]))
                elif r["kind"] == "accept":
                    for ports in r["ports"]:
                        flows.add(fw, r["proto"], ports, r["src"], r["dst"], r["fams"])
    return flows


# --------------------------------------------------------------------------- Cisco ASA


def asa_port(tok):
    if tok.isdigit():
        return int(tok)
    if tok in ASA_PORT_NAMES:
        return ASA_PORT_NAMES[tok]
    raise ParseError(f"unknown ASA port name {tok!r}")


def asa_address(toks, i, groups):
    """-> (list of (fam, lo, hi) or None for any, families allowed, next index)."""
    t = toks[i]
    if t == "object-group" and toks[i + 1] in groups:
        ivs = groups[toks[i + 1]]
        return ivs, tuple(sorted({iv[0] for iv in ivs})), i + 2
    if t == "any":
        return None, (4, 6), i + 1
    if t == "any4":
        return None, (4,), i + 1
    if t == "any6":
        return None, (6,), i + 1
    if t == "host":
        iv = interval(toks[i + 1])
        return [iv], (iv[0],), i + 2
    if "/" in t:
        iv = interval(t)
        return [iv], (iv[0],), i + 1
    if re.fullmatch(r"\d+\.\d+\.\d+\.\d+", t) and i + 1 < len(toks):
        iv = interval(f"{t}/{toks[i + 1]}")
        return [iv], (4,), i + 2
    raise ParseError(f"unsupported ASA address {t!r}")


def flows_from_asa(path, label):
    flows = Flows(label)
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    groups, group = {}, None  # object-group network NAME -> intervals
    services, service = {}, None  # object-group service NAME PROTO -> (proto, [(lo, hi)])
    nat = False  # inside an `object network` (NAT: not a flow)
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("!") or line.startswith("clear configure access-list"):
            continue
        toks = line.split()
        if toks[:2] == ["object-group", "network"] and len(toks) == 3:
            group, service, nat = groups.setdefault(toks[2], []), None, False
            continue
        if toks[0] == "network-object" and group is not None:
            ivs, _, _ = asa_address(toks, 1, groups)
            group.extend(ivs)
            continue
        if toks[:2] == ["object-group", "service"] and len(toks) == 4:
            service, group, nat = services.setdefault(toks[2], (toks[3], [])), None, False
            continue
        if toks[0] == "port-object" and service is not None:
            if toks[1:2] == ["eq"] and len(toks) == 3:
                service[1].append((asa_port(toks[2]),) * 2)
            elif toks[1:2] == ["range"] and len(toks) == 4:
                service[1].append((asa_port(toks[2]), asa_port(toks[3])))
            else:
                raise ParseError(f"{path}: unsupported port-object: {line}")
            continue
        if toks[:2] == ["object", "network"] and len(toks) == 3:
            group, service, nat = None, None, True
            continue
        if nat and toks[0] in ("host", "nat"):
            continue
        group, service, nat = None, None, False
        if toks[0] == "access-group":
            continue
        if toks[0] != "access-list" or len(toks) < 3:
            raise ParseError(f"{path}: unexpected line: {line}")
        if toks[2] == "remark":
            continue
        if toks[2] != "extended" or toks[3] != "permit":
            raise ParseError(f"{path}: only 'extended permit' lines are modelled: {line}")
        name, proto = toks[1], toks[4]
        if proto not in ("tcp", "udp"):
            raise ParseError(f"{path}: protocol {proto} not modelled: {line}")
        fw = name.lower().removeprefix("lync-")
        src, sfam, i = asa_address(toks, 5, groups)
        if i < len(toks) and toks[i] in ("eq", "range", "lt", "gt", "neq"):
            raise ParseError(f"{path}: source ports not modelled: {line}")
        dst, dfam, i = asa_address(toks, i, groups)
        rest = toks[i:]
        port_list = None
        if rest[:1] == ["object-group"] and len(rest) >= 2 and rest[1] in services:
            if services[rest[1]][0] != proto:
                raise ParseError(f"{path}: service group of another protocol: {line}")
            port_list, rest = services[rest[1]][1], rest[2:]
            ports = None
        elif rest[:1] == ["eq"] and len(rest) >= 2:
            ports, rest = (asa_port(rest[1]),) * 2, rest[2:]
        elif rest[:1] == ["range"] and len(rest) >= 3:
            ports, rest = (asa_port(rest[1]), asa_port(rest[2])), rest[3:]
        elif rest[:1] == ["gt"] and len(rest) >= 2:
            ports, rest = (asa_port(rest[1]) + 1, 65535), rest[2:]
        elif rest[:1] == ["lt"] and len(rest) >= 2:
            ports, rest = (0, asa_port(rest[1]) - 1), rest[2:]
        else:
            raise ParseError(f"{path}: no destination port: {line}")
        if [t for t in rest if t not in ("log", "disable")]:
            raise ParseError(f"{path}: unsupported trailing options: {line}")
        fams = tuple(sorted(set(sfam) & set(dfam)))
        for each in port_list if port_list is not None else [ports]:
            flows.add(fw, proto, each, src, dst, fams)
    return flows


def network_firewalls(flows):
    """The flows of every network firewall as one, host rules left out (see the top)."""
    out = Flows(flows.label)
    out.units = flows.units
    for (fw, fam, proto, lo, hi), rects in flows.groups.items():
        if fw != "host":
            out.groups[("firewalls", fam, proto, lo, hi)].extend(rects)
    return out


# --------------------------------------------------------------------------- compare


def subtract(xs, ys):
    """Merged interval list xs minus merged interval list ys."""
    out = []
    for lo, hi in xs:
        for ylo, yhi in ys:
            if yhi < lo or ylo > hi:
                continue
            if ylo > lo:
                out.append((lo, ylo - 1))
            lo = yhi + 1
            if lo > hi:
                break
        if lo <= hi:
            out.append((lo, hi))
    return tuple(out)


def diff_pieces(pa, pb):
    """Two canonical groups -> [(dst_lo, dst_hi, sources only in a, sources only in b)]."""
    cuts = sorted({p for lo, hi, _ in pa + pb for p in (lo, hi + 1)})

    def sources(pieces, lo):
        k = bisect.bisect_right(pieces, (lo, float("inf"))) - 1
        return pieces[k][2] if k >= 0 and pieces[k][1] >= lo else ()

    out = []
    for lo, nxt in zip(cuts, cuts[1:]):
        sa, sb = sources(pa, lo), sources(pb, lo)
        if sa == sb:
            continue
        only = (subtract(sa, sb), subtract(sb, sa))
        if out and out[-1][1] + 1 == lo and out[-1][2:] == only:
            out[-1] = (out[-1][0], nxt - 1) + only
        else:
            out.append((lo, nxt - 1) + only)
    return out


def compare(a, b, limit=8):
    """-> list of difference lines (empty when a and b permit the same flows)."""
    ca, cb = a.canonical(), b.canonical()
    out, groups = [], 0
    for key in sorted(set(ca) | set(cb)):
        pa, pb = ca.get(key, ()), cb.get(key, ())
        if pa == pb:
            continue
        groups += 1
        if len(out) >= limit:
            continue
        fw, fam, proto, lo, hi = key
        ports = str(lo) if lo == hi else f"{lo}-{hi}"
        for dlo, dhi, only_a, only_b in diff_pieces(pa, pb):
            if len(out) >= limit:
                break
            line = f"  {fw} IPv{fam} {proto}/{ports} to {show(fam, ((dlo, dhi),))}:"
            if only_a:
                line += f" from {show(fam, only_a)} only in {a.label};"
            if only_b:
                line += f" from {show(fam, only_b)} only in {b.label};"
            out.append(line.rstrip(";"))
    if len(out) >= limit:
        out.append(f"  ... ({groups} firewall/family/proto/port groups differ in all)")
    return out


def stats(flows):
    c = flows.canonical()
    pairs = sum(len(v) for v in c.values())
    return f"{flows.units} rules/lines -> {len(c)} firewall/family/proto/port groups, {pairs} destination pieces"


def cmd_check(args):
    sides = []
    try:
        if args.json:
            sides.append(flows_from_json(args.json))
        sides.append(flows_from_nft(args.ours_nft, "ours nftables"))
        sides.append(flows_from_asa(args.ours_asa, "ours asa"))
        sides.append(flows_from_nft(args.aerleon_nft, "aerleon nftables"))
        sides.append(flows_from_asa(args.aerleon_asa, "aerleon asa"))
    except (ParseError, OSError, KeyError, ValueError) as e:
        print(f"check: cannot parse: {e}")
        return 2
    by = {s.label: s for s in sides}
    pairs = [("ours nftables", "aerleon nftables"), ("ours asa", "aerleon asa"), ("ours nftables", "ours asa")]
    if args.json:
        pairs.insert(0, ("plan (JSON export)", "ours nftables"))
    failed = False
    for x, y in pairs:
        a, b = by[x], by[y]
        if "asa" in x or "asa" in y:
            a, b = network_firewalls(a), network_firewalls(b)
        diff = compare(a, b)
        if diff:
            failed = True
            print(f"check: MISMATCH {x} vs {y}:")
            for line in diff:
                print(line)
        else:
            print(f"check: same flows: {x} == {y}")
    for s in sides:
        print(f"check:   {s.label}: {stats(s)}")
    return 1 if failed else 0


# --------------------------------------------------------------------------- Aerleon inputs


def q(text):
    """A double-quoted string that YAML and the .pol syntax both read back as it is."""
    return '"' + re.sub(r'[^A-Za-z0-9 _.:>/+=@,()-]', "_", text) + '"'


def cmd_inputs(args):
    doc, rules, unresolved = json_rules(args.json)
    nets, svcs = {}, {}
    terms = defaultdict(list)  # firewall -> term dicts
    ipv6 = False

    def net(addresses):
        if addresses == ["any"]:
            return None
        key = tuple(addresses)
        if key not in nets:
            nets[key] = f"NET_{len(nets) + 1:05d}"
        return nets[key]

    dropped = None
    # The Nth rule that crosses a network firewall: the ASA export holds no host rules.
    crossing = [r["id"] for r in rules if r["firewall"] != "host"]
    drop = crossing[args.drop_term % len(crossing)] if args.drop_term is not None and crossing else None
    for n, r in enumerate(rules):
        if r["id"] == drop:
            dropped = r["id"]
            continue
        for a in r["source"]["addresses"] + r["destination"]["addresses"]:
            if a != "any" and ipaddress.ip_network(a, strict=False).version == 6:
                ipv6 = True
        proto, lo, hi = r["transport"], r["port_from"], r["port_to"]
        skey = (proto, lo, hi)
        if skey not in svcs:
            svcs[skey] = f"{proto.upper()}_{lo}" + ("" if lo == hi else f"_{hi}")
        fw = r["firewall"]
        terms[fw].append({
            "name": f"{fw[:3]}-{n:05d}",
            "comment": r["id"],
            "src": net(r["source"]["addresses"]),
            "dst": net(r["destination"]["addresses"]),
            "svc": svcs[skey],
            "proto": proto,
        })
    # Aerleon's "inet" is IPv4 only (nftables table ip), "mixed" is both (table inet).
    family = "mixed" if ipv6 else "inet"
    firewalls = [f for f in FIREWALL_ORDER if f in terms] + sorted(set(terms) - set(FIREWALL_ORDER))

    os.makedirs(os.path.join(args.out, "def"), exist_ok=True)
    os.makedirs(os.path.join(args.out, "policies", "pol"), exist_ok=True)
    if args.format == "yaml":
        with open(os.path.join(args.out, "def", "lync.yaml"), "w", encoding="utf-8") as f:
            f.write("networks:\n")
            for addrs, name in nets.items():
                f.write(f"  {name}:\n    values:\n")
                for a in addrs:
                    f.write(f"      - address: {a}\n")
            f.write("services:\n")
            for (proto, lo, hi), name in svcs.items():
                port = str(lo) if lo == hi else f"{lo}-{hi}"
                f.write(f"  {name}:\n    - port: {port}\n      protocol: {proto}\n")
        with open(os.path.join(args.out, "policies", "pol", "lync.yaml"), "w", encoding="utf-8") as f:
            f.write("filters:\n")
            for fw in firewalls:
                f.write(f"  - header:\n      comment: {q('firewall ' + fw)}\n      targets:\n")
                f.write(f"        nftables: {family} forward\n        ciscoasa: LYNC-{fw.upper()}\n")
                f.write("    terms:\n")
                for t in terms[fw]:
                    f.write(f"      - name: {t['name']}\n        comment: {q(t['comment'])}\n")
                    if t["src"]:
                        f.write(f"        source-address: {t['src']}\n")
                    if t["dst"]:
                        f.write(f"        destination-address: {t['dst']}\n")
                    f.write(f"        destination-port: {t['svc']}\n        protocol: {t['proto']}\n")
                    f.write("        action: accept\n")
    else:
        with open(os.path.join(args.out, "def", "NETWORKS.net"), "w", encoding="utf-8") as f:
            for addrs, name in nets.items():
                f.write(f"{name} = " + "\n    ".join(addrs) + "\n\n")
        with open(os.path.join(args.out, "def", "SERVICES.svc"), "w", encoding="utf-8") as f:
            for (proto, lo, hi), name in svcs.items():
                port = str(lo) if lo == hi else f"{lo}-{hi}"
                f.write(f"{name} = {port}/{proto}\n")
        with open(os.path.join(args.out, "policies", "pol", "lync.pol"), "w", encoding="utf-8") as f:
            for fw in firewalls:
                f.write(f"header {{\n  comment:: {q('firewall ' + fw)}\n")
                f.write(f"  target:: nftables {family} forward\n  target:: ciscoasa LYNC-{fw.upper()}\n}}\n\n")
                for t in terms[fw]:
                    f.write(f"term {t['name']} {{\n  comment:: {q(t['comment'])}\n")
                    if t["src"]:
                        f.write(f"  source-address:: {t['src']}\n")
                    if t["dst"]:
                        f.write(f"  destination-address:: {t['dst']}\n")
                    f.write(f"  destination-port:: {t['svc']}\n  protocol:: {t['proto']}\n")
                    f.write("  action:: accept\n}\n\n")
    total = sum(len(v) for v in terms.values())
    print(
        f"inputs: {total} terms in {len(firewalls)} filters ({', '.join(firewalls)}), "
        f"{len(nets)} networks, {len(svcs)} services, format {args.format}, nftables family {family}"
        + (f", {unresolved} unresolved rules left out" if unresolved else "")
        + (f", term for rule {dropped} DROPPED (self-test)" if dropped else "")
    )
    return 0


def cmd_flows(args):
    _, rules, _ = json_rules(args.json)
    print(len(rules))
    return 0


# --------------------------------------------------------------------------- summary


def read_times(path):
    with open(path, encoding="utf-8") as f:
        return [float(x) for x in f.read().split()]


def cmd_summary(args):
    ours, aer = read_times(args.ours_times), read_times(args.aerleon_times)
    mo, ma = statistics.median(ours), statistics.median(aer)
    fmt = lambda ts: ", ".join(f"{t:.3f}" for t in ts)  # noqa: E731
    print(f"ours    median {mo:.3f} s over {len(ours)} runs (runs: {fmt(ours)})")
    print(f"aerleon median {ma:.3f} s over {len(aer)} runs (runs: {fmt(aer)})")
    print(f"ratio: aerleon/ours = {ma / mo:.1f}x ({args.flows} flows)")
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("inputs")
    s.add_argument("json")
    s.add_argument("out")
    s.add_argument("--format", choices=("yaml", "pol"), default="yaml")
    s.add_argument("--drop-term", type=int, help="leave out the term of the Nth rule that crosses a firewall (self-test)")
    s.set_defaults(func=cmd_inputs)
    s = sub.add_parser("check")
    s.add_argument("--json", help="our JSON export: also check ours nftables against the plan")
    s.add_argument("--ours-nft", required=True)
    s.add_argument("--ours-asa", required=True)
    s.add_argument("--aerleon-nft", required=True)
    s.add_argument("--aerleon-asa", required=True)
    s.set_defaults(func=cmd_check)
    s = sub.add_parser("flows", help="number of resolved rules in our JSON export")
    s.add_argument("json")
    s.set_defaults(func=cmd_flows)
    s = sub.add_parser("summary")
    s.add_argument("--ours-times", required=True)
    s.add_argument("--aerleon-times", required=True)
    s.add_argument("--flows", required=True)
    s.set_defaults(func=cmd_summary)
    args = p.parse_args()
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
