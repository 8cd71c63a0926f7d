//! Reading a user's existing firewall rules from CSV: our own export's columns, or the plain
//! five-column form `action, protocol, source, destination, port`.

use super::csv::{self, CsvError};
use crate::net::{IpNet, PortRange, Transport};

/// Addresses of an existing rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Match {
    /// Any address.
    Any,
    /// These networks.
    Nets(Vec<IpNet>),
}

/// One rule of the existing firewall.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExistingRule {
    /// 1-based line in the CSV file.
    pub line: usize,
    /// True for allow/permit/accept, false for deny/drop/reject.
    pub allow: bool,
    /// `None` for any protocol.
    pub transport: Option<Transport>,
    /// Source addresses.
    pub source: Match,
    /// Destination addresses.
    pub destination: Match,
    /// `None` for any port.
    pub ports: Option<PortRange>,
    /// A `return` of a chain: the traffic it matches is decided by the rows from the row whose
    /// `seq` this is (the rows between are skipped); `allow` is then false and means nothing.
    pub skip_to: Option<usize>,
    /// The row also matches on something the audit cannot judge (an interface, a mark, a source
    /// port): its allow is never counted as allowing required traffic, a deny or return of it is
    /// counted as denying (an extra or over-permissive row it still is).
    pub unjudged: bool,
    /// Its position in the list it belongs to (what `skip_to` names); set by [`numbered`].
    pub seq: usize,
}

/// Rows with `seq` set to their position.
pub fn numbered(mut rows: Vec<ExistingRule>) -> Vec<ExistingRule> {
    for (i, r) in rows.iter_mut().enumerate() {
        r.seq = i;
    }
    rows
}

impl ExistingRule {
    /// `allow tcp 10.0.0.1 -> any 5061`, for messages.
    pub fn describe(&self) -> String {
        let m = |m: &Match| match m {
            Match::Any => "any".to_owned(),
            Match::Nets(n) => n
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" "),
        };
        format!(
            "{} {} {} -> {} port {}",
            if self.allow { "allow" } else { "deny" },
            self.transport.map_or("any", Transport::as_str),
            m(&self.source),
            m(&self.destination),
            self.ports
                .map_or_else(|| "any".to_owned(), |p| p.to_string())
        )
    }
}

fn err(line: usize, message: impl Into<String>) -> CsvError {
    CsvError {
        line,
        message: message.into(),
    }
}

/// The columns the audit reads from our CSV, by name.
const OURS: [&str; 5] = [
    "transport",
    "source_addresses",
    "destination_addresses",
    "port_from",
    "port_to",
];

/// The five-column form's columns, by name when it has a header.
const PLAIN: [&str; 5] = ["action", "protocol", "source", "destination", "port"];

/// Parse existing rules; the first malformed row is an error with its line. A header is read
/// by name: our CSV (any of its column sets, in any order) or the five-column form; without a
/// header the five columns are taken in order.
pub fn parse(text: &str) -> Result<Vec<ExistingRule>, CsvError> {
    let records = csv::parse(text)?;
    let Some(first) = records.first() else {
        return Ok(Vec::new());
    };
    let header: Vec<String> = first
        .fields
        .iter()
        .map(|f| f.trim().to_ascii_lowercase())
        .collect();
    let columns = header.len();
    if header.iter().any(|h| h == "change") {
        return Err(err(
            first.line,
            "this is a diff (it has a `change` column), not the rules a firewall has: audit an export or the firewall's own rules",
        ));
    }
    let mut out = Vec::new();
    if let Some(at) = positions(&header, &OURS, first.line)? {
        for r in bounded(&records[1..])? {
            out.extend(ours(r.line, &r.fields, columns, &at)?);
        }
    } else {
        let (rows, columns, at) = match positions(&header, &PLAIN, first.line)? {
            Some(at) => (&records[1..], columns, at),
            None => (&records[..], 5, [0, 1, 2, 3, 4]),
        };
        for r in bounded(rows)? {
            out.extend(plain(r.line, &r.fields, columns, &at)?);
            if out.len() > super::MAX_AUDIT_ROWS {
                return Err(err(r.line, too_many()));
            }
        }
    }
    Ok(numbered(out))
}

/// The message for a file of more rows than the audit reads.
pub(super) fn too_many() -> String {
    format!(
        "more than {} rows; the audit reads at most that many",
        super::MAX_AUDIT_ROWS
    )
}

/// One row per port range (a row of several ports is several rows, in order).
fn rows_per_port(row: ExistingRule, ports: Option<Vec<PortRange>>) -> Vec<ExistingRule> {
    match ports {
        None => vec![row],
        Some(list) => list
            .into_iter()
            .map(|p| ExistingRule {
                ports: Some(p),
                ..row.clone()
            })
            .collect(),
    }
}

/// Where each of `names` is in the header, if the header has them all; a name given twice is an
/// error (which of the two would count?).
fn positions(
    header: &[String],
    names: &[&str; 5],
    line: usize,
) -> Result<Option<[usize; 5]>, CsvError> {
    let mut at = [0; 5];
    for (slot, name) in at.iter_mut().zip(names) {
        let mut found = header.iter().enumerate().filter(|(_, h)| h == name);
        match (found.next(), found.next()) {
            (Some((i, _)), None) => *slot = i,
            (Some(_), Some(_)) => {
                return Err(err(line, format!("the header has column `{name}` twice")));
            }
            (None, _) => return Ok(None),
        }
    }
    Ok(Some(at))
}

