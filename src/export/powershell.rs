//! Windows Firewall as a script an administrator runs on every server of the plan, and again
//! after a change: one block per computer, guarded by `$env:COMPUTERNAME`; every rule has a
//! `-Name` derived from its id, is removed and added again, and a block first removes the rules
//! of our group its host no longer needs. With a GPO the rules go once into the GPO instead.
//! Inbound rules go on each receiving server (the members behind a load balancer's VIP too),
//! outbound rules on a source server whose peer is not a server (Any, a VIP). User text is only
//! ever in single-quoted literals and ASCII comments.

use std::collections::BTreeMap;

use super::Report;
use super::text::{ascii_comment, error_comment};
use crate::escape::one_line;
use crate::net::IpNet;
use crate::plan::{Member, Node};
use crate::rules::{Addresses, Rule, RuleEnd};
use crate::topology::Zone;

mod store;

pub use store::{Gpo, InvalidGpo, PolicyStore};

/// Our rules' group: the stale-rule cleanup removes only rules of this group.
const GROUP: &str = "Lync Port Planner";

/// The script for `store`; `complete` is false for a scoped export (`--firewall`, `--nodes`),
/// which holds only part of each host's rules and so removes no rule it does not name.
pub(super) fn render(report: &Report<'_>, store: &PolicyStore, complete: bool) -> String {
    let mut out = error_comment(report.findings, "#");
    header(&mut out, report, store, complete);
    let mut blocks: BTreeMap<String, Block<'_>> = BTreeMap::new();
    let mut skipped = String::new();
    for rule in &report.rules.rules {
        let places = placements(report, rule);
        if let Err(why) = &places {
            skipped.push_str(&format!("# {}\n# {why}\n", rule_line(rule)));
        }
        for place in places.into_iter().flatten() {
            let key = match store {
                PolicyStore::Local => computer_name(&place.member.name).to_uppercase(),
                PolicyStore::Gpo(_) => String::new(),
            };
            blocks.entry(key).or_default().add(place);
        }
    }
    if !skipped.is_empty() {
        out.push_str("\n# ---- Not written as Windows Firewall rules (each says why)\n");
        out.push_str(&skipped);
    }
    match store {
        PolicyStore::Local => {
            for block in blocks.values() {
                block.write_guarded(&mut out, complete);
            }
            out.push_str("\nif (-not $matched) { Write-Warning 'No block of this script is for this computer: nothing was changed.' }\n");
        }
        PolicyStore::Gpo(gpo) => {
            out.push_str(&format!(
                "\n# ---- GPO {}: every rule once; -LocalAddress keeps it to its servers\n",
                ascii_comment(gpo.as_str(), 200)
            ));
            let empty = Block::default();
            blocks
                .get("")
                .unwrap_or(&empty)
                .write_body(&mut out, "", complete);
            out.push_str("Save-NetGPO -GPOSession $gpo\n");
        }
    }
    out
}

