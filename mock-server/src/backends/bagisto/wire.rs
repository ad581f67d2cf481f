//! The JSON shapes of the operations' answers (spec §2), key for key in the spec's order, with
//! the spec's types: integers on registration and login, strings on the profile, `"true"` /
//! `"false"` on its update, and the two address shapes.

use super::model::{Address, Customer};
use super::php;
use crate::http::{ApiResponse, ResponseOrigin};
use serde::Serialize;

/// `customerGroupId` of a new customer (Bagisto's `general` group).
const GENERAL_GROUP_ID: u64 = 2;
/// `channelId` of the default channel.
const DEFAULT_CHANNEL_ID: u64 = 1;

/// An operation's output as API Platform renders it (`application/json; charset=utf-8`).
pub(crate) fn output<T: Serialize + ?Sized>(status: u16, value: &T) -> ApiResponse {
    ApiResponse::json(
        status,
        serde_json::to_vec(value).unwrap_or_default(),
        ResponseOrigin::Action,
    )
}

/// `name`: `ucfirst(first_name).' '.ucfirst(last_name)`.
fn customer_name(customer: &Customer) -> String {
    format!(
        "{} {}",
        php::ucfirst(customer.first_name.as_deref().unwrap_or_default()),
        php::ucfirst(customer.last_name.as_deref().unwrap_or_default())
    )
}

/// `POST /customers` 201: the new customer with its Sanctum token.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Registered<'a> {
    id: u64,
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
    gender: Option<&'a str>,
    date_of_birth: Option<&'a str>,
    email: &'a str,
    phone: Option<&'a str>,
    status: i64,
    api_token: &'a str,
    customer_group_id: u64,
    channel_id: u64,
    subscribed_to_news_letter: bool,
    is_verified: i64,
    is_suspended: i64,
    token: &'a str,
    remember_token: Option<&'a str>,
    device_token: Option<&'a str>,
    name: String,
}

impl<'a> Registered<'a> {
    /// The answer for `customer`, signed in with `token`, with the `deviceToken` it sent.
    pub(crate) fn new(
        customer: &'a Customer,
        token: &'a str,
        device_token: Option<&'a str>,
    ) -> Self {
        Self {
            id: customer.id,
            first_name: customer.first_name.as_deref(),
            last_name: customer.last_name.as_deref(),
            gender: customer.gender.as_deref(),
            date_of_birth: customer.date_of_birth.as_deref(),
            email: &customer.email,
            phone: customer.phone.as_deref(),
            status: customer.status,
            api_token: &customer.api_token,
            customer_group_id: GENERAL_GROUP_ID,
            channel_id: DEFAULT_CHANNEL_ID,
            subscribed_to_news_letter: customer.subscribed_to_news_letter,
            is_verified: customer.is_verified,
            is_suspended: customer.is_suspended,
            token,
            remember_token: None,
            device_token,
            name: customer_name(customer),
        }
    }
}

/// `POST /customer/login` 201, success or soft failure.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LoginAnswer<'a> {
    id: u64,
    #[serde(rename = "_id")]
    underscore_id: u64,
    api_token: &'a str,
    token: &'a str,
    success: bool,
    message: &'a str,
}

impl<'a> LoginAnswer<'a> {
    /// A signed-in customer.
    pub(crate) fn success(customer: &'a Customer, token: &'a str, message: &'a str) -> Self {
        Self {
            id: customer.id,
            underscore_id: customer.id,
            api_token: &customer.api_token,
            token,
            success: true,
            message,
        }
    }

    /// A soft failure: zero ids, empty tokens.
    pub(crate) fn failure(message: &'a str) -> Self {
        Self {
            id: 0,
            underscore_id: 0,
            api_token: "",
            token: "",
            success: false,
            message,
        }
    }
}

/// `{"success","message"}` of logout and forgot-password.
#[derive(Serialize)]
pub(crate) struct Outcome<'a> {
    success: bool,
    message: &'a str,
}

