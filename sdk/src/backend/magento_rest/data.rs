//! What only Magento REST has of a customer and an address, kept in
//! [`CustomerData::MagentoRest`](crate::CustomerData) and
//! [`AddressData::MagentoRest`](crate::AddressData).

use serde::{Deserialize, Serialize};

/// Magento's own customer fields.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MagentoCustomer {
    /// The customer group.
    pub group_id: Option<i64>,
    /// The website the account belongs to (emails are unique per website).
    pub website_id: Option<i64>,
    /// The store view the account was created in.
    pub store_id: Option<i64>,
    /// The store view's name at creation.
    pub created_in: Option<String>,
    /// `Y-m-d H:i:s`, UTC.
    pub created_at: Option<String>,
    /// `Y-m-d H:i:s`, UTC.
    pub updated_at: Option<String>,
    /// Middle name.
    pub middlename: Option<String>,
    /// Name suffix.
    pub suffix: Option<String>,
    /// Tax/VAT number.
    pub taxvat: Option<String>,
    /// Whether the account still waits for its email confirmation.
    pub confirmation_pending: bool,
}

/// Magento's own address fields.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MagentoAddress {
    /// Every street line (the unified `address1`/`address2` hold the first
    /// and the rest joined by a newline).
    pub street: Vec<String>,
    /// The region's numeric id (0 where the country has no regions).
    pub region_id: Option<i64>,
    /// Middle name.
    pub middlename: Option<String>,
    /// VAT number.
    pub vat_id: Option<String>,
    /// Fax number.
    pub fax: Option<String>,
}
