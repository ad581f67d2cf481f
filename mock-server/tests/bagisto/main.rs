//! The Bagisto shop API emulation through HTTP: seed 004 verbatim, the storefront-key
//! middleware and its rate limit, soft failures and problem bodies, Sanctum tokens, the
//! profile, addresses, password-reset requests, hostile input and the binary. The crate's own
//! tests; the independent black-box suite lives elsewhere.

#[path = "../common/mod.rs"]
mod common;

mod accounts;
mod addresses;
mod fixture;
mod hostile;
mod middleware;
mod options;
mod profile;
mod resets;
mod seed;
mod tokens;
