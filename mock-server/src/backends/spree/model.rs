//! The stored records of the emulated store.

use super::countries::{Country, State};
use std::fmt;

/// A customer account (`Spree::User`).
pub(crate) struct Customer {
    /// Internal integer id (the JWT `user_id`).
    pub(crate) internal_id: u64,
    /// Public prefixed id (`cus_…`).
    pub(crate) public_id: String,
    /// Normalised email.
    pub(crate) email: String,
    /// PBKDF2-HMAC-SHA256 PHC string.
    pub(crate) password_hash: String,
    /// Given name.
    pub(crate) first_name: Option<String>,
    /// Family name.
    pub(crate) last_name: Option<String>,
    /// Phone.
    pub(crate) phone: Option<String>,
    /// Newsletter opt-in.
    pub(crate) accepts_email_marketing: bool,
    /// Stored, never returned.
    pub(crate) metadata: Option<serde_json::Value>,
    /// Default billing address (internal id).
    pub(crate) bill_address_id: Option<u64>,
    /// Default shipping address (internal id).
    pub(crate) ship_address_id: Option<u64>,
    /// The store's newsletter subscription for this email.
    pub(crate) newsletter: Option<NewsletterSubscription>,
    /// Consecutive failed logins (lockout mode).
    pub(crate) failed_logins: u32,
    /// Locked until this time (lockout mode).
    pub(crate) locked_until: Option<i64>,
}

impl fmt::Debug for Customer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Customer")
            .field("internal_id", &self.internal_id)
            .field("public_id", &self.public_id)
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// A newsletter subscription (`Spree::NewsletterSubscriber`).
#[derive(Debug, Clone)]
pub(crate) struct NewsletterSubscription {
    /// Public id (`sub_…`).
    pub(crate) public_id: String,
    /// Creation time.
    pub(crate) created_at: i64,
    /// Verification time.
    pub(crate) verified_at: i64,
}

/// An address of a customer's address book.
#[derive(Debug, Clone)]
pub(crate) struct Address {
    /// Internal id.
    pub(crate) internal_id: u64,
    /// Public id (`addr_…`).
    pub(crate) public_id: String,
    /// Owner (internal customer id).
    pub(crate) customer_id: u64,
    /// The editable values.
    pub(crate) fields: AddressFields,
    /// Hidden from every read.
    pub(crate) deleted: bool,
    /// Referenced by a completed order, so not editable in place.
    pub(crate) ordered: bool,
    /// Creation order.
    pub(crate) created_seq: u64,
    /// Last update order.
    pub(crate) updated_seq: u64,
}

/// The values of an address.
#[derive(Debug, Clone, Default)]
pub(crate) struct AddressFields {
    /// `firstname`.
    pub(crate) first_name: Option<String>,
    /// `lastname`.
    pub(crate) last_name: Option<String>,
    /// Street line 1.
    pub(crate) address1: Option<String>,
    /// Street line 2.
    pub(crate) address2: Option<String>,
    /// `zipcode`.
    pub(crate) postal_code: Option<String>,
    /// City.
    pub(crate) city: Option<String>,
    /// Phone.
    pub(crate) phone: Option<String>,
    /// Company.
    pub(crate) company: Option<String>,
    /// Country.
    pub(crate) country: Option<&'static Country>,
    /// Matched state.
    pub(crate) state: Option<&'static State>,
    /// Free-text state name.
    pub(crate) state_name: Option<String>,
}

impl AddressFields {
    /// Whether both carry the same values, ignoring case (spec §4.12).
    pub(crate) fn same_as(&self, other: &AddressFields) -> bool {
        fn same(left: &Option<String>, right: &Option<String>) -> bool {
            match (left, right) {
                (Some(left), Some(right)) => left.to_lowercase() == right.to_lowercase(),
                (None, None) => true,
                _ => false,
            }
        }
        same(&self.first_name, &other.first_name)
            && same(&self.last_name, &other.last_name)
            && same(&self.address1, &other.address1)
            && same(&self.address2, &other.address2)
            && same(&self.postal_code, &other.postal_code)
            && same(&self.city, &other.city)
            && same(&self.phone, &other.phone)
            && same(&self.company, &other.company)
            && same(&self.state_name, &other.state_name)
            && self.country.map(|c| c.iso) == other.country.map(|c| c.iso)
            && self.state.map(|s| s.abbr) == other.state.map(|s| s.abbr)
    }
}

/// A stored refresh token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RefreshTokenRow {
    /// Owner (internal customer id).
    pub(crate) customer_id: u64,
    /// Expiry, unix seconds.
    pub(crate) expires_at: i64,
}
