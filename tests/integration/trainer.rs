//! Trainer scenarios follow the links and rules of the templates they run on; exercises score;
//! the DNS lookups of a sign-in follow Microsoft's order and are answered by the plan's records.

use lync_port_planner::dns::{self, DnsRecord};
use lync_port_planner::examples::TEMPLATES;
use lync_port_planner::plan::Plan;
use lync_port_planner::trainer;
use lync_port_planner::trainer::lookups::{self, Client};

use crate::support::{catalog, derive};

#[test]
fn every_scenario_runs_on_its_template_hop_by_hop() {
    let scenarios = trainer::scenarios().unwrap();
    let ids: Vec<&str> = scenarios.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "remote_sign_in",
            "federation",
            "external_av_conference",
            "mobile_autodiscover",
            "cls_log_collection",
            "sign_in_dns_internal",
            "sign_in_dns_external"
        ]
    );
    for s in scenarios {
        let template = TEMPLATES
            .iter()
            .find(|t| t.file == s.template)
            .unwrap_or_else(|| panic!("{}: template {}", s.id, s.template));
        let plan = lync_port_planner::plan_file::from_ron(template.ron, template.file, &catalog())
            .unwrap();
        let rules = derive(&plan).0;
        for hop in &s.hops {
            let found = trainer::hop_rules(hop, &rules);
            assert!(
                !found.is_empty(),
                "{}: hop {} has no rule in {}",
                s.id,
                hop.requirement,
                s.template
            );
            for r in found {
                if let Some((a, b)) = r.link() {
                    assert!(
                        plan.link_between(a, b).is_some(),
                        "{}: {} follows an existing link",
                        s.id,
                        r.id()
                    );
                }
            }
            assert!(
                !hop.explain.zh_tw.is_empty() && !hop.explain.ko_kr.is_empty(),
                "{}: {} is explained in every language",
                s.id,
                hop.requirement
            );
        }
    }
}

#[test]
fn exercise_answers_are_scored_and_exported() {
    let s = &trainer::scenarios().unwrap()[0];
    let template = TEMPLATES.iter().find(|t| t.file == s.template).unwrap();
    let plan =
        lync_port_planner::plan_file::from_ron(template.ron, template.file, &catalog()).unwrap();
    let rules = derive(&plan).0;
    let answers: Vec<String> = ["443", "5061", "5060", "", " 4443 "]
        .iter()
        .map(|a| (*a).to_owned())
        .collect();
    let scores = trainer::score(s, &rules, &answers);
    let correct: Vec<bool> = scores.iter().map(|x| x.correct).collect();
    assert_eq!(correct, [true, true, false, false, true]);
    let csv = trainer::scores_csv(s, &scores);
    assert!(csv.starts_with("scenario,hop,requirement,expected,answer,correct\r\nremote_sign_in,1,any-edge-sip-443,443,443,true\r\n"), "{csv}");
}

/// The exercise shows each hop's explanation with its port numbers hidden: no expected answer
/// is left in the text, in any language (the hop text used to give the answers away).
#[test]
fn exercise_hop_text_hides_every_expected_port() {
    assert_eq!(
        trainer::hide_ports("SIP over TLS on 443, media 49152-57500 (A/V 2)"),
        "SIP over TLS on ?, media ?-? (A/V 2)"
    );
    for s in trainer::scenarios().unwrap() {
        let template = TEMPLATES.iter().find(|t| t.file == s.template).unwrap();
        let plan = lync_port_planner::plan_file::from_ron(template.ron, template.file, &catalog())
            .unwrap();
        let rules = derive(&plan).0;
        for hop in &s.hops {
            let expected = trainer::hop_rules(hop, &rules)[0].ports;
            for text in [&hop.explain.en, &hop.explain.zh_tw, &hop.explain.ko_kr] {
                let shown = trainer::hide_ports(text);
                for port in [expected.from, expected.to] {
                    assert!(
                        !shown.contains(&port.to_string()),
                        "{}: {} gives {port} away: {shown}",
                        s.id,
                        hop.requirement
                    );
                }
            }
        }
    }
}

fn template(file: &str) -> Plan {
    let t = TEMPLATES.iter().find(|t| t.file == file).unwrap();
    lync_port_planner::plan_file::from_ron(t.ron, t.file, &catalog()).unwrap()
}

/// Each step's answers as `name TYPE data` lines, the records checked to be the plan's own.
fn walk(plan: &Plan, client: Client) -> Vec<(String, Vec<String>)> {
    let records = dns::derive(plan, &catalog()).unwrap();
    let steps = lookups::steps(lookups::sign_in().unwrap(), &records, client);
    (steps.iter())
        .map(|s| {
            for r in &s.answers {
                assert!(records.records.contains(r), "{r:?} is a record of the plan");
                assert_eq!(r.view, client.view(), "{r:?} in the client's DNS");
            }
            let lines = s.answers.iter().map(|r| line(r)).collect();
            (s.query.clone(), lines)
        })
        .collect()
}