impl<'a> Outcome<'a> {
    /// `success` with `message`.
    pub(crate) fn new(success: bool, message: &'a str) -> Self {
        Self { success, message }
    }
}

/// `POST /verify-tokens` 201.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Verified<'a> {
    id: u64,
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
    email: &'a str,
    is_valid: bool,
    message: &'a str,
}

impl<'a> Verified<'a> {
    /// A valid token of `customer`.
    pub(crate) fn valid(customer: &'a Customer, message: &'a str) -> Self {
        Self {
            id: customer.id,
            first_name: customer.first_name.as_deref(),
            last_name: customer.last_name.as_deref(),
            email: &customer.email,
            is_valid: true,
            message,
        }
    }

    /// An invalid one: zero id, empty strings.
    pub(crate) fn invalid(message: &'a str) -> Self {
        Self {
            id: 0,
            first_name: Some(""),
            last_name: Some(""),
            email: "",
            is_valid: false,
            message,
        }
    }
}

/// One element of the `GET /customer-profile` array: ids and flags as numeric strings, and the
/// input-only fields as `null`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Profile<'a> {
    id: String,
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
    email: &'a str,
    phone: Option<&'a str>,
    gender: Option<&'a str>,
    date_of_birth: Option<&'a str>,
    status: String,
    subscribed_to_news_letter: bool,
    is_verified: String,
    is_suspended: String,
    image: Option<&'a str>,
    password: Option<&'a str>,
    confirm_password: Option<&'a str>,
    success: Option<bool>,
    message: Option<&'a str>,
}

impl<'a> Profile<'a> {
    /// The profile of `customer`.
    pub(crate) fn new(customer: &'a Customer) -> Self {
        Self {
            id: customer.id.to_string(),
            first_name: customer.first_name.as_deref(),
            last_name: customer.last_name.as_deref(),
            email: &customer.email,
            phone: customer.phone.as_deref(),
            gender: customer.gender.as_deref(),
            date_of_birth: customer.date_of_birth.as_deref(),
            status: customer.status.to_string(),
            subscribed_to_news_letter: customer.subscribed_to_news_letter,
            is_verified: customer.is_verified.to_string(),
            is_suspended: customer.is_suspended.to_string(),
            image: None,
            password: None,
            confirm_password: None,
            success: None,
            message: None,
        }
    }
}

/// `"true"` or `"false"`, as the profile update renders flags.
fn flag_text(value: i64) -> &'static str {
    if value != 0 { "true" } else { "false" }
}

/// `PUT /customer-profile-updates/{id}` 200.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ProfileUpdated<'a> {
    id: String,
    #[serde(rename = "_id")]
    underscore_id: String,
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
    email: &'a str,
    phone: Option<&'a str>,
    gender: Option<&'a str>,
    date_of_birth: Option<&'a str>,
    status: String,
    subscribed_to_news_letter: bool,
    is_verified: &'static str,
    is_suspended: &'static str,
    image: Option<&'a str>,
    success: bool,
    message: &'a str,
}

impl<'a> ProfileUpdated<'a> {
    /// The updated `customer`.
    pub(crate) fn new(customer: &'a Customer, message: &'a str) -> Self {
        Self {
            id: customer.id.to_string(),
            underscore_id: customer.id.to_string(),
            first_name: customer.first_name.as_deref(),
            last_name: customer.last_name.as_deref(),
            email: &customer.email,
            phone: customer.phone.as_deref(),
            gender: customer.gender.as_deref(),
            date_of_birth: customer.date_of_birth.as_deref(),
            status: customer.status.to_string(),
            subscribed_to_news_letter: customer.subscribed_to_news_letter,
            is_verified: flag_text(customer.is_verified),
            is_suspended: flag_text(customer.is_suspended),
            image: None,
            success: true,
            message,
        }
    }
}

