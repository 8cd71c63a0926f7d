//! Certificate requests: one OpenSSL request configuration per certificate (`cert-openssl`,
//! for `openssl req -new -config FILE`) or one Windows `certreq -new` INF file (`certreq`).
//! Every name written is a checked `DnsName`; the comments hold only our words and the
//! catalog's page address. A certificate whose subject is over 64 characters cannot be
//! requested (a finding says so) and gets no file.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::certs::{Certificate, Certificates};

/// The key size of every request.
pub const KEY_BITS: u32 = 2048;

/// File name of a certificate's request: `INSTALLED-SUBJECT.EXT`, numbered when two would
/// share one.
fn file_names<'a>(certs: &'a Certificates, ext: &str) -> Vec<(String, &'a Certificate)> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for c in &certs.certificates {
        if c.common_name().is_none() {
            continue;
        }
        let base = format!("{}-{}", c.installed.as_str(), c.subject);
        let mut name = format!("{base}.{ext}");
        let mut n = 1;
        while !seen.insert(name.clone()) {
            n += 1;
            name = format!("{base}-{n}.{ext}");
        }
        out.push((name, c));
    }
    out
}

/// The OpenSSL request configurations.
pub(super) fn openssl(certs: &Certificates) -> super::Files {
    (file_names(certs, "cnf").into_iter())
        .map(|(name, c)| (name, openssl_config(c)))
        .collect()
}

fn openssl_config(c: &Certificate) -> String {
    let mut out = String::new();
    let eku: Vec<&str> = c.eku.iter().map(|e| e.openssl()).collect();
    let _ = writeln!(
        out,
        "# {} certificate, {} CA{}.",
        c.installed.as_str(),
        c.ca.as_str(),
        if c.exportable {
            "; the private key must be exportable (shared by the pool's servers)"
        } else {
            ""
        }
    );
    let _ = writeln!(out, "# Microsoft: {}", c.page.url);
    let _ = writeln!(
        out,
        "# openssl req -new -config FILE -newkey rsa:{KEY_BITS} -nodes -keyout KEY -out CSR\n"
    );
    let _ = writeln!(out, "[req]\ndefault_bits = {KEY_BITS}\nprompt = no");
    let _ = writeln!(out, "distinguished_name = dn\nreq_extensions = ext\n");
    let _ = writeln!(out, "[dn]\nCN = {}\n", c.subject);
    let _ = writeln!(
        out,
        "[ext]\nkeyUsage = critical, digitalSignature, keyEncipherment"
    );
    let _ = writeln!(out, "extendedKeyUsage = {}", eku.join(", "));
    if !c.sans.is_empty() {
        let _ = writeln!(out, "subjectAltName = @alt_names\n\n[alt_names]");
        for (i, n) in c.sans.iter().enumerate() {
            let _ = writeln!(out, "DNS.{} = {n}", i + 1);
        }
    }
    out
}

/// The `certreq` INF files.
pub(super) fn certreq(certs: &Certificates) -> super::Files {
    (file_names(certs, "inf").into_iter())
        .map(|(name, c)| (name, certreq_inf(c)))
        .collect()
}

fn certreq_inf(c: &Certificate) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "; {} certificate, {} CA. certreq -new FILE REQUEST.req\r\n",
        c.installed.as_str(),
        c.ca.as_str()
    );
    let _ = write!(out, "; Microsoft: {}\r\n", c.page.url);
    out.push_str("[Version]\r\nSignature = \"$Windows NT$\"\r\n\r\n[NewRequest]\r\n");
    let _ = write!(out, "Subject = \"CN={}\"\r\n", c.subject);
    let _ = write!(
        out,
        "KeyLength = {KEY_BITS}\r\nKeySpec = 1\r\nKeyUsage = 0xa0\r\n"
    );
    let _ = write!(
        out,
        "Exportable = {}\r\n",
        if c.exportable { "TRUE" } else { "FALSE" }
    );
    out.push_str("MachineKeySet = TRUE\r\nRequestType = PKCS10\r\n");
    out.push_str("ProviderName = \"Microsoft RSA SChannel Cryptographic Provider\"\r\n\r\n");
    out.push_str("[EnhancedKeyUsageExtension]\r\n");
    for e in &c.eku {
        let _ = write!(out, "OID = {}\r\n", e.oid());
    }
    if !c.sans.is_empty() {
        out.push_str("\r\n[Extensions]\r\n2.5.29.17 = \"{text}\"\r\n");
        for n in c.sans.iter() {
            let _ = write!(out, "_continue_ = \"dns={n}&\"\r\n");
        }
    }
    out
}
