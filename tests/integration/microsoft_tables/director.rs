//! The Director pages: single Director (JJ204648), HLB Director pool (JJ204983), DNS and HLB
//! Director pool (JJ205179, child of JJ205142).

use super::{Check, assert_checks, edge, rows};

pub fn checks() -> Vec<Check> {
    vec![
        // One Director, a Standard Edition server, one Edge.
        Check::new(edge::single_public(), vec![rows::jj204648()]),
        // An HLB-only Director pool of two beside an HLB Edge pool of four.
        Check::new(edge::hlb_public(), vec![rows::jj204983()]),
        // A DNS+HLB Director pool of two beside a DNS Edge pool of two.
        Check::new(edge::dns_public(), vec![rows::jj205179()]),
    ]
}

#[test]
fn every_row_of_the_director_tables_holds() {
    assert_checks(&checks());
}