/// The lines of the `address` column: split on newlines, empty ones dropped but counted, so
/// that `address1` is `None` when the first line is empty.
fn lines(address: &str) -> (Option<&str>, Option<&str>) {
    let mut split = address
        .split('\n')
        .map(|line| Some(line).filter(|line| !php::empty_str(line)));
    let first = split.next().flatten();
    let second = split.next().flatten();
    (first, second)
}

/// The processor shape of an address write (create 201, update 200).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WrittenAddress<'a> {
    id: u64,
    address_id: u64,
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
    company_name: Option<&'a str>,
    vat_id: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    address1: Option<&'a str>,
    address2: Option<&'a str>,
    country: Option<&'a str>,
    state: Option<&'a str>,
    city: Option<&'a str>,
    postcode: Option<&'a str>,
    default_address: bool,
}

impl<'a> WrittenAddress<'a> {
    /// The processor's answer for `address`.
    pub(crate) fn new(address: &'a Address) -> Self {
        let (address1, address2) = lines(&address.address);
        Self {
            id: address.id,
            address_id: address.id,
            first_name: address.first_name.as_deref(),
            last_name: address.last_name.as_deref(),
            company_name: address.company_name.as_deref(),
            vat_id: address.vat_id.as_deref(),
            email: address.email.as_deref(),
            phone: address.phone.as_deref(),
            address1,
            address2,
            country: address.country.as_deref(),
            state: address.state.as_deref(),
            city: address.city.as_deref(),
            postcode: address.postcode.as_deref(),
            default_address: address.default_address,
        }
    }
}

/// Unix seconds as the model's ISO 8601 timestamps (`2026-07-02T11:16:28+00:00`, UTC).
fn timestamp(unix_seconds: i64) -> String {
    let moment = time::OffsetDateTime::from_unix_timestamp(unix_seconds)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+00:00",
        moment.year(),
        u8::from(moment.month()),
        moment.day(),
        moment.hour(),
        moment.minute(),
        moment.second()
    )
}

/// The model shape of an address read (get, list): the lines joined in `address`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StoredAddress<'a> {
    id: u64,
    address_type: &'static str,
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
    company_name: Option<&'a str>,
    address: &'a str,
    city: Option<&'a str>,
    state: Option<&'a str>,
    country: Option<&'a str>,
    postcode: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    vat_id: Option<&'a str>,
    default_address: bool,
    use_for_shipping: bool,
    created_at: String,
    updated_at: String,
    name: String,
}

impl<'a> StoredAddress<'a> {
    /// The model of `address`.
    pub(crate) fn new(address: &'a Address) -> Self {
        Self {
            id: address.id,
            address_type: "customer",
            first_name: address.first_name.as_deref(),
            last_name: address.last_name.as_deref(),
            company_name: address.company_name.as_deref(),
            address: &address.address,
            city: address.city.as_deref(),
            state: address.state.as_deref(),
            country: address.country.as_deref(),
            postcode: address.postcode.as_deref(),
            email: address.email.as_deref(),
            phone: address.phone.as_deref(),
            vat_id: address.vat_id.as_deref(),
            default_address: address.default_address,
            use_for_shipping: address.use_for_shipping,
            created_at: timestamp(address.created_at),
            updated_at: timestamp(address.updated_at),
            name: format!(
                "{} {}",
                address.first_name.as_deref().unwrap_or_default(),
                address.last_name.as_deref().unwrap_or_default()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_their_places() {
        assert_eq!(lines("123 Main St"), (Some("123 Main St"), None));
        assert_eq!(lines("a\nb"), (Some("a"), Some("b")));
        assert_eq!(lines("\nb"), (None, Some("b")));
        assert_eq!(lines(""), (None, None));
        assert_eq!(lines("a\nb\nc"), (Some("a"), Some("b")));
    }

    #[test]
    fn timestamps_are_iso_8601_with_an_offset() {
        assert_eq!(timestamp(0), "1970-01-01T00:00:00+00:00");
        assert_eq!(timestamp(1_782_991_588), "2026-07-02T11:26:28+00:00");
    }
}
