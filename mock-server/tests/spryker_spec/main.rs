//! Black-box suite of the Spryker Glue emulation, written from the contract alone (see
//! `support`): seed 003, JSON:API documents, the RS256 JWT and its key, refresh rotation and
//! races, revocation, registration and the catalogue's codes, customers, addresses, passwords,
//! double opt-in, the OAuth form and hostile input. One test binary.

mod support;

mod addresses;
mod bad_input;
mod customers;
mod double_opt_in;
mod jsonapi;
mod jwt;
mod oauth;
mod passwords;
mod policy;
mod refresh;
mod register;
mod revoke;
mod seed;
