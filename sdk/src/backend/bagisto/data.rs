//! What only Bagisto has of a customer and an address, kept in
//! [`CustomerData::Bagisto`](crate::CustomerData) and
//! [`AddressData::Bagisto`](crate::AddressData).
//!
//! The legacy 80-character `apiToken` that registration and login return is
//! not a credential and is kept nowhere.

use serde::{Deserialize, Serialize};

/// Bagisto's own customer fields. The profile read carries the flags; only
/// the registration response carries the group and the channel.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BagistoCustomer {
    /// The account status (1 active, 0 inactive).
    pub status: Option<i64>,
    /// Whether the email was verified (registration through the API leaves
    /// it unverified; login does not check it).
    pub is_verified: Option<bool>,
    /// Whether an administrator suspended the account.
    pub is_suspended: Option<bool>,
    /// The customer group.
    pub customer_group_id: Option<i64>,
    /// The channel the account was created in.
    pub channel_id: Option<i64>,
    /// The profile image's URL.
    pub image: Option<String>,
}

/// Bagisto's own address fields.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BagistoAddress {
    /// The address's email.
    pub email: Option<String>,
    /// VAT number.
    pub vat_id: Option<String>,
    /// `customer` for address-book entries (read shape only).
    pub address_type: Option<String>,
    /// The `useForShipping` flag (read shape only).
    pub use_for_shipping: Option<bool>,
    /// ISO 8601 (read shape only).
    pub created_at: Option<String>,
    /// ISO 8601 (read shape only).
    pub updated_at: Option<String>,
}
