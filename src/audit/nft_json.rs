//! `nft -j list ruleset`: the JSON objects in the `nftables` array (tables, chains, sets, rules),
//! read with serde_json. The output has no lines: a rule's "line" is its position in that array
//! (1-based), and messages name the array index and the rule's chain and handle.

use serde_json::Value;

use super::Families;
use super::chains::{Chain, Cond, Spec, Table, Verdict};
use super::csv::CsvError;
use super::nft_match::{Key, Sets, apply};

/// An error at an object of the array; no line (the output is one line).
fn err(position: usize, message: impl Into<String>) -> CsvError {
    CsvError {
        line: 0,
        message: format!(
            "nftables[{}]: {}",
            position.saturating_sub(1),
            message.into()
        ),
    }
}

/// The families of a table, or `None` for one the audit does not read (`arp`, `bridge`,
/// `netdev`).
pub(super) fn families(family: &str) -> Option<Families> {
    let (v4, v6) = match family {
        "ip" => (true, false),
        "ip6" => (false, true),
        "inet" => (true, true),
        _ => return None,
    };
    Some(Families { v4, v6 })
}

fn text(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// The tables of the ruleset with their chains and rules.
pub(super) fn parse(input: &str) -> Result<Vec<Table>, CsvError> {
    let root: Value = serde_json::from_str(input).map_err(|e| CsvError {
        // serde_json names the line after the last for an early end.
        line: e.line().min(input.lines().count().max(1)),
        message: format!("not nft JSON: {}", super::clip(&e.to_string())),
    })?;
    let Some(items) = root.get("nftables").and_then(Value::as_array) else {
        return Err(CsvError {
            line: 1,
            message: "no `nftables` array: is this `nft -j list ruleset` output?".into(),
        });
    };
    if items.len() > super::MAX_AUDIT_ROWS {
        return Err(err(super::MAX_AUDIT_ROWS, super::import::too_many()));
    }
    let mut tables: Vec<(String, Table)> = Vec::new();
    let mut sets: Vec<(String, String, Sets)> = Vec::new();
    let find = |tables: &mut Vec<(String, Table)>, o: &Value| -> Option<usize> {
        let (f, t) = (text(o, "family"), text(o, "table"));
        tables
            .iter()
            .position(|(fam, tb)| *fam == f && tb.name == t)
    };
    // Tables and sets first: rules name sets, and nft lists a table's sets before its chains,
    // but nothing here relies on that.
    for item in items {
        if let Some(t) = item.get("table") {
            let family = text(t, "family");
            if let Some(families) = families(&family) {
                let table = Table {
                    name: text(t, "name"),
                    families,
                    chains: Vec::new(),
                };
                tables.push((family, table));
            }
        } else if let Some(s) = item.get("set") {
            let elems = (s.get("elem").and_then(Value::as_array))
                .map(|list| list.iter().map(element).collect::<Vec<_>>())
                .unwrap_or_default();
            let key = (text(s, "family"), text(s, "table"));
            if !sets.iter().any(|(f, t, _)| (f, t) == (&key.0, &key.1)) {
                sets.push((key.0.clone(), key.1.clone(), Sets::new()));
            }
            if let Some((_, _, map)) = sets.iter_mut().find(|(f, t, _)| (f, t) == (&key.0, &key.1))
            {
                map.insert(text(s, "name"), elems);
            }
        }
    }
    let no_sets = Sets::new();
    for (i, item) in items.iter().enumerate() {
        let position = i + 1;
        if let Some(c) = item.get("chain") {
            let Some(at) = find(&mut tables, c) else {
                continue;
            };
            tables[at].1.chains.push(Chain {
                name: text(c, "name"),
                line: position,
                hook: c.get("hook").and_then(Value::as_str).map(str::to_owned),
                policy: c
                    .get("hook")
                    .map(|_| c.get("policy").and_then(Value::as_str) != Some("drop")),
                rules: Vec::new(),
            });
        } else if let Some(r) = item.get("rule") {
            let Some(at) = find(&mut tables, r) else {
                continue;
            };
            let (family, table) = (text(r, "family"), text(r, "table"));
            let sets = (sets.iter())
                .find(|(f, t, _)| *f == family && *t == table)
                .map_or(&no_sets, |(_, _, s)| s);
            let t = &mut tables[at].1;
            let spec = rule(r, position, t.families, sets)?;
            let chain = text(r, "chain");
            let Some(c) = t.chains.iter_mut().find(|c| c.name == chain) else {
                return Err(err(
                    position,
                    format!(
                        "a rule of chain `{}`, which is not listed before it",
                        super::clip(&chain)
                    ),
                ));
            };
            c.rules.push(spec);
        }
    }
    Ok(tables.into_iter().map(|(_, t)| t).collect())
}

/// A value as the text the matches read: `10.0.0.0/8`, `1000-2000`, `443`, `@set`.
fn element(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Object(o) => {
            if let Some(p) = o.get("prefix") {
                format!("{}/{}", text(p, "addr"), text(p, "len"))
            } else if let Some(Value::Array(r)) = o.get("range") {
                let ends: Vec<String> = r.iter().map(element).collect();
                ends.join("-")
            } else if let Some(e) = o.get("elem") {
                e.get("val").map_or_else(String::new, element)
            } else {
                // A concatenation or anything else: no value the audit reads.
                "?".into()
            }
        }
        _ => "?".into(),
    }
}

