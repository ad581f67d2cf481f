//! What only Magento GraphQL has of a customer and an address, kept in
//! [`CustomerData::MagentoGraphql`](crate::CustomerData) and
//! [`AddressData::MagentoGraphql`](crate::AddressData).

use serde::{Deserialize, Serialize};

/// Magento's own customer fields, as the `customer` query selects them.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MagentoGraphqlCustomer {
    /// Middle name.
    pub middlename: Option<String>,
    /// Name suffix.
    pub suffix: Option<String>,
    /// When the account was created (`Y-m-d H:i:s`, UTC).
    pub created_at: Option<String>,
    /// `confirmation_status` as it came (`ACCOUNT_CONFIRMED`,
    /// `ACCOUNT_CONFIRMATION_NOT_REQUIRED`).
    pub confirmation_status: Option<String>,
}

/// Magento's own address fields.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MagentoGraphqlAddress {
    /// The integer id (the unified `Address::id` on 2.4.8; deprecated in
    /// 2.4.9, where the `uid` is).
    pub address_id: Option<i64>,
    /// The base64 `uid` (2.4.9 only; the unified `Address::id` there).
    pub uid: Option<String>,
    /// Every street line (the unified `address1`/`address2` hold the first
    /// and the rest joined by a newline).
    pub street: Vec<String>,
    /// The region's numeric id (0 where the country has no regions).
    pub region_id: Option<i64>,
    /// VAT number.
    pub vat_id: Option<String>,
}