fn line(r: &DnsRecord) -> String {
    format!("{} {} {}", r.name, r.data.type_name(), r.data.value())
}

/// The lookups are Microsoft's eight, in the page's order ("Lync Server 2013: Determine DNS
/// requirements", How Lync Clients Locate Services), and both walks run on the seed.
#[test]
fn sign_in_lookups_follow_microsofts_order() {
    let sign_in = lookups::sign_in().unwrap();
    let labels: Vec<&str> = sign_in.lookups.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "lyncdiscoverinternal",
            "lyncdiscover",
            "_sipinternaltls._tcp",
            "_sipinternal._tcp",
            "_sip._tls",
            "sipinternal",
            "sip",
            "sipexternal"
        ]
    );
    assert_eq!(
        sign_in.page.url,
        lync_port_planner::catalog::published_url(
            "Lync/LyncServer/lync-server-2013-determine-dns-requirements.md"
        )
        .unwrap()
    );
    let walks: Vec<(&str, Option<Client>)> = (trainer::scenarios().unwrap().iter())
        .filter(|s| s.dns_lookups.is_some())
        .map(|s| (s.template.as_str(), s.dns_lookups))
        .collect();
    assert_eq!(
        walks,
        [
            ("director-pool-dns-hlb.ron", Some(Client::Internal)),
            ("director-pool-dns-hlb.ron", Some(Client::External))
        ]
    );
}

/// An internal client of the seed: Autodiscover answers first (the Director's web services),
/// the SRV record names the Front End pool, `sip` the Directors; the rest are not in its DNS.
#[test]
fn an_internal_sign_in_is_answered_by_the_seeds_internal_records() {
    let walk = walk(&template("director-pool-dns-hlb.ron"), Client::Internal);
    let expected: Vec<(&str, Vec<&str>)> = vec![
        (
            "lyncdiscoverinternal.northwind.net",
            vec!["lyncdiscoverinternal.northwind.net CNAME dirpool01-web.corp.northwind.net"],
        ),
        ("lyncdiscover.northwind.net", vec![]),
        (
            "_sipinternaltls._tcp.northwind.net",
            vec!["_sipinternaltls._tcp.northwind.net SRV pool01.corp.northwind.net"],
        ),
        ("_sipinternal._tcp.northwind.net", vec![]),
        ("_sip._tls.northwind.net", vec![]),
        ("sipinternal.northwind.net", vec![]),
        (
            "sip.northwind.net",
            vec![
                "sip.northwind.net A 10.10.20.11",
                "sip.northwind.net A 10.10.20.12",
            ],
        ),
        ("sipexternal.northwind.net", vec![]),
    ];
    let expected: Vec<(String, Vec<String>)> = (expected.into_iter())
        .map(|(q, a)| (q.to_owned(), a.into_iter().map(str::to_owned).collect()))
        .collect();
    assert_eq!(walk, expected);
}

/// An external client of the seed finds only Autodiscover at the reverse proxy: the seed's
/// Edge has no public addresses (its dns_mismatch findings say so), so no `_sip._tls`. With
/// public addresses (single-edge-public) the Access Edge answers `_sip._tls` on 443 and `sip`.
#[test]
fn an_external_sign_in_reaches_the_access_edge_only_when_it_is_published() {
    let seed = walk(&template("director-pool-dns-hlb.ron"), Client::External);
    let answered: Vec<&str> = (seed.iter())
        .filter(|(_, a)| !a.is_empty())
        .map(|(q, _)| q.as_str())
        .collect();
    assert_eq!(answered, ["lyncdiscover.northwind.net"]);
    let public = template("single-edge-public.ron");
    let records = dns::derive(&public, &catalog()).unwrap();
    let steps = lookups::steps(lookups::sign_in().unwrap(), &records, Client::External);
    let srv = &steps[4];
    assert_eq!(srv.lookup.label, "_sip._tls");
    assert!(
        srv.answers
            .iter()
            .any(|r| matches!(r.data, dns::RecordData::Srv { port: 443, .. })),
        "{:?}",
        srv.answers
    );
    assert!(
        !steps[6].answers.is_empty(),
        "sip.<domain>: the Access Edge"
    );
    // That template has no reverse proxy, so no lyncdiscover: the SRV record answers first.
    assert_eq!(lookups::first_answer(&steps), Some(4));
}