fn header(out: &mut String, report: &Report<'_>, store: &PolicyStore, complete: bool) {
    out.push_str(&format!(
        "# Lync Port Planner: Windows Firewall rules for plan {}\n",
        ascii_comment(&report.rules.plan, 100)
    ));
    out.push_str(&format!("# Product: {}\n", report.plan.product.name()));
    out.push_str(&format!(
        "# Catalog {}. Every rule is an Allow rule named LPP-... in group '{GROUP}'.\n",
        ascii_comment(&report.rules.catalog, 60)
    ));
    match store {
        PolicyStore::Local => out.push_str(
            "# Run the whole script on each server of the plan, in an elevated PowerShell: a block runs\n\
             # only on the computer it names ($env:COMPUTERNAME, any case) and skips the others.\n",
        ),
        PolicyStore::Gpo(_) => out.push_str(
            "# Run it once, on a domain member, in an elevated PowerShell, as a user who may edit the GPO;\n\
             # the rules reach the servers the GPO applies to.\n",
        ),
    }
    if complete {
        out.push_str(
            "# Running it again changes nothing: each rule is removed and added again by its -Name, and\n\
             # rules of the group the plan no longer has are removed.\n",
        );
    } else {
        out.push_str(
            "# A part of the plan (--firewall or --nodes): each rule is removed and added again by its\n\
             # -Name; rules of the group this script does not name are kept.\n",
        );
    }
    out.push_str(
        "# -Profile Domain on internal servers (domain members), Any on the others (a perimeter server\n\
         # is usually in a workgroup, its networks Public or Private). A load balancer's VIP traffic is\n\
         # allowed on each member; if the load balancer translates the source (SNAT), allow its own\n\
         # address instead of -RemoteAddress.\n\
         #Requires -RunAsAdministrator\n\
         $ErrorActionPreference = 'Stop'\n",
    );
    out.push_str(&format!("$group = {}\n", quote(GROUP)));
    match store {
        PolicyStore::Local => {
            out.push_str("$store = @{ PolicyStore = 'PersistentStore' }\n$matched = $false\n");
        }
        PolicyStore::Gpo(gpo) => out.push_str(&format!(
            "$gpo = Open-NetGPO -PolicyStore {}\n$store = @{{ GPOSession = $gpo }}\n",
            quote(gpo.as_str())
        )),
    }
}

/// One Windows Firewall rule on one server.
struct Placement<'a> {
    rule: &'a Rule,
    inbound: bool,
    node: &'a Node,
    member: &'a Member,
    address: IpNet,
    /// The load balancer's VIP the traffic goes to (behind it, or from a source server).
    vip: Option<IpNet>,
}

/// Where a rule is written, or why it is not.
fn placements<'a>(report: &Report<'a>, rule: &'a Rule) -> Result<Vec<Placement<'a>>, String> {
    let id = ascii_comment(&rule.id().to_string(), 100);
    if rule.is_unresolved() {
        return Err(format!(
            "UNRESOLVED: not written until every address is filled in ({})",
            ascii_comment(&missing(rule), 200)
        ));
    }
    if rule.is_mixed_family() {
        return Err(super::text::mixed_family_note(&id));
    }
    let (dest, source) = (&*rule.destination, &*rule.source);
    let mut places = Vec::new();
    if dest.is_host {
        places.extend(
            members(report, dest, &dest.endpoint).map(|(node, member, address)| Placement {
                rule,
                inbound: true,
                node,
                member,
                address,
                vip: None,
            }),
        );
    } else if let Some(vip) = vip_of(report, dest)
        && let Some(kind) = report.catalog.vip_members(&dest.role, &dest.endpoint)
    {
        places.extend(
            members(report, dest, kind).map(|(node, member, address)| Placement {
                rule,
                inbound: true,
                node,
                member,
                address,
                vip: Some(vip),
            }),
        );
    }
    if !dest.is_host && source.is_host {
        places.extend(
            members(report, source, &source.endpoint).map(|(node, member, address)| Placement {
                rule,
                inbound: false,
                node,
                member,
                address,
                vip: vip_of(report, dest),
            }),
        );
    }
    if places.is_empty() {
        return Err("Not a host rule (a load balancer VIP, a network or Any on both ends): configure it on the network firewall.".to_owned());
    }
    Ok(places)
}

/// The address of a load balancer's VIP when `end` is one.
fn vip_of(report: &Report<'_>, end: &RuleEnd) -> Option<IpNet> {
    let kind = report.catalog.role(&end.role)?.endpoint(&end.endpoint)?;
    match &end.addresses {
        Addresses::List(list) if kind.scope == crate::catalog::Scope::Vip => list.first().copied(),
        _ => None,
    }
}

/// The members of an end's node that have an address of `kind`, with it.
fn members<'a>(
    report: &Report<'a>,
    end: &RuleEnd,
    kind: &str,
) -> impl Iterator<Item = (&'a Node, &'a Member, IpNet)> + use<'a> {
    let node = end.node.as_ref().and_then(|id| report.plan.nodes.get(id));
    let kind = kind.to_owned();
    node.into_iter().flat_map(move |node| {
        let kind = kind.clone();
        node.members
            .iter()
            .filter_map(move |m| Some((&**node, m, *m.addresses.get(kind.as_str())?)))
    })
}

