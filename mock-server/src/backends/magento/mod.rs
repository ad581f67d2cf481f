//! Emulation of Magento 2 / Adobe Commerce (2.4.8): the REST customer-account contract under
//! `/rest/<store>/V1` (`shared/spec/magento-rest.md`), over one store that a GraphQL API can
//! serve as well.
//!
//! Layout: `store` holds the state and the operations, free of HTTP (customers, address books,
//! tokens, revocations, throttles); `rest` is the REST API on top of it (routes, input,
//! output, errors); `emulator` plugs Magento into the shared server; `options` the knobs.

mod emulator;
#[cfg(test)]
pub(crate) mod graphql;
mod options;
mod rest;
mod store;

pub use options::{
    CustomerLockout, EmailAvailability, MagentoOptions, PasswordPolicy, ResetThrottle, TokenFormat,
    TokenLockout, UnconfirmedLoginMessage,
};

use crate::options::MockOptions;
use store::MagentoStore;

/// The Magento emulator (its `Emulator` impl is in `emulator.rs`).
pub(crate) struct MagentoEmulator {
    store: MagentoStore,
}

impl MagentoEmulator {
    /// A store with the options' seed customers.
    pub(crate) fn new(options: &MockOptions, now: i64) -> Self {
        Self {
            store: MagentoStore::new(options, now),
        }
    }
}
