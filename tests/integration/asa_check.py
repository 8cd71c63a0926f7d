"""Reads ASA exports with ciscoconfparse2 (its ASA models parse every access-list line, object
group and object) and checks them against Cisco's documented grammar: every ACE is
`access-list NAME extended {permit|deny} PROTO SRC DST [eq PORT|range A B|object-group SVC]`,
every object group an ACE names is defined above it in its firewall's section with the right
kind, every ACL is bound by one `access-group NAME in interface IF`, every NAT object is
`object network` + `host` + `nat (REAL,MAPPED) static PUBLIC`. Prints one JSON object per
file (counts) or exits 1 with the problems."""

import ipaddress
import json
import re
import sys
import warnings

from ciscoconfparse2 import CiscoConfParse

# Quiet: factory=True (the ASA models) is deprecated, and the package logs that on stderr.
warnings.filterwarnings("ignore")
try:
    from loguru import logger

    logger.remove()
except ImportError:
    pass

NAME = r"[A-Za-z0-9_.-]{1,64}"
IFNAME = r"[A-Za-z0-9_./-]{1,48}"
ADDR = (
    rf"(?:any4|any6|any|host \S+|\d+\.\d+\.\d+\.\d+ \d+\.\d+\.\d+\.\d+|[0-9A-Fa-f:.]+/\d+"
    rf"|object-group {NAME}|object {NAME})"
)
PORT = rf"(?:eq \d+|range \d+ \d+|object-group {NAME})"
ACE = re.compile(
    rf"^access-list ({NAME}) extended (permit|deny) (tcp|udp|ip|icmp) ({ADDR}) ({ADDR})(?: ({PORT}))?$"
)
REMARK = re.compile(rf"^access-list ({NAME}) remark (.{{1,100}})$")
GROUP = re.compile(rf"^object-group (network|service) ({NAME})(?: (tcp|udp|tcp-udp))?$")
GROUP_NET = re.compile(r"^ network-object (host \S+|\S+ \S+|\S+/\d+)$")
GROUP_PORT = re.compile(r"^ port-object (eq \d+|range \d+ \d+)$")
OBJECT = re.compile(rf"^object network ({NAME})$")
OBJ_HOST = re.compile(r"^ host (\S+)$")
OBJ_NAT = re.compile(rf"^ nat \(({IFNAME}),({IFNAME})\) static (\S+)$")
BIND = re.compile(rf"^access-group ({NAME}) in interface ({IFNAME})$")


def check_address(text, problems, where):
    """A host, an IPv4 network with a contiguous mask or an IPv6 prefix."""
    try:
        if text.startswith("host "):
            ipaddress.ip_address(text[5:])
        elif "/" in text:
            ipaddress.IPv6Network(text)
        elif " " in text:
            addr, mask = text.split(" ")
            ipaddress.IPv4Network(f"{addr}/{mask}")
    except ValueError as e:
        problems.append(f"{where}: bad address {text!r}: {e}")


def check_port(text, problems, where):
    numbers = [int(n) for n in text.split()[1:]]
    if not all(1 <= n <= 65535 for n in numbers) or numbers != sorted(numbers):
        problems.append(f"{where}: bad port {text!r}")


