//! The one integration-test binary (every extra binary relinks eframe on a 2-core machine).