/// The rules of one computer (or of the GPO), each once by name, in rule order.
#[derive(Default)]
struct Block<'a> {
    /// The computer name as the first of its servers spells it (blocks are by name in any case).
    computer: String,
    servers: Vec<(&'a str, &'a str)>,
    commands: Vec<Command<'a>>,
    by_name: BTreeMap<String, usize>,
}

struct Command<'a> {
    name: String,
    place: Placement<'a>,
    local: Vec<IpNet>,
}

impl<'a> Block<'a> {
    fn add(&mut self, place: Placement<'a>) {
        if self.servers.is_empty() {
            self.computer = computer_name(&place.member.name);
        }
        let server = (place.node.label.as_str(), place.member.name.as_str());
        if !self.servers.contains(&server) {
            self.servers.push(server);
        }
        let name = rule_name(place.rule, place.inbound);
        if let Some(&i) = self.by_name.get(&name) {
            let local = &mut self.commands[i].local;
            if !local.contains(&place.address) {
                local.push(place.address);
            }
            return;
        }
        self.by_name.insert(name.clone(), self.commands.len());
        self.commands.push(Command {
            name,
            local: vec![place.address],
            place,
        });
    }

    fn write_guarded(&self, out: &mut String, complete: bool) {
        let computer = self.computer.as_str();
        let servers: Vec<String> = (self.servers.iter())
            .map(|(node, member)| format!("{node}: {member}"))
            .collect();
        out.push_str(&format!(
            "\n# ---- {}\n",
            ascii_comment(&servers.join("; "), 200)
        ));
        if !is_computer_name(computer) {
            out.push_str("# WARNING: the server name is no Windows computer name: this block runs nowhere; fix the member's name\n");
        }
        out.push_str(&format!(
            "if ($env:COMPUTERNAME -ieq {}) {{\n    $matched = $true\n",
            quote(computer)
        ));
        self.write_body(out, "    ", complete);
        out.push_str("}\n");
    }

    fn write_body(&self, out: &mut String, indent: &str, complete: bool) {
        if complete {
            out.push_str(&format!("{indent}$names = @(\n"));
            for c in &self.commands {
                out.push_str(&format!("{indent}    {}\n", quote(&c.name)));
            }
            out.push_str(&format!("{indent})\n"));
            out.push_str(&format!("{indent}$stale = @(Get-NetFirewallRule @store -Group $group -ErrorAction SilentlyContinue | Where-Object {{ $names -notcontains $_.Name }} | ForEach-Object {{ $_.Name }})\n"));
            out.push_str(&format!(
                "{indent}if ($stale.Count -gt 0) {{ Remove-NetFirewallRule @store -Name $stale }}\n"
            ));
        }
        for c in &self.commands {
            c.write(out, indent);
        }
    }
}

impl Command<'_> {
    fn write(&self, out: &mut String, indent: &str) {
        let Placement {
            rule, inbound, vip, ..
        } = &self.place;
        let dest = &rule.destination;
        let to = match vip {
            Some(vip) if *inbound => format!(
                "{} VIP {vip}, forwarded to each member by the load balancer",
                dest.label
            ),
            Some(vip) => format!("{} VIP {vip}", dest.label),
            None => dest.label.to_string(),
        };
        let ends = format!("{} -> {to}", rule.source.label);
        out.push_str(&format!(
            "{indent}# {}: {}\n",
            rule_line(rule),
            ascii_comment(&ends, 200)
        ));
        let name = quote(&self.name);
        out.push_str(&format!(
            "{indent}Remove-NetFirewallRule @store -Name {name} -ErrorAction SilentlyContinue\n"
        ));
        let (direction, port, remote) = if *inbound {
            ("Inbound", "-LocalPort", &rule.source.addresses)
        } else {
            ("Outbound", "-RemotePort", &rule.destination.addresses)
        };
        let profile = if self.place.node.zone == Zone::Internal {
            "Domain"
        } else {
            "Any"
        };
        let local: Vec<String> = self.local.iter().map(|a| quote(&a.to_string())).collect();
        out.push_str(&format!(
            "{indent}New-NetFirewallRule @store -Name {name} -DisplayName {} -Group $group -Description {} -Direction {direction} -Profile {profile} -Action Allow -Protocol {} {port} {} -LocalAddress {} -RemoteAddress {}\n",
            quote(&format!("Lync {}", rule.id())),
            quote(&format!("{} ({ends})", rule.notes().en)),
            rule.transport.as_str().to_uppercase(),
            quote(&rule.ports.join("-")),
            local.join(","),
            addr_arg(remote),
        ));
    }
}

