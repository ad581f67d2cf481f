//! Emulation of Magento 2 / Adobe Commerce (2.4.8): the REST customer-account contract under
//! `/rest/<store>/V1` (`shared/spec/magento-rest.md`) and GraphQL at `/graphql`
//! (`shared/spec/magento-graphql.md`), over one store.
//!
//! Layout: `store` holds the state and the operations, free of HTTP (customers, address books,
//! tokens, revocations, throttles); `rest` is the REST API on top of it (routes, input,
//! output, errors); `graphql` the GraphQL API (Adobe's schema, an executor, and the store
//! behind its resolver interface); `emulator` plugs Magento into the shared server;
//! `options` the knobs.

mod emulator;
pub(crate) mod graphql;
mod options;
mod rest;
mod store;

pub use graphql::{AuthorizationStatus, GraphqlOptions, GraphqlVersion};
pub use options::{
    CustomerLockout, EmailAvailability, MagentoOptions, PasswordPolicy, ResetThrottle, TokenFormat,
    TokenLockout, UnconfirmedLoginMessage,
};

use crate::options::MockOptions;
use store::MagentoStore;

/// The Magento emulator (its `Emulator` impl is in `emulator.rs`).
pub(crate) struct MagentoEmulator {
    store: MagentoStore,
    graphql: graphql::GraphqlEngine,
}

impl MagentoEmulator {
    /// A store with the options' seed customers, and the GraphQL schemas built.
    ///
    /// # Errors
    /// `InvalidData` when a vendored SDL cannot be served (a bug of the crate, which its
    /// tests catch).
    pub(crate) fn new(options: &MockOptions, now: i64) -> std::io::Result<Self> {
        let graphql = graphql::GraphqlEngine::new()
            .map_err(|error| std::io::Error::new(std::io::ErrorKind::InvalidData, error))?;
        Ok(Self {
            store: MagentoStore::new(options, now),
            graphql,
        })
    }
}
