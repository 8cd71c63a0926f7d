//! The Windows Firewall script against Microsoft's rows: a row's traffic is allowed inbound on
//! each server that receives it (each member behind a VIP the row names) and, when it goes to
//! Any, outbound on each server that sends it, in that server's block, on its own address.

use lync_port_planner::catalog::{Catalog, Scope};
use lync_port_planner::rules::{self, Rule, RuleEnd};

use super::all_checks;
use crate::powershell::{host_blocks, new_rules, param, script};

/// `(computer, address)` of each server of `end`'s node that holds `kind`.
fn servers(check: &super::Check, end: &RuleEnd, kind: &str) -> Vec<(String, String)> {
    let node = &check.plan.nodes[end.node.as_ref().unwrap()];
    (node.members.iter())
        .filter_map(|m| Some((m.name.clone(), m.addresses.get(kind)?.to_string())))
        .collect()
}

/// Where `rule` must be written: (computer, address, inbound).
fn expected(catalog: &Catalog, check: &super::Check, rule: &Rule) -> Vec<(String, String, bool)> {
    let (source, dest) = (&*rule.source, &*rule.destination);
    let mut places = Vec::new();
    if dest.is_host {
        places.extend(
            servers(check, dest, &dest.endpoint)
                .into_iter()
                .map(|(c, a)| (c, a, true)),
        );
    } else if (catalog
        .role(&dest.role)
        .and_then(|r| r.endpoint(&dest.endpoint)))
    .is_some_and(|e| e.scope == Scope::Vip)
    {
        let kind = catalog
            .vip_members(&dest.role, &dest.endpoint)
            .unwrap_or_else(|| panic!("{}: no members behind {}", rule.id(), dest.endpoint));
        places.extend(
            servers(check, dest, kind)
                .into_iter()
                .map(|(c, a)| (c, a, true)),
        );
    }
    if !dest.is_host && source.is_host {
        places.extend(
            servers(check, source, &source.endpoint)
                .into_iter()
                .map(|(c, a)| (c, a, false)),
        );
    }
    places
}

#[test]
fn every_row_is_allowed_on_the_servers_that_receive_it() {
    let catalog = Catalog::builtin().unwrap();
    let (mut checked, mut failures) = (0, Vec::new());
    for check in all_checks() {
        let set = rules::derive(&check.plan, &catalog);
        let text = script(&check.plan);
        let blocks = host_blocks(&text);
        for row in &check.rows {
            for rule in set.rules.iter().filter(|r| row.is_met_by(r)) {
                let places = expected(&catalog, &check, rule);
                if places.is_empty() {
                    // A network or Any on both ends: the network firewall's.
                    assert!(!rule.source.is_host && !rule.destination.is_host, "{row}");
                    continue;
                }
                for (computer, address, inbound) in places {
                    checked += 1;
                    let found = blocks.get(&computer).is_some_and(|lines| {
                        new_rules(lines).iter().any(|l| {
                            l.contains(&format!("-DisplayName 'Lync {}' ", rule.id()))
                                && l.contains(if inbound {
                                    "-Direction Inbound "
                                } else {
                                    "-Direction Outbound "
                                })
                                && param(l, if inbound { "-LocalPort" } else { "-RemotePort" })
                                    == rule.ports.join("-")
                                && l.contains(&format!(
                                    "-Protocol {} ",
                                    rule.transport.as_str().to_uppercase()
                                ))
                                && param(l, "-LocalAddress") == address
                                && param(l, "-Description").contains(&format!(
                                    "({} -> {}",
                                    rule.source.label, rule.destination.label
                                ))
                        })
                    });
                    if !found {
                        failures.push(format!(
                            "{row} [plan {}]: {} not {} on {computer} ({address})",
                            check.plan.name,
                            rule.id(),
                            if inbound { "inbound" } else { "outbound" }
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 300, "{checked} placements checked");
}
