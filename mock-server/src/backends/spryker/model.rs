//! What the emulated Spryker keeps of a customer and an address (spec §9, state).

/// A customer (`spy_customer`).
#[derive(Debug, Clone)]
pub(crate) struct Customer {
    /// `id_customer`.
    pub(crate) id: u64,
    /// `DE--<id>`.
    pub(crate) reference: String,
    /// Email as registered (unique ignoring case).
    pub(crate) email: String,
    /// PHC string of the password.
    pub(crate) password_hash: String,
    /// `Mr`, `Mrs`, `Ms`, `Dr` (or `n/a` through the API Platform).
    pub(crate) salutation: Option<String>,
    /// Given name.
    pub(crate) first_name: Option<String>,
    /// Family name.
    pub(crate) last_name: Option<String>,
    /// `Male` or `Female`.
    pub(crate) gender: Option<String>,
    /// `YYYY-MM-DD`.
    pub(crate) date_of_birth: Option<String>,
    /// Phone number.
    pub(crate) phone: Option<String>,
    /// Mock-clock time of creation, unix seconds.
    pub(crate) created_at: i64,
    /// Mock-clock time of the last change, unix seconds.
    pub(crate) updated_at: i64,
    /// Whether the registration is confirmed (always, unless double opt-in was on).
    pub(crate) registered: bool,
    /// The key a double opt-in confirmation needs, until used.
    pub(crate) registration_key: Option<String>,
    /// The restore key of the last forgotten-password request and when it was made.
    pub(crate) restore_key: Option<(String, i64)>,
    /// Id of the default billing address.
    pub(crate) default_billing: Option<u64>,
    /// Id of the default shipping address.
    pub(crate) default_shipping: Option<u64>,
    /// Ids of the addresses, oldest first.
    pub(crate) addresses: Vec<u64>,
}

/// A customer address (`spy_customer_address`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Address {
    /// `id_customer_address`.
    pub(crate) id: u64,
    /// The UUID of the API.
    pub(crate) uuid: String,
    /// The owner's `id_customer`.
    pub(crate) customer_id: u64,
    /// Salutation.
    pub(crate) salutation: Option<String>,
    /// Given name.
    pub(crate) first_name: Option<String>,
    /// Family name.
    pub(crate) last_name: Option<String>,
    /// Street.
    pub(crate) address1: Option<String>,
    /// House number.
    pub(crate) address2: Option<String>,
    /// Addition.
    pub(crate) address3: Option<String>,
    /// Postal code.
    pub(crate) zip_code: Option<String>,
    /// City.
    pub(crate) city: Option<String>,
    /// Country code (upper case) and name.
    pub(crate) country: (&'static str, &'static str),
    /// Company.
    pub(crate) company: Option<String>,
    /// Phone number.
    pub(crate) phone: Option<String>,
    /// Delivery instructions (API Platform only).
    pub(crate) comment: Option<String>,
}
