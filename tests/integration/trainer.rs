//! Trainer scenarios follow the links and rules of the templates they run on; exercises score.

use lync_port_planner::examples::TEMPLATES;
use lync_port_planner::trainer;

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
            "cls_log_collection"
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
