//! What only Spree has of a customer and an address, kept in
//! [`CustomerData::Spree`](crate::CustomerData) and
//! [`AddressData::Spree`](crate::AddressData).

use serde::{Deserialize, Serialize};

/// Spree's own customer fields.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SpreeCustomer {
    /// Store credit as a decimal string, e.g. `"0"`.
    pub available_store_credit_total: Option<String>,
    /// Store credit formatted as money, e.g. `"$0.00"`.
    pub display_available_store_credit_total: Option<String>,
    /// The store newsletter subscription, if any.
    pub newsletter_subscriber: Option<NewsletterSubscriber>,
    /// Customer-group memberships in this store.
    pub customer_groups: Vec<CustomerGroup>,
}

/// A store newsletter subscription.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewsletterSubscriber {
    /// Opaque id.
    pub id: String,
    /// Subscribed email.
    pub email: String,
    /// Whether the subscription was confirmed.
    pub verified: bool,
    /// When it was created (ISO 8601).
    pub created_at: Option<String>,
    /// When it last changed (ISO 8601).
    pub updated_at: Option<String>,
    /// When it was confirmed (ISO 8601), if it was.
    pub verified_at: Option<String>,
    /// The subscribed customer's id, if the subscription is a customer's.
    pub customer_id: Option<String>,
}

/// A customer-group membership.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomerGroup {
    /// Opaque id.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// Spree's own address fields.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SpreeAddress {
    /// The state's abbreviation, else its name.
    pub state_text: Option<String>,
    /// Created by a quick checkout.
    pub quick_checkout: bool,
}
