//! The audit's readers on real tool output and on hostile or broken input: dumps of the seed's
//! exports taken from the real tools (iptables v1.8.9 nf_tables, nft 1.0.6; `tests/fixtures/
//! audit/`) audit clean without root; hostile text in any format stays one tame, short line in
//! errors and findings; mutated dumps never panic, and every error names a line of the file.

use lync_port_planner::audit::{self, DumpFormat, Target};
use lync_port_planner::export::Format;
use lync_port_planner::findings::FindingKind;

use crate::safety::{assert_tame, hostile_labels};
use crate::support::{derive, example, export, root};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/fixtures/audit").join(name)).unwrap()
}

#[test]
fn real_dumps_of_the_seed_audit_clean() {
    let plan = example("director-pool-dns-hlb.ron");
    let (rules, _) = derive(&plan);
    for (name, want) in [
        ("seed.iptables-save", DumpFormat::IptablesSave),
        ("seed.nft", DumpFormat::Nft),
        ("seed-handles.nft", DumpFormat::Nft),
        ("seed.nft.json", DumpFormat::NftJson),
    ] {
        let (format, dump) = audit::read(&fixture(name), None).unwrap();
        assert_eq!(format, want, "{name}");
        let findings = dump.audit(&plan, &rules, &Target::default()).unwrap();
        assert!(findings.is_empty(), "{name}: {findings:#?}");
    }
}

/// Hostile text where each format takes a name or a value.
fn hostile_inputs(token: &str) -> Vec<(DumpFormat, String)> {
    let one = token.replace('\n', " ");
    let ipt = |rule: &str| format!("*filter\n:FORWARD DROP [0:0]\n-A FORWARD {rule}\nCOMMIT\n");
    let nft = |rule: &str| {
        format!(
            "table inet t {{\n\tchain f {{\n\t\ttype filter hook forward priority filter; policy drop;\n\t\t{rule}\n\t}}\n}}\n"
        )
    };
    let json = |right: &str| {
        let right = serde_json::to_string(right).unwrap();
        format!(
            r#"{{"nftables": [{{"table": {{"family": "inet", "name": "t"}}}},
            {{"chain": {{"family": "inet", "table": "t", "name": "f", "hook": "forward", "policy": "drop"}}}},
            {{"rule": {{"family": "inet", "table": "t", "chain": "f", "handle": 2, "expr": [
              {{"match": {{"op": "==", "left": {{"meta": {{"key": "iifname"}}}}, "right": {right}}}}},
              {{"match": {{"op": "==", "left": {{"payload": {{"protocol": "ip", "field": "saddr"}}}}, "right": {right}}}}},
              {{"accept": null}}]}}}}]}}"#
        )
    };
    let asa =
        |ace: &str| format!("access-list A extended {ace}\naccess-group A in interface inside\n");
    vec![
        (
            DumpFormat::IptablesSave,
            ipt(&format!("-s {one} -j ACCEPT")),
        ),
        (DumpFormat::IptablesSave, ipt(&format!("-i {one} -j DROP"))),
        (DumpFormat::IptablesSave, ipt(&format!("-j {one}"))),
        (
            DumpFormat::IptablesSave,
            format!("*filter\n:FORWARD DROP [0:0]\n-A {one} -j ACCEPT\n"),
        ),
        (DumpFormat::Nft, nft(&format!("ip saddr {one} accept"))),
        (DumpFormat::Nft, nft(&format!("iifname \"{one}\" drop"))),
        (DumpFormat::Nft, nft(&format!("jump {one}"))),
        (DumpFormat::Nft, nft(&format!("ip saddr @{one} accept"))),
        (DumpFormat::NftJson, json(token)),
        (
            DumpFormat::Asa,
            asa(&format!("permit tcp any host {one} eq 80")),
        ),
        (
            DumpFormat::Asa,
            asa(&format!("permit tcp any object-group {one} eq 80")),
        ),
        (
            DumpFormat::Asa,
            asa(&format!("permit tcp any any eq {one}")),
        ),
        (
            DumpFormat::Asa,
            asa(&format!("permit tcp any any eq 80 {one}")),
        ),
        (DumpFormat::Csv, format!("allow,tcp,any,any,\"{token}\"\n")),
    ]
}

