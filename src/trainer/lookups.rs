//! The DNS lookups of a sign-in: the names a Lync client asks for, in Microsoft's order
//! (`assets/sign_in_lookups.ron`), each answered or not by the plan's own records
//! (`dns::derive`) in the DNS the client asks (internal or public).

use serde::Deserialize;

use super::ScenarioError;
use crate::catalog::Text;
use crate::dns::{DnsRecord, DnsRecords, RecordData, View};

/// Where the signing-in client is, so which DNS answers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum Client {
    /// On the internal network: the internal DNS servers.
    Internal,
    /// On the Internet: public DNS.
    External,
}

impl Client {
    /// The DNS view the client asks.
    pub fn view(self) -> View {
        match self {
            Self::Internal => View::Internal,
            Self::External => View::External,
        }
    }
}

/// The record type a lookup asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum Asks {
    /// A host: an A or AAAA record, or a CNAME that leads to one.
    Host,
    /// A service record.
    Srv,
}

impl Asks {
    /// True when `data` answers this question.
    pub fn answered_by(self, data: &RecordData) -> bool {
        match self {
            Self::Host => !matches!(data, RecordData::Srv { .. }),
            Self::Srv => matches!(data, RecordData::Srv { .. }),
        }
    }

    /// The type's name as a lookup tool shows it.
    pub fn type_name(self) -> &'static str {
        match self {
            Self::Host => "A",
            Self::Srv => "SRV",
        }
    }
}

/// One lookup: a label below the SIP domain and what it is for.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lookup {
    /// The label(s) before the SIP domain (`lyncdiscoverinternal`, `_sip._tls`).
    pub label: String,
    /// The record type asked.
    pub asks: Asks,
    /// What the record is for.
    pub explain: Text,
}

/// The page the order comes from.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcePage {
    /// Its title as Microsoft published it.
    pub title: String,
    /// Where.
    pub url: String,
}

/// The lookups in order, with their page.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    /// Microsoft's page.
    pub page: SourcePage,
    /// In the order the client makes them.
    pub lookups: Vec<Lookup>,
}

/// The built-in lookups, parsed once (a unit test proves the file parses).
pub fn sign_in() -> Result<&'static SignIn, ScenarioError> {
    static SIGN_IN: std::sync::OnceLock<Result<SignIn, ScenarioError>> = std::sync::OnceLock::new();
    SIGN_IN
        .get_or_init(|| parse(include_str!("../../assets/sign_in_lookups.ron")))
        .as_ref()
        .map_err(ScenarioError::clone)
}

fn parse(text: &str) -> Result<SignIn, ScenarioError> {
    ron::from_str(text).map_err(|e| ScenarioError {
        file: ORIGIN,
        line: e.span.start.line,
        col: e.span.start.col,
        message: crate::escape::one_line(&e.code.to_string()),
    })
}

/// Where the lookups come from, as errors name it.
const ORIGIN: &str = "assets/sign_in_lookups.ron";

/// One step of the walk on a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step<'a> {
    /// The lookup.
    pub lookup: &'a Lookup,
    /// The name asked: the label below the plan's default SIP domain.
    pub query: String,
    /// The plan's records that answer it in the client's DNS, in the records' order.
    pub answers: Vec<&'a DnsRecord>,
}

/// The lookups of `sign_in` for a client in `client`'s network, against the plan's records.
pub fn steps<'a>(sign_in: &'a SignIn, records: &'a DnsRecords, client: Client) -> Vec<Step<'a>> {
    let domain = records.names.sip_domains.first();
    let view = client.view();
    (sign_in.lookups.iter())
        .map(|lookup| {
            let query = domain.map_or_else(
                || lookup.label.clone(),
                |d| format!("{}.{}", lookup.label, d.as_str()),
            );
            let answers = (records.records.iter())
                .filter(|r| r.view == view && r.name.as_str() == query)
                .filter(|r| lookup.asks.answered_by(&r.data))
                .collect();
            Step {
                lookup,
                query,
                answers,
            }
        })
        .collect()
}

/// The step whose answer ends the search: the first answered one ("the DNS query process
/// continues until a successful query is returned").
pub fn first_answer(steps: &[Step<'_>]) -> Option<usize> {
    steps.iter().position(|s| !s.answers.is_empty())
}

#[cfg(test)]
mod tests {
    /// The built-in file parses, cites its page and starts with Autodiscover.
    #[test]
    fn the_built_in_lookups_parse() {
        let s = super::sign_in().unwrap();
        assert!(
            s.page
                .url
                .ends_with("lync-server-2013-determine-dns-requirements")
        );
        assert_eq!(s.lookups[0].label, "lyncdiscoverinternal");
        assert!(s.lookups.iter().all(|l| !l.explain.ko_kr.is_empty()));
    }

    /// A broken file is an error naming it and the place.
    #[test]
    fn broken_lookups_are_an_error() {
        let err = super::parse("(\n page: 3)").unwrap_err();
        assert!(
            err.to_string().starts_with("assets/sign_in_lookups.ron:2:"),
            "{err}"
        );
    }
}
