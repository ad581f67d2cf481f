//! The Spryker Glue emulation through HTTP (the crate's own tests; the independent black-box
//! suite is `spryker_spec`): auth and tokens, JSON:API conventions, customers, addresses and
//! passwords. One test binary for the backend.

mod glue;

mod account;
mod auth;
mod conventions;