#[test]
fn hostile_text_stays_tame_and_short_in_every_format() {
    let plan = example("director-pool-dns-hlb.ron");
    let (rules, _) = derive(&plan);
    let target = Target {
        chain: None,
        firewall: Some(lync_port_planner::plan::FirewallId::Internal),
    };
    let mut errors = 0;
    let mut notes = 0;
    for token in hostile_labels() {
        for (format, text) in hostile_inputs(&token) {
            let what = format.as_str();
            let result = audit::read(&text, Some(format))
                .and_then(|(_, dump)| dump.audit(&plan, &rules, &target));
            match result {
                Err(e) => {
                    errors += 1;
                    assert_tame(what, &e.message);
                    assert!(
                        !e.message.contains('\n') && e.message.len() < 400,
                        "{what}: {:.200}",
                        e.message
                    );
                }
                Ok(findings) => {
                    for f in findings
                        .iter()
                        .filter(|f| f.kind == FindingKind::UnjudgedMatch)
                    {
                        notes += 1;
                        assert_tame(what, &f.message.en);
                        assert!(f.message.en.len() < 400, "{what}: {:.200}", f.message.en);
                    }
                }
            }
        }
    }
    assert!(errors >= 16 && notes >= 4, "{errors} errors, {notes} notes");
}

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % (n.max(1) as u64)).unwrap()
    }
}

/// `text` with a few lines dropped, doubled or swapped and a few bytes changed, kept UTF-8.
fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for _ in 0..=rng.next(4) {
        let n = lines.len();
        let (a, b) = (rng.next(n), rng.next(n));
        match rng.next(5) {
            0 if n > 1 => {
                lines.remove(a);
            }
            1 => lines.insert(a, lines[b].clone()),
            2 => lines.swap(a, b),
            _ => {
                let line = &mut lines[a];
                let mut chars: Vec<char> = line.chars().collect();
                if !chars.is_empty() {
                    let at = rng.next(chars.len());
                    let pool = [
                        '{', '}', '"', ' ', '-', '!', ',', ':', '@', '0', '/', 'x', '[', ']',
                    ];
                    chars[at] = pool[rng.next(pool.len())];
                }
                *line = chars.into_iter().collect();
            }
        }
    }
    lines.join("\n") + "\n"
}

#[test]
fn mutated_dumps_never_panic_and_errors_name_a_line_of_the_file() {
    let plan = example("director-pool-dns-hlb.ron");
    let (rules, _) = derive(&plan);
    let asa = export(&plan, Format::Asa);
    let internal = asa.split("! Firewall internal").nth(1).unwrap().to_owned();
    let inputs = [
        fixture("seed.iptables-save"),
        fixture("seed.nft"),
        fixture("seed-handles.nft"),
        fixture("seed.nft.json").replace("}, {", "},\n{"),
        internal,
    ];
    let target = Target {
        chain: None,
        firewall: Some(lync_port_planner::plan::FirewallId::Internal),
    };
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut refused, mut audited) = (0, 0);
    for input in &inputs {
        for _ in 0..400 {
            let text = mutate(input, &mut rng);
            let lines = text.lines().count();
            match audit::read(&text, None).and_then(|(_, d)| d.audit(&plan, &rules, &target)) {
                Ok(_) => audited += 1,
                Err(e) => {
                    refused += 1;
                    assert!(e.line <= lines, "line {} of {lines}: {}", e.line, e.message);
                }
            }
        }
    }
    assert!(
        refused > 100 && audited > 500,
        "{refused} refused, {audited} audited"
    );
}
