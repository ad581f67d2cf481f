//! The rows the emulated store keeps: `customers` and `addresses` (spec §11). Columns the
//! client left out stay `None`: the processor validates nothing, so a row stores what came.

/// A `customers` row.
#[derive(Debug, Clone)]
pub(crate) struct Customer {
    /// Integer id.
    pub(crate) id: u64,
    /// Email as given (unique ignoring case, like the database's collation).
    pub(crate) email: String,
    /// The shared password hash (see `crate::passwords`).
    pub(crate) password_hash: String,
    /// Given name.
    pub(crate) first_name: Option<String>,
    /// Family name.
    pub(crate) last_name: Option<String>,
    /// Digits only, unique.
    pub(crate) phone: Option<String>,
    /// `Male`, `Female` or `Other`.
    pub(crate) gender: Option<String>,
    /// As given (`YYYY-MM-DD` by contract).
    pub(crate) date_of_birth: Option<String>,
    /// 1 active, 0 inactive (client-settable at registration).
    pub(crate) status: i64,
    /// 0 unless the client set it at registration.
    pub(crate) is_verified: i64,
    /// Non-zero: login and verify-tokens refuse the account.
    pub(crate) is_suspended: i64,
    /// Newsletter opt-in.
    pub(crate) subscribed_to_news_letter: bool,
    /// The legacy 80-character `api_token`: returned by login, never a credential.
    pub(crate) api_token: String,
}

/// An `addresses` row of type `customer`.
#[derive(Debug, Clone)]
pub(crate) struct Address {
    /// Integer id.
    pub(crate) id: u64,
    /// The owner.
    pub(crate) customer_id: u64,
    /// Given name.
    pub(crate) first_name: Option<String>,
    /// Family name.
    pub(crate) last_name: Option<String>,
    /// Company.
    pub(crate) company_name: Option<String>,
    /// VAT id.
    pub(crate) vat_id: Option<String>,
    /// Contact email.
    pub(crate) email: Option<String>,
    /// Contact phone.
    pub(crate) phone: Option<String>,
    /// `address1` and `address2` joined by a newline (empty lines dropped).
    pub(crate) address: String,
    /// City.
    pub(crate) city: Option<String>,
    /// State code.
    pub(crate) state: Option<String>,
    /// ISO-2 country.
    pub(crate) country: Option<String>,
    /// Postcode.
    pub(crate) postcode: Option<String>,
    /// The one default flag.
    pub(crate) default_address: bool,
    /// `use_for_shipping`.
    pub(crate) use_for_shipping: bool,
    /// Mock-clock creation time, unix seconds.
    pub(crate) created_at: i64,
    /// Mock-clock time of the last write, unix seconds.
    pub(crate) updated_at: i64,
}
