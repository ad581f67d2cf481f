//! Black-box suite of the Magento 2 REST emulation, written from the contract alone (see `support`).

mod support;

mod addresses;
mod bad_input;
mod change_password;
mod confirmation;
mod enumeration;
mod http;
mod lockout;
mod login;
mod password_policy;
mod password_reset;
mod profile;
mod races;
mod register;
mod reset_link;
mod revoke;
mod seed;
mod store_scope;
mod tokens;
