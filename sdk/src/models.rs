//! Typed requests and responses of the customer-account operations. They are
//! backend-neutral; each backend maps its wire format to and from them, and
//! keeps what only it has in [`CustomerData`](crate::CustomerData) and
//! [`AddressData`](crate::AddressData).
//!
//! Structs that may grow are `#[non_exhaustive]`: build inputs with their
//! constructors (or `Default`) and set fields by name.

use serde::{Deserialize, Serialize};

use crate::backend::{AddressData, CustomerData};
use crate::secret::{AccessToken, Password, RefreshToken};

/// A customer profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Customer {
    /// The backend's id of the customer, as text (an opaque `cus_…` on Spree,
    /// an integer on Magento and Bagisto, the customer reference on Spryker).
    pub id: String,
    /// Email address as stored.
    pub email: String,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// `"first last"`, or the email when both are blank.
    pub full_name: String,
    /// Phone number.
    pub phone: Option<String>,
    /// Newsletter consent.
    pub accepts_email_marketing: bool,
    /// Date of birth, `YYYY-MM-DD`.
    pub date_of_birth: Option<String>,
    /// Gender.
    pub gender: Option<Gender>,
    /// Salutation.
    pub salutation: Option<Salutation>,
    /// The address book, where the backend's profile carries it (Spree,
    /// Magento, Spryker); empty on Bagisto, whose profile has none: use
    /// `customer().addresses().list()` there.
    pub addresses: Vec<Address>,
    /// The default billing address, where the profile says.
    pub default_billing_address: Option<Address>,
    /// The default shipping address, where the profile says.
    pub default_shipping_address: Option<Address>,
    /// What only this customer's backend has.
    pub backend_data: CustomerData,
}

impl Customer {
    /// A customer with just an id and an email (the other fields empty).
    pub fn new(id: impl Into<String>, email: impl Into<String>) -> Self {
        let email = email.into();
        Self {
            id: id.into(),
            full_name: email.clone(),
            email,
            first_name: None,
            last_name: None,
            phone: None,
            accepts_email_marketing: false,
            date_of_birth: None,
            gender: None,
            salutation: None,
            addresses: Vec::new(),
            default_billing_address: None,
            default_shipping_address: None,
            backend_data: CustomerData::None,
        }
    }

    /// `"first last"` of the given names, or the email when both are blank.
    pub(crate) fn full_name_of(first: Option<&str>, last: Option<&str>, email: &str) -> String {
        let mut joined = String::new();
        for part in [first, last].into_iter().flatten().map(str::trim) {
            if !part.is_empty() {
                if !joined.is_empty() {
                    joined.push(' ');
                }
                joined.push_str(part);
            }
        }
        if joined.is_empty() {
            email.to_owned()
        } else {
            joined
        }
    }
}

/// A gender, as registrations and profiles carry it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Gender {
    /// Male.
    Male,
    /// Female.
    Female,
    /// Another gender, or not specified.
    Other,
}

/// A salutation (Spryker requires one at registration).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Salutation {
    /// Mr
    Mr,
    /// Mrs
    Mrs,
    /// Ms
    Ms,
    /// Dr
    Dr,
}

impl Salutation {
    /// The salutation as written on the wire: `Mr`, `Mrs`, `Ms`, `Dr`.
    pub fn as_str(self) -> &'static str {
        match self {
            Salutation::Mr => "Mr",
            Salutation::Mrs => "Mrs",
            Salutation::Ms => "Ms",
            Salutation::Dr => "Dr",
        }
    }

    /// Reads `Mr`, `Mrs`, `Ms` or `Dr`.
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "Mr" => Salutation::Mr,
            "Mrs" => Salutation::Mrs,
            "Ms" => Salutation::Ms,
            "Dr" => Salutation::Dr,
            _ => return None,
        })
    }
}

/// An address-book entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Address {
    /// The backend's id, as text. An update may return a new one on Spree:
    /// replace cached ids.
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
    /// Country display name, where the backend sends one.
    pub country_name: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country_iso: Option<String>,
    /// State or region code.
    pub state_abbr: Option<String>,
    /// State or region name.
    pub state_name: Option<String>,
    /// Salutation.
    pub salutation: Option<Salutation>,
    /// The customer's default billing address.
    pub is_default_billing: bool,
    /// The customer's default shipping address.
    pub is_default_shipping: bool,
    /// What only this address's backend has.
    pub backend_data: AddressData,
}

impl Address {
    /// An address with just an id (the other fields empty).
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            first_name: None,
            last_name: None,
            full_name: String::new(),
            address1: None,
            address2: None,
            postal_code: None,
            city: None,
            phone: None,
            company: None,
            country_name: None,
            country_iso: None,
            state_abbr: None,
            state_name: None,
            salutation: None,
            is_default_billing: false,
            is_default_shipping: false,
            backend_data: AddressData::None,
        }
    }
}

/// A signed-in session as login, registration, refresh and password-reset
/// completion return it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct AuthResponse {
    /// The access token.
    pub token: AccessToken,
    /// The refresh token, on backends that have one.
    pub refresh_token: Option<RefreshToken>,
    /// The signed-in customer.
    pub user: Customer,
}

impl AuthResponse {
    /// A session of `user` with these tokens.
    pub fn new(token: AccessToken, refresh_token: Option<RefreshToken>, user: Customer) -> Self {
        Self {
            token,
            refresh_token,
            user,
        }
    }
}