/// The values of a match's right-hand side.
fn elements(v: &Value) -> Vec<String> {
    match v {
        Value::Array(list) => list.iter().map(element).collect(),
        Value::Object(o) if o.contains_key("set") => o
            .get("set")
            .and_then(Value::as_array)
            .map(|l| l.iter().map(element).collect())
            .unwrap_or_default(),
        other => vec![element(other)],
    }
}

/// Statements that neither match nor decide.
const GOES_ON: [&str; 9] = [
    "counter",
    "log",
    "mangle",
    "notrack",
    "nat",
    "snat",
    "dnat",
    "masquerade",
    "redirect",
];

fn rule(r: &Value, position: usize, families: Families, sets: &Sets) -> Result<Spec, CsvError> {
    let mut cond = Cond::all(families);
    let mut verdict = Verdict::Next;
    let exprs = r
        .get("expr")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let handle = text(r, "handle");
    let at = || format!("chain {} handle {handle}", super::clip(&text(r, "chain")));
    for e in &exprs {
        let Some((name, body)) = e.as_object().and_then(|o| o.iter().next()) else {
            continue;
        };
        match name.as_str() {
            "match" => {
                let left = body.get("left").unwrap_or(&Value::Null);
                let key = left
                    .get("payload")
                    .map(|p| (text(p, "protocol"), text(p, "field")))
                    .or_else(|| left.get("meta").map(|m| ("meta".into(), text(m, "key"))))
                    .or_else(|| left.get("ct").map(|m| ("ct".into(), text(m, "key"))))
                    .and_then(|(p, f)| Key::of(&p, &f));
                let op = text(body, "op");
                let right = elements(body.get("right").unwrap_or(&Value::Null));
                let followed = key.map(|k| apply(&mut cond, k, &op, &right, sets));
                match followed {
                    Some(Ok(())) => {}
                    Some(Err(why)) if why.starts_with("set ") => {
                        return Err(err(position, format!("{}: {why}", at())));
                    }
                    _ => cond.unjudged.push(super::clip(&format!(
                        "{} {op} {}",
                        short(left),
                        right.join(",")
                    ))),
                }
            }
            "accept" => verdict = Verdict::Accept,
            "drop" | "reject" => verdict = Verdict::Drop,
            "return" => verdict = Verdict::Return,
            "continue" => verdict = Verdict::Next,
            "jump" => verdict = Verdict::Jump(text(body, "target")),
            "goto" => verdict = Verdict::Goto(text(body, "target")),
            n if GOES_ON.contains(&n) => {}
            // A verdict map, a queue, a rate limit: it may drop, and may not accept.
            n => {
                cond.unjudged.push(super::clip(n));
                if matches!(n, "vmap" | "queue") {
                    verdict = Verdict::Drop;
                }
            }
        }
    }
    Ok(Spec {
        line: position,
        cond,
        verdict,
    })
}

