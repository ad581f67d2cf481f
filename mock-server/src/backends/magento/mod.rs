//! Emulation of Magento 2 (REST and GraphQL over one store).
//!
//! Only the GraphQL engine exists on this branch; the store that implements its
//! `CustomerAccounts` interface comes with the Magento REST emulation. Until then the engine
//! is compiled for its tests only.

#[cfg(test)]
pub(crate) mod graphql;