/// What a registration ended in.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Registration {
    /// Registered and signed in (`SignedIn` was emitted).
    SignedIn(AuthResponse),
    /// Registered, but the store wants the email confirmed before the first
    /// login: no session was started.
    ConfirmationRequired {
        /// The new customer.
        user: Customer,
    },
}

impl Registration {
    /// The new customer.
    pub fn user(&self) -> &Customer {
        match self {
            Registration::SignedIn(auth) => &auth.user,
            Registration::ConfirmationRequired { user } => user,
        }
    }

    /// The session, when one was started.
    pub fn session(&self) -> Option<&AuthResponse> {
        match self {
            Registration::SignedIn(auth) => Some(auth),
            Registration::ConfirmationRequired { .. } => None,
        }
    }
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
#[non_exhaustive]
pub struct NewCustomer {
    /// Email address.
    pub email: String,
    /// Password.
    pub password: Password,
    /// Confirmation; checked by the server when present (Spryker requires
    /// one: the password is sent again when it is absent).
    pub password_confirmation: Option<Password>,
    /// First name (required by every backend but Spree).
    pub first_name: Option<String>,
    /// Last name (required by every backend but Spree).
    pub last_name: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Newsletter consent.
    pub accepts_email_marketing: Option<bool>,
    /// Date of birth, `YYYY-MM-DD`.
    pub date_of_birth: Option<String>,
    /// Gender (Spryker requires `Male` or `Female`).
    pub gender: Option<Gender>,
    /// Salutation (Spryker requires one).
    pub salutation: Option<Salutation>,
    /// Whether the customer accepted the store's terms (Spryker requires
    /// `true`); never sent unless set.
    pub accepted_terms: Option<bool>,
    /// Free-form metadata as JSON text (for example `{"source":"app"}`),
    /// where the backend stores some (Spree). Text that is not JSON, or holds
    /// a number beyond the range of a double or an unpaired surrogate escape
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
            date_of_birth: None,
            gender: None,
            salutation: None,
            accepted_terms: None,
            metadata: None,
        }
    }

    /// Sets first and last name.
    pub fn name(mut self, first: impl Into<String>, last: impl Into<String>) -> Self {
        self.first_name = Some(first.into());
        self.last_name = Some(last.into());
        self
    }

    /// The credentials of the new account.
    pub fn credentials(&self) -> Credentials {
        Credentials {
            email: self.email.clone(),
            password: self.password.clone(),
        }
    }
}

/// A partial profile update; `None` leaves a field unchanged.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct CustomerUpdate {
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Newsletter consent.
    pub accepts_email_marketing: Option<bool>,
    /// Date of birth, `YYYY-MM-DD`.
    pub date_of_birth: Option<String>,
    /// Gender.
    pub gender: Option<Gender>,
    /// Salutation.
    pub salutation: Option<Salutation>,
    /// Free-form metadata as JSON text, where the backend stores some;
    /// checked as in [`NewCustomer::metadata`].
    pub metadata: Option<String>,
    /// New email; needs `current_password` on backends that ask for it.
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
#[non_exhaustive]
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
#[non_exhaustive]
pub struct NewPassword {
    /// New password.
    pub password: Password,
    /// Its confirmation.
    pub password_confirmation: Password,
    /// The account's email, where the backend needs it to complete a reset
    /// (Magento GraphQL); a missing one is an `InvalidInput` error there.
    pub email: Option<String>,
}

impl NewPassword {
    /// A new password, confirmed.
    pub fn new(password: impl Into<Password>) -> Self {
        let password = password.into();
        Self {
            password_confirmation: password.clone(),
            password,
            email: None,
        }
    }

    /// Sets the account's email.
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }
}

/// Address fields for create (required ones per backend) or a partial update.
///
/// The unified fields (names, `address1`/`address2`, `city`, `postal_code`,
/// `country_iso`, `phone`) are enough on every backend for a country without
/// required regions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
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
    /// ISO country code (alpha-2; Spree also takes alpha-3).
    pub country_iso: Option<String>,
    /// State or region code.
    pub state_abbr: Option<String>,
    /// Free-text state or region name.
    pub state_name: Option<String>,
    /// Salutation (Spryker).
    pub salutation: Option<Salutation>,
    /// Make this the default billing address.
    pub is_default_billing: Option<bool>,
    /// Make this the default shipping address.
    pub is_default_shipping: Option<bool>,
}

/// Paging of a list call.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListOptions {
    /// 1-based page number.
    pub page: Option<u32>,
    /// Items per page.
    pub limit: Option<u32>,
}

impl ListOptions {
    /// Page `page` of `limit` items.
    pub fn page(page: u32, limit: u32) -> Self {
        Self {
            page: Some(page),
            limit: Some(limit),
        }
    }
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Page<T> {
    /// The items.
    pub data: Vec<T>,
    /// Where this page sits, on backends that paginate (Spree); `None` where
    /// the whole list comes at once.
    pub meta: Option<PageMeta>,
}

impl<T> Page<T> {
    /// A page of `data` with `meta`.
    pub fn new(data: Vec<T>, meta: Option<PageMeta>) -> Self {
        Self { data, meta }
    }
}

/// Pagination metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
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

impl PageMeta {
    /// Pagination metadata of page `page` of `pages`.
    pub fn new(page: u32, limit: u32, count: u32, pages: u32) -> Self {
        Self {
            page,
            limit,
            count,
            pages,
            previous: (page > 1).then(|| page - 1),
            next: (page < pages).then(|| page + 1),
        }
    }
}