def check(path):
    problems = []
    text = open(path, encoding="utf-8").read()
    # The parser: its ASA models raise on an access-list line they cannot read.
    parse = CiscoConfParse(text.splitlines(), syntax="asa", factory=True)
    kinds = {}
    for obj in parse.objs:
        kind = type(obj).__name__
        kinds[kind] = kinds.get(kind, 0) + 1
        if kind == "ASAObjGroupNetwork":
            obj.networks  # noqa: B018 (parses every member)
        elif kind == "ASAObjGroupService":
            obj.ports  # noqa: B018
        elif kind == "ASAAclLine" and obj.result_dict["action"] in ("permit", "deny"):
            if not obj.result_dict["src_addr_method"] or not obj.result_dict["dst_addr_method"]:
                problems.append(f"{path}: ciscoconfparse2 found no addresses in {obj.text!r}")
    counts = {"aces": 0, "remarks": 0, "acls": 0, "groups": 0, "nat": 0, "sections": 0}
    # Each firewall's section stands alone: what it names, it defines, and binds.
    sections = re.split(r"(?m)^(?=! Firewall )", text)
    for s, section in enumerate(sections):
        groups = {}
        acls = []
        bound = {}
        interfaces = set()
        parent = None
        for n, line in enumerate(section.splitlines(), 1):
            where = f"{path} section {s} line {n}"
            if line.startswith("!"):
                parent = None
                continue
            if line.startswith(" "):
                if parent is None:
                    problems.append(f"{where}: indented line outside an object: {line!r}")
                elif parent[0] == "network":
                    m = GROUP_NET.match(line)
                    if not m:
                        problems.append(f"{where}: not a network-object: {line!r}")
                    else:
                        check_address(m.group(1), problems, where)
                elif parent[0] == "service":
                    m = GROUP_PORT.match(line)
                    if not m:
                        problems.append(f"{where}: not a port-object: {line!r}")
                    else:
                        check_port(m.group(1), problems, where)
                elif parent[0] == "object":
                    host, nat = OBJ_HOST.match(line), OBJ_NAT.match(line)
                    if host:
                        ipaddress.ip_address(host.group(1))
                    elif nat:
                        ipaddress.ip_address(nat.group(3))
                        interfaces.update([nat.group(1), nat.group(2)])
                        counts["nat"] += 1
                    else:
                        problems.append(f"{where}: not a NAT object line: {line!r}")
                continue
            parent = None
            if m := GROUP.match(line):
                if m.group(2) in groups:
                    problems.append(f"{where}: {m.group(2)} defined twice")
                groups[m.group(2)] = (m.group(1), m.group(3))
                parent = (m.group(1), m.group(2))
                counts["groups"] += 1
            elif m := OBJECT.match(line):
                parent = ("object", m.group(1))
            elif m := REMARK.match(line):
                if m.group(1) not in acls:
                    acls.append(m.group(1))
                counts["remarks"] += 1
            elif m := ACE.match(line):
                name, _, proto, src, dst, port = m.groups()
                if name not in acls:
                    acls.append(name)
                counts["aces"] += 1
                for end in (src, dst):
                    if end.startswith("object-group "):
                        g = end.split(" ")[1]
                        if groups.get(g, ("",))[0] != "network":
                            problems.append(f"{where}: network group {g} not defined above")
                    else:
                        check_address(end, problems, where)
                if port and port.startswith("object-group "):
                    g = port.split(" ")[1]
                    if groups.get(g) != ("service", proto):
                        problems.append(f"{where}: {proto} service group {g} not defined above")
                elif port:
                    check_port(port, problems, where)
            elif m := BIND.match(line):
                name, interface = m.groups()
                if name not in acls:
                    problems.append(f"{where}: access-group binds {name}, which has no lines above")
                if interface in bound.values():
                    problems.append(f"{where}: a second ACL bound to {interface}")
                bound[name] = interface
            else:
                problems.append(f"{where}: not in the documented grammar: {line!r}")
        for name in acls:
            if name not in bound:
                problems.append(f"{path} section {s}: ACL {name} is bound by no access-group")
        header = section.splitlines()[0] if section else ""
        for interface in sorted(interfaces):
            if f" {interface} (" not in header:
                problems.append(f"{path} section {s}: NAT names interface {interface} the section does not list")
        counts["acls"] += len(acls)
        counts["sections"] += s > 0
    return problems, counts


def main():
    problems = []
    out = {}
    for path in sys.argv[1:]:
        try:
            found, counts = check(path)
        except Exception as e:  # noqa: BLE001 (the parser's refusals come as several types)
            found, counts = [f"{path}: ciscoconfparse2: {type(e).__name__} {e}"], {}
        problems += found
        out[path] = counts
    if problems:
        print("\n".join(problems[:50]), file=sys.stderr)
        sys.exit(1)
    print(json.dumps(out))


main()
