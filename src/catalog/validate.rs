//! Self-checks of a catalog document: every id it names must exist, once.
//! Runs on every load, built-in or from a file.

use std::collections::BTreeSet;

use super::model::{CatalogData, Condition, Role, Select, Side, Source};

/// `Err` names the first problem found.
pub(super) fn check(data: &CatalogData) -> Result<(), String> {
    let mut role_ids = BTreeSet::new();
    for role in &data.roles {
        if !role_ids.insert(role.id.as_str()) {
            return Err(format!("duplicate role id `{}`", role.id));
        }
        check_role(role)?;
    }
    let role = |id: &str, at: &str| {
        data.roles
            .iter()
            .find(|r| r.id == id)
            .ok_or_else(|| format!("{at}: unknown role `{id}`"))
    };
    let mut sources = BTreeSet::new();
    for source in &data.sources {
        if !sources.insert(source.id.as_str()) {
            return Err(format!("duplicate source id `{}`", source.id));
        }
        check_source(source)?;
        let at = format!("source `{}`", source.id);
        for cond in &source.topology {
            check_condition(role(cond.role(), &at)?, cond, &at)?;
        }
    }
    let mut conflicts = BTreeSet::new();
    for c in &data.conflicts {
        if !conflicts.insert(c.id.as_str()) {
            return Err(format!("duplicate conflict id `{}`", c.id));
        }
        let at = format!("conflict `{}`", c.id);
        if c.pages.len() < 2 && c.summary.en.trim().is_empty() {
            return Err(format!("{at}: needs the pages that disagree and a summary"));
        }
        for page in &c.pages {
            if !sources.contains(page.as_str()) {
                return Err(format!("{at}: unknown source `{page}`"));
            }
        }
        for cond in &c.when {
            check_condition(role(cond.role(), &at)?, cond, &at)?;
        }
    }
    for m in &data.must_link {
        role(&m.from, "must_link")?;
        role(&m.to, "must_link")?;
    }
    let mut ids = BTreeSet::new();
    for req in &data.requirements {
        let at = format!("requirement `{}`", req.id);
        if !ids.insert(req.id.as_str()) {
            return Err(format!("duplicate requirement id `{}`", req.id));
        }
        if req.notes.en.trim().is_empty() {
            return Err(format!("{at}: notes.en is empty"));
        }
        if req.references.is_empty() {
            return Err(format!("{at}: no references"));
        }
        for r in &req.references {
            if !sources.contains(r.as_str()) {
                return Err(format!("{at}: unknown source `{r}`"));
            }
        }
        for c in &req.conflicts {
            if !conflicts.contains(c.as_str()) {
                return Err(format!("{at}: unknown conflict `{c}`"));
            }
        }
        let mut side_roles = Vec::new();
        for side in [&req.source, &req.destination] {
            match side {
                Side::Role { role: id, endpoint } => {
                    let r = role(id, &at)?;
                    check_select(r, endpoint, &at)?;
                    side_roles.push(id.as_str());
                }
                Side::Any { via, .. } => {
                    for v in via {
                        role(v, &at)?;
                    }
                }
            }
        }
        if side_roles.is_empty() {
            return Err(format!("{at}: both sides are Any"));
        }
        check_reach(req, &side_roles, &at)?;
        for cond in &req.when {
            if !side_roles.contains(&cond.role()) {
                return Err(format!(
                    "{at}: condition on role `{}`, which is not a side of it",
                    cond.role()
                ));
            }
            check_condition(role(cond.role(), &at)?, cond, &at)?;
        }
    }
    Ok(())
}

/// A requirement that reaches the whole deployment joins two roles and has its conditions on
/// its source: derivation finds the one source before any destination.
fn check_reach(req: &super::Requirement, side_roles: &[&str], at: &str) -> Result<(), String> {
    let on_source = |c: &Condition| side_roles.first() == Some(&c.role());
    if req.reach == super::Reach::Deployment
        && (side_roles.len() != 2 || !req.when.iter().all(on_source))
    {
        return Err(format!(
            "{at}: reaches the deployment with an Any side or a condition not on its source"
        ));
    }
    Ok(())
}

fn check_condition(r: &Role, cond: &Condition, at: &str) -> Result<(), String> {
    match cond {
        Condition::Flag { flag, .. } if !r.flags.iter().any(|f| &f.id == flag) => {
            Err(format!("{at}: role `{}` has no flag `{flag}`", r.id))
        }
        Condition::Addressing { .. } if !r.addressing => Err(format!(
            "{at}: role `{}` has no public/NAT addressing",
            r.id
        )),
        _ => Ok(()),
    }
}

/// A source names its page's file and the address that file is published at.
fn check_source(source: &Source) -> Result<(), String> {
    let at = format!("source `{}`", source.id);
    if source.title.trim().is_empty() {
        return Err(format!("{at}: no title"));
    }
    if source.products.is_empty() {
        return Err(format!("{at}: no products"));
    }
    match super::published_url(&source.path) {
        Some(url) if url == source.url => Ok(()),
        Some(url) => Err(format!(
            "{at}: url `{}` is not where `{}` is published ({url})",
            source.url, source.path
        )),
        None => Err(format!(
            "{at}: `{}` is not a page of Microsoft's Lync Server 2013 or Skype for Business Server docs",
            source.path
        )),
    }
}

fn check_role(role: &Role) -> Result<(), String> {
    if role.name.en.trim().is_empty() {
        return Err(format!("role `{}`: name.en is empty", role.id));
    }
    if role.lb_modes.is_empty() {
        return Err(format!("role `{}`: no lb_modes", role.id));
    }
    if role.endpoints.is_empty() {
        return Err(format!("role `{}`: no endpoints", role.id));
    }
    let mut seen = BTreeSet::new();
    for e in &role.endpoints {
        if !seen.insert(e.id.as_str()) {
            return Err(format!("role `{}`: duplicate endpoint `{}`", role.id, e.id));
        }
    }
    let mut flags = BTreeSet::new();
    for f in &role.flags {
        if !flags.insert(f.id.as_str()) {
            return Err(format!("role `{}`: duplicate flag `{}`", role.id, f.id));
        }
    }
    Ok(())
}

fn check_select(role: &Role, select: &Select, at: &str) -> Result<(), String> {
    let kinds: Vec<&str> = match select {
        Select::Fixed(k) => vec![k],
        Select::Balanced { members, vip, .. } => vec![members, vip],
    };
    for k in kinds {
        if role.endpoint(k).is_none() {
            return Err(format!("{at}: role `{}` has no endpoint `{k}`", role.id));
        }
    }
    Ok(())
}
