//! What only Spryker has of a customer and an address, kept in
//! [`CustomerData::Spryker`](crate::CustomerData) and
//! [`AddressData::Spryker`](crate::AddressData).

use serde::{Deserialize, Serialize};

/// Spryker's own customer fields.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SprykerCustomer {
    /// When the customer was created, as the server wrote it.
    pub created_at: Option<String>,
    /// When the customer was last changed, as the server wrote it.
    pub updated_at: Option<String>,
    /// When the customer's data was anonymized (API Platform resources).
    pub anonymized_at: Option<String>,
}

/// Spryker's own address fields.
///
/// Spryker keeps the street (`address1`) and the house number (`address2`,
/// required) apart, plus an optional addition (`address3`). The unified
/// [`Address::address1`](crate::Address::address1) is `address1` and
/// `address2` joined by a space, [`Address::address2`](crate::Address::address2)
/// is `address3`; these are the lines as stored.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SprykerAddress {
    /// The street.
    pub address1: Option<String>,
    /// The house number.
    pub address2: Option<String>,
    /// An addition to the address.
    pub address3: Option<String>,
    /// Delivery instructions (API Platform resources).
    pub comment: Option<String>,
    /// When the address was created, as the server wrote it.
    pub created_at: Option<String>,
    /// When the address was last changed, as the server wrote it.
    pub updated_at: Option<String>,
}
