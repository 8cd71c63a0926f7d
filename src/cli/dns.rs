//! `export --format dns-csv | dns-powershell | dns-zone | certificates-csv | cert-openssl |
//! certreq`: the plan's DNS records and certificates. `dns-zone` writes one file per view and
//! zone, `cert-openssl` and `certreq` one per certificate, into the `--output` folder (as every format of several
//! files, with `atomic_write::write_folder`); the others one file (or standard output).

use std::path::Path;
use std::process::ExitCode;

use super::options::Options;
use super::{CliError, load_plan, usage, write_output};
use crate::catalog::Catalog;
use crate::export::Output;
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
    if format.is_folder() && opts.output.as_deref().is_none_or(super::options::is_stdio) {
        return Err(usage(format!(
            "--format {format} writes a folder of files: give --output DIR"
        )));
    }
    let plan = load_plan(path, catalog)?;
    match export_dns(&plan, catalog, format)? {
        Output::Text(text) => write_output(opts.output.as_deref(), text.as_bytes())?,
        Output::Bytes(bytes) => write_output(opts.output.as_deref(), &bytes)?,
        Output::Files(files) => {
            // Checked above: a folder was given.
            if let Some(dir) = opts.output.as_deref() {
                crate::atomic_write::write_folder(dir, &files)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