/// `id | application tcp/443` as ASCII, the comment that names a rule.
fn rule_line(rule: &Rule) -> String {
    format!(
        "{} | {} {}/{}",
        ascii_comment(&rule.id().to_string(), 100),
        ascii_comment(rule.application(), 30),
        rule.transport.as_str(),
        rule.ports
    )
}

/// The rule's `-Name`: `LPP-`, the id in letters, digits, `-`, `_` and `.` (`:` and `>` become
/// `.`, anything else `_`), a hash of the exact id (the readable part may repeat, the id does
/// not) and the direction. Deterministic, and nothing in it can end a quoted string.
pub(super) fn rule_name(rule: &Rule, inbound: bool) -> String {
    let id = rule.id().as_str();
    let readable: String = (id.chars())
        .map(|c| match c {
            c if c.is_ascii_alphanumeric() || c == '-' || c == '_' => c,
            ':' | '>' => '.',
            _ => '_',
        })
        .take(120)
        .collect();
    // FNV-1a: stable across builds and platforms, unlike the standard library's hasher.
    let hash = (id.bytes()).fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    let direction = if inbound { "in" } else { "out" };
    format!("LPP-{readable}-{:08x}-{direction}", hash >> 32)
}

/// The name `$env:COMPUTERNAME` holds for a server: its NetBIOS name, the host name before the
/// first dot, at most 15 characters.
fn computer_name(name: &str) -> String {
    let host = one_line(name);
    let host = host.trim();
    host.split('.')
        .next()
        .unwrap_or("")
        .chars()
        .take(15)
        .collect()
}

fn is_computer_name(name: &str) -> bool {
    !name.is_empty() && (name.chars()).all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn missing(rule: &Rule) -> String {
    rule.source
        .missing
        .iter()
        .chain(&rule.destination.missing)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

fn addr_arg(addresses: &Addresses) -> String {
    match addresses {
        Addresses::Any => "Any".to_owned(),
        Addresses::List(l) => l
            .iter()
            .map(|a| quote(&a.to_string()))
            .collect::<Vec<_>>()
            .join(","),
    }
}

/// A PowerShell single-quoted literal. PowerShell also treats the typographic quotes
/// U+2018..U+201B as single quotes, so each is doubled like `'`; line breaks become spaces.
pub(super) fn quote(text: &str) -> String {
    let mut out = String::from("'");
    for c in one_line(text).chars() {
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn quotes_cannot_be_escaped() {
        assert_eq!(
            super::quote("'; Remove-Item -Recurse C:\\ #"),
            "'''; Remove-Item -Recurse C:\\ #'"
        );
        assert_eq!(super::quote("a\u{2019}b\nc"), "'a\u{2019}\u{2019}b c'");
    }

    #[test]
    fn computer_names_are_netbios_names() {
        assert_eq!(super::computer_name("fe01.corp.contoso.com"), "fe01");
        assert_eq!(
            super::computer_name("averyveryverylongname.corp"),
            "averyveryverylo"
        );
        assert!(super::is_computer_name("FE-01"));
        assert!(!super::is_computer_name("fe 01"));
        assert!(!super::is_computer_name(""));
    }
}
