//! DNS for the plan: its names checked as DNS names (`name`), resolved with Microsoft's
//! defaults (`names`), what each reverse proxy publishes (`published`), and the records
//! Microsoft's DNS summary pages list for its topology (`records`), each citing its page. Pure
//! functions of `(&Plan, &Catalog)`; the formats that write them are in `export::dns`.

mod build;
mod edge;
pub mod name;
pub mod names;
pub mod published;
pub mod records;

pub use name::{DnsName, NameError};
pub use names::{Names, resolve};
pub use published::{Published, Publisher, Publishing};
pub use records::{
    DnsError, DnsRecord, DnsRecords, Page, Problem, RecordData, View, derive, derive_with,
};