/// The rows, if at most [`super::MAX_AUDIT_ROWS`]: refused before anything is compared.
fn bounded(rows: &[csv::Record]) -> Result<&[csv::Record], CsvError> {
    match rows.get(super::MAX_AUDIT_ROWS) {
        Some(over) => Err(err(over.line, too_many())),
        None => Ok(rows),
    }
}

/// A row has as many fields as its header (or form) has columns; `which` names them.
fn same_width(line: usize, fields: &[String], columns: usize, which: &str) -> Result<(), CsvError> {
    if fields.len() == columns {
        return Ok(());
    }
    Err(err(
        line,
        format!("expected {columns} columns{which}, found {}", fields.len()),
    ))
}

/// A row of our own CSV export, its columns where the header put them.
fn ours(
    line: usize,
    fields: &[String],
    columns: usize,
    at: &[usize; 5],
) -> Result<Vec<ExistingRule>, CsvError> {
    same_width(line, fields, columns, "")?;
    let [transport_at, source, destination, from, to] = at.map(|i| fields[i].trim());
    let row = ExistingRule {
        line,
        allow: true,
        transport: transport(transport_at, line)?,
        source: addresses(source, line)?,
        destination: addresses(destination, line)?,
        ports: None,
        skip_to: None,
        unjudged: false,
        seq: 0,
    };
    Ok(rows_per_port(row, ports(&format!("{from}-{to}"), line)?))
}

/// A row of the five-column form.
fn plain(
    line: usize,
    fields: &[String],
    columns: usize,
    at: &[usize; 5],
) -> Result<Vec<ExistingRule>, CsvError> {
    same_width(
        line,
        fields,
        columns,
        " (action, protocol, source, destination, port)",
    )?;
    let [action, proto, source, destination, port] = at.map(|i| fields[i].as_str());
    let allow = match action.trim().to_ascii_lowercase().as_str() {
        "allow" | "permit" | "accept" | "pass" => true,
        "deny" | "drop" | "reject" | "block" => false,
        other => {
            return Err(err(
                line,
                format!("unknown action `{}` (expected allow or deny)", clip(other)),
            ));
        }
    };
    let row = ExistingRule {
        line,
        allow,
        transport: transport(proto, line)?,
        source: addresses(source, line)?,
        destination: addresses(destination, line)?,
        ports: None,
        skip_to: None,
        unjudged: false,
        seq: 0,
    };
    Ok(rows_per_port(row, ports(port, line)?))
}

/// At most 40 characters of user text for an error message.
fn clip(text: &str) -> String {
    crate::escape::one_line(text).chars().take(40).collect()
}

fn transport(text: &str, line: usize) -> Result<Option<Transport>, CsvError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "tcp" => Ok(Some(Transport::Tcp)),
        "udp" => Ok(Some(Transport::Udp)),
        "any" | "ip" | "*" | "" => Ok(None),
        other => Err(err(
            line,
            format!(
                "unknown protocol `{}` (expected tcp, udp or any)",
                clip(other)
            ),
        )),
    }
}

fn addresses(text: &str, line: usize) -> Result<Match, CsvError> {
    let mut nets = Vec::new();
    for token in text
        .split([' ', ';', ','])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        // Compared without lower-casing a copy: this runs for every address of every row.
        let is = |word: &str| token.eq_ignore_ascii_case(word);
        if is("any") || token == "*" {
            return Ok(Match::Any);
        }
        // Each family's "any" is that family's whole space (`0.0.0.0/0`, `::/0`), never the other's.
        match token {
            _ if is("any4") => nets.push(super::first_match::whole(true)),
            _ if is("any6") => nets.push(super::first_match::whole(false)),
            // Our export marks rules whose addresses were not all known; the listed ones still count.
            _ if is("unresolved") => {}
            // A range (`10.0.0.1-10.0.0.9`) is the networks that make it up.
            _ if token.contains('-') => {
                let range = super::values::networks(token).ok_or_else(|| {
                    err(line, format!("`{}` is not an address range", clip(token)))
                })?;
                nets.extend(range);
            }
            _ => nets.push(
                token
                    .parse::<IpNet>()
                    .map_err(|e| err(line, e.to_string()))?,
            ),
        }
    }
    if nets.is_empty() {
        return Err(err(line, "no address (write `any` for any address)"));
    }
    Ok(Match::Nets(nets))
}

/// A port, a range (`50000-59999`, `50000:59999`), a service name (`https`) or a list of them
/// separated by spaces, `;` or `,`; `None` for any port.
fn ports(text: &str, line: usize) -> Result<Option<Vec<PortRange>>, CsvError> {
    let t = text.trim();
    if matches!(t.to_ascii_lowercase().as_str(), "" | "any" | "*") {
        return Ok(None);
    }
    let mut out = Vec::new();
    for token in t.split([' ', ';', ',']).filter(|t| !t.is_empty()) {
        let range = super::values::port_range(token)
            .filter(|r| r.from >= 1)
            .ok_or_else(|| {
                err(
                    line,
                    format!(
                        "`{}` is not a port, range or service name (e.g. 5061, 50000-59999, https)",
                        clip(token)
                    ),
                )
            })?;
        out.push(range);
    }
    Ok(Some(out))
}