/// A match's left side in a message: `meta iifname`, `payload tcp sport`.
fn short(left: &Value) -> String {
    match left.as_object().and_then(|o| o.iter().next()) {
        Some((k, v)) => {
            let fields: Vec<String> = (v.as_object().into_iter().flatten())
                .map(|(_, x)| element(x))
                .collect();
            format!("{k} {}", fields.join(" "))
        }
        None => "?".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::chains::flatten;

    const JSON: &str = r#"{"nftables": [
 {"metainfo": {"version": "1.0.9", "json_schema_version": 1}},
 {"table": {"family": "inet", "name": "t", "handle": 1}},
 {"set": {"family": "inet", "name": "fe", "table": "t", "type": "ipv4_addr", "handle": 2,
   "flags": ["interval"], "elem": [{"prefix": {"addr": "10.0.1.0", "len": 24}}, "10.0.0.1",
   {"range": ["10.0.2.1", "10.0.2.2"]}]}},
 {"chain": {"family": "inet", "table": "t", "name": "lpp", "handle": 3}},
 {"chain": {"family": "inet", "table": "t", "name": "forward", "handle": 4, "type": "filter",
   "hook": "forward", "prio": 0, "policy": "drop"}},
 {"rule": {"family": "inet", "table": "t", "chain": "lpp", "handle": 5, "expr": [
   {"match": {"op": "==", "left": {"payload": {"protocol": "ip", "field": "daddr"}}, "right": "@fe"}},
   {"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}},
     "right": {"set": [443, {"range": [50000, 59999]}]}}},
   {"counter": {"packets": 0, "bytes": 0}}, {"accept": null}]}},
 {"rule": {"family": "inet", "table": "t", "chain": "lpp", "handle": 6, "expr": [
   {"match": {"op": "==", "left": {"meta": {"key": "iifname"}}, "right": "eth0"}},
   {"return": null}]}},
 {"rule": {"family": "inet", "table": "t", "chain": "forward", "handle": 7, "expr": [
   {"match": {"op": "in", "left": {"ct": {"key": "state"}}, "right": ["established", "related"]}},
   {"accept": null}]}},
 {"rule": {"family": "inet", "table": "t", "chain": "forward", "handle": 8, "expr": [
   {"jump": {"target": "lpp"}}]}},
 {"table": {"family": "bridge", "name": "b", "handle": 9}}
]}"#;

    #[test]
    fn tables_sets_chains_and_rules() {
        let tables = parse(JSON).unwrap();
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        let fwd = &t.chains[1];
        assert_eq!(
            (fwd.hook.as_deref(), fwd.policy, fwd.line),
            (Some("forward"), Some(false), 5)
        );
        let r = &t.chains[0].rules[0];
        assert_eq!(r.line, 6);
        assert!(matches!(&r.cond.dst, crate::audit::Match::Nets(n) if n.len() == 4));
        assert_eq!(r.cond.ports.as_ref().unwrap().len(), 2);
        assert_eq!(t.chains[0].rules[1].cond.unjudged, ["meta iifname == eth0"]);
        let crate::audit::chains::Flat { rows, unjudged } = flatten(t, 1).unwrap();
        assert_eq!(unjudged.len(), 1);
        // Two accept rows, one return row, the policy (IPv4 and IPv6 `any`).
        assert_eq!(rows.len(), 4);
        assert!(!rows[2].allow && rows[2].unjudged && rows[2].skip_to == Some(3));
    }

    #[test]
    fn errors_name_the_position() {
        let e = parse(
            r#"{"nftables": [{"table": {"family": "ip", "name": "t"}},
            {"rule": {"family": "ip", "table": "t", "chain": "c", "handle": 1, "expr": []}}]}"#,
        )
        .unwrap_err();
        assert!(e.message.starts_with("nftables[1]:"), "{}", e.message);
        assert!(
            parse("{\"x\": 1}")
                .unwrap_err()
                .message
                .contains("no `nftables`")
        );
    }
}
