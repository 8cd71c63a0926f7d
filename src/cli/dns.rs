//! `export --format dns-csv | dns-powershell | dns-zone`: the plan's DNS records. `dns-zone`
//! writes one file per view and zone into the `--output` folder; the others one file (or
//! standard output) like every export.

use std::path::{Component, Path};
use std::process::ExitCode;

use super::options::Options;
use super::{CliError, load_plan, usage, write_output};
use crate::catalog::Catalog;
use crate::export::dns::{DnsFormat, export_dns};

pub(super) fn export(
    opts: &Options,
    catalog: &Catalog,
    path: &Path,
    format: DnsFormat,
) -> Result<ExitCode, CliError> {
    if opts.gpo.is_some() || opts.firewall.is_some() || opts.nodes.is_some() {
        return Err(usage(format!(
            "--gpo, --firewall and --nodes are for firewall rules, not --format {format}"
        )));
    }
    let folder = match opts.output.as_deref() {
        Some(dir) if format.is_folder() && !super::options::is_stdio(dir) => Some(dir),
        _ if format.is_folder() => {
            return Err(usage(format!(
                "--format {format} writes a folder of zone files: give --output DIR"
            )));
        }
        _ => None,
    };
    let plan = load_plan(path, catalog)?;
    let files = export_dns(&plan, catalog, format)?;
    let Some(dir) = folder else {
        let text: String = files.into_iter().map(|(_, text)| text).collect();
        write_output(opts.output.as_deref(), text.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    };
    for (relative, text) in &files {
        let target = inside(dir, relative).ok_or_else(|| {
            usage(format!(
                "refusing to write `{}` outside {}",
                super::options::quoted(relative),
                dir.display()
            ))
        })?;
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|source| crate::atomic_write::WriteError {
                source,
                path: parent.to_owned(),
            })?;
        }
        crate::atomic_write::write(&target, text.as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `dir/relative` when `relative` names a file below `dir`: plain components only (no root,
/// no `..`, no `.`, nothing empty).
fn inside(dir: &Path, relative: &str) -> Option<std::path::PathBuf> {
    let rel = Path::new(relative);
    let plain = !relative.is_empty()
        && !relative.contains('\\')
        && rel.components().all(|c| matches!(c, Component::Normal(_)));
    plain.then(|| dir.join(rel))
}

#[cfg(test)]
mod tests {
    /// A name that would leave the folder is refused.
    #[test]
    fn only_files_below_the_folder() {
        let dir = std::path::Path::new("/tmp/out");
        assert!(super::inside(dir, "internal/northwind.net.zone").is_some());
        for bad in [
            "",
            "../x.zone",
            "/etc/passwd",
            "internal/../../x",
            "./x",
            "a\\..\\b",
        ] {
            assert_eq!(super::inside(dir, bad), None, "{bad}");
        }
    }
}
