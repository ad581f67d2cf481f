//! Black-box suite of the Bagisto (`/api/shop`) emulation, written from the contract alone (see `support`).

mod support;

mod addresses;
mod bad_input;
mod login;
mod logout;
mod password_reset;
mod profile;
mod rate_limit;
mod register;
mod storefront_key;
