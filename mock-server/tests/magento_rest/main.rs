//! The Magento 2 REST emulation through HTTP: seed 000 verbatim, tokens and revocation,
//! error bodies, the address book, passwords, confirmation and lockout, hostile input, and
//! the shared control surface. One test binary for the backend (the crate's own tests; the
//! independent black-box suite lives elsewhere).

#[path = "../common/mod.rs"]
mod common;

mod accounts;
mod cli;
mod fixture;
mod hardening;
mod passwords;
mod profile;
mod seed;
mod tokens;
