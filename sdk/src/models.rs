//! Typed requests and responses of the customer-account operations. They are
//! backend-neutral; each backend maps its wire format to and from them. Field
//! names follow Spree Store API v3, the reference backend.

use serde::{Deserialize, Serialize};

use crate::secret::{AccessToken, Password, RefreshToken};

/// A customer profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    /// Opaque id (`cus_…` on Spree 5.6).
    pub id: String,
    /// Email address as stored.
    pub email: String,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Newsletter consent.
    pub accepts_email_marketing: bool,
    /// `"first last"`, or the email when both are blank.
    pub full_name: String,
    /// Store credit as a decimal string, e.g. `"0"`.
    pub available_store_credit_total: Option<String>,
    /// Store credit formatted as money, e.g. `"$0.00"`.
    pub display_available_store_credit_total: Option<String>,
    /// The address book, most recently updated first.
    pub addresses: Vec<Address>,
    /// The default billing address.
    pub default_billing_address: Option<Address>,
    /// The default shipping address.
    pub default_shipping_address: Option<Address>,
    /// The store newsletter subscription, if any.
    pub newsletter_subscriber: Option<NewsletterSubscriber>,
    /// Customer-group memberships in this store.
    pub customer_groups: Vec<CustomerGroup>,
}

/// A store newsletter subscription.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewsletterSubscriber {
    /// Opaque id.
    pub id: String,
    /// Subscribed email.
    pub email: String,
    /// Whether the subscription was confirmed.
    pub verified: bool,
    /// When it was created (ISO 8601).
    pub created_at: Option<String>,
}

/// A customer-group membership.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerGroup {
    /// Opaque id.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// An address-book entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Address {
    /// Opaque id (`addr_…`). An update may return a new one: replace cached ids.
    pub id: String,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// `"first last"`, possibly empty.
    pub full_name: String,
    /// Street line 1.
    pub address1: Option<String>,
    /// Street line 2.
    pub address2: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Company.
    pub company: Option<String>,
    /// Country display name.
    pub country_name: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country_iso: Option<String>,
    /// State abbreviation, else its name.
    pub state_text: Option<String>,
    /// State abbreviation.
    pub state_abbr: Option<String>,
    /// State name.
    pub state_name: Option<String>,
    /// Created by a quick checkout.
    pub quick_checkout: bool,
    /// The customer's default billing address.
    pub is_default_billing: bool,
    /// The customer's default shipping address.
    pub is_default_shipping: bool,
}

/// What login, registration, refresh and password-reset completion return.
#[derive(Debug, Clone)]
pub struct AuthResponse {
    /// The access token.
    pub token: AccessToken,
    /// The refresh token, on backends that have one.
    pub refresh_token: Option<RefreshToken>,
    /// The signed-in customer.
    pub user: Customer,
}

/// Email and password for login.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// Email address.
    pub email: String,
    /// Password.
    pub password: Password,
}

impl Credentials {
    /// Credentials from an email and a password.
    pub fn new(email: impl Into<String>, password: impl Into<Password>) -> Self {
        Self {
            email: email.into(),
            password: password.into(),
        }
    }
}

/// A registration.
#[derive(Debug, Clone)]
pub struct NewCustomer {
    /// Email address.
    pub email: String,
    /// Password.
    pub password: Password,
    /// Confirmation; checked by the server when present.
    pub password_confirmation: Option<Password>,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Newsletter consent.
    pub accepts_email_marketing: Option<bool>,
    /// Free-form metadata as JSON text (for example `{"source":"app"}`),
    /// stored but never returned. Text that is not JSON, or holds a number
    /// beyond the range of a double or an unpaired surrogate escape
    /// (`"\ud800"`), is an `InvalidInput` error before anything is sent.
    pub metadata: Option<String>,
}

impl NewCustomer {
    /// A registration with just an email and a password.
    pub fn new(email: impl Into<String>, password: impl Into<Password>) -> Self {
        Self {
            email: email.into(),
            password: password.into(),
            password_confirmation: None,
            first_name: None,
            last_name: None,
            phone: None,
            accepts_email_marketing: None,
            metadata: None,
        }
    }

    /// Sets first and last name.
    pub fn name(mut self, first: impl Into<String>, last: impl Into<String>) -> Self {
        self.first_name = Some(first.into());
        self.last_name = Some(last.into());
        self
    }
}

/// A partial profile update; `None` leaves a field unchanged.
#[derive(Debug, Clone, Default)]
pub struct CustomerUpdate {
    /// First name (blank clears it).
    pub first_name: Option<String>,
    /// Last name (blank clears it).
    pub last_name: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Newsletter consent.
    pub accepts_email_marketing: Option<bool>,
    /// Free-form metadata as JSON text; checked as in
    /// [`NewCustomer::metadata`].
    pub metadata: Option<String>,
    /// New email; needs `current_password`.
    pub email: Option<String>,
    /// New password; needs `current_password`.
    pub password: Option<Password>,
    /// Confirmation of the new password.
    pub password_confirmation: Option<Password>,
    /// The current password, for email or password changes.
    pub current_password: Option<Password>,
}

/// A request for a password-reset message.
#[derive(Debug, Clone)]
pub struct PasswordResetRequest {
    /// The account's email.
    pub email: String,
    /// Where the reset link should lead (kept only if the store allows it).
    pub redirect_url: Option<String>,
}

impl PasswordResetRequest {
    /// A reset request for `email`.
    pub fn new(email: impl Into<String>) -> Self {
        Self {
            email: email.into(),
            redirect_url: None,
        }
    }
}

/// The new password that completes a reset.
#[derive(Debug, Clone)]
pub struct NewPassword {
    /// New password.
    pub password: Password,
    /// Its confirmation.
    pub password_confirmation: Password,
}

impl NewPassword {
    /// A new password, confirmed.
    pub fn new(password: impl Into<Password>) -> Self {
        let password = password.into();
        Self {
            password_confirmation: password.clone(),
            password,
        }
    }
}

/// Address fields for create (required ones per backend) or a partial update.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddressInput {
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Street line 1.
    pub address1: Option<String>,
    /// Street line 2 (blank clears it).
    pub address2: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Company.
    pub company: Option<String>,
    /// ISO country code (alpha-2 or alpha-3).
    pub country_iso: Option<String>,
    /// State abbreviation.
    pub state_abbr: Option<String>,
    /// Free-text state name.
    pub state_name: Option<String>,
    /// Make this the default billing address.
    pub is_default_billing: Option<bool>,
    /// Make this the default shipping address.
    pub is_default_shipping: Option<bool>,
}

/// Paging of a list call.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListOptions {
    /// 1-based page number.
    pub page: Option<u32>,
    /// Items per page.
    pub limit: Option<u32>,
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items.
    pub data: Vec<T>,
    /// Where this page sits.
    pub meta: PageMeta,
}

/// Pagination metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageMeta {
    /// This page's number.
    pub page: u32,
    /// Items per page.
    pub limit: u32,
    /// Total items.
    pub count: u32,
    /// Total pages.
    pub pages: u32,
    /// The previous page, if any.
    pub previous: Option<u32>,
    /// The next page, if any.
    pub next: Option<u32>,
}
