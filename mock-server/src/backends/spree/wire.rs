//! JSON shapes of the Store API, field for field in the order of spec §3.

use super::model::{Address, Customer, NewsletterSubscription};
use super::options::AddressNamesMode;
use crate::clock::rfc3339;
use serde::Serialize;

/// `Address` in the dual-name order (spec §3.2, the mock's default).
#[derive(Serialize)]
pub(crate) struct DualAddress<'a> {
    id: &'a str,
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
    full_name: String,
    address1: Option<&'a str>,
    address2: Option<&'a str>,
    postal_code: Option<&'a str>,
    city: Option<&'a str>,
    phone: Option<&'a str>,
    company: Option<&'a str>,
    country_name: &'a str,
    country_code: &'a str,
    state_text: Option<&'a str>,
    state_code: Option<&'a str>,
    quick_checkout: bool,
    is_default_billing: bool,
    is_default_shipping: bool,
    state_abbr: Option<&'a str>,
    country_iso: &'a str,
    state_name: Option<&'a str>,
}

/// `Address` in the 5.6.1 order, with only `country_iso`/`state_abbr`.
#[derive(Serialize)]
pub(crate) struct StrictAddress<'a> {
    id: &'a str,
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
    full_name: String,
    address1: Option<&'a str>,
    address2: Option<&'a str>,
    postal_code: Option<&'a str>,
    city: Option<&'a str>,
    phone: Option<&'a str>,
    company: Option<&'a str>,
    country_name: &'a str,
    country_iso: &'a str,
    state_text: Option<&'a str>,
    state_abbr: Option<&'a str>,
    quick_checkout: bool,
    is_default_billing: bool,
    is_default_shipping: bool,
    state_name: Option<&'a str>,
}

/// `Address` in whichever naming mode is active.
#[derive(Serialize)]
#[serde(untagged)]
pub(crate) enum AddressJson<'a> {
    /// Both name pairs.
    Dual(DualAddress<'a>),
    /// 5.6.1 names only.
    Strict(StrictAddress<'a>),
}

/// `"first last"` trimmed.
fn full_name(first: Option<&str>, last: Option<&str>) -> String {
    format!("{} {}", first.unwrap_or_default(), last.unwrap_or_default())
        .trim()
        .to_owned()
}

/// Default flags of an address for its owner.
pub(crate) struct DefaultFlags {
    /// Is the default billing address.
    pub(crate) billing: bool,
    /// Is the default shipping address.
    pub(crate) shipping: bool,
}

/// The JSON form of an address.
pub(crate) fn address_json<'a>(
    address: &'a Address,
    defaults: DefaultFlags,
    mode: AddressNamesMode,
) -> AddressJson<'a> {
    let fields = &address.fields;
    let country_iso = fields
        .country
        .map(|country| country.iso)
        .unwrap_or_default();
    let country_name = fields
        .country
        .map(|country| country.name)
        .unwrap_or_default();
    let state_abbr = fields.state.map(|state| state.abbr);
    let state_name = fields
        .state_name
        .as_deref()
        .or(fields.state.map(|state| state.name));
    let state_text = state_abbr.or(state_name);
    let first_name = fields.first_name.as_deref();
    let last_name = fields.last_name.as_deref();
    match mode {
        AddressNamesMode::Dual => AddressJson::Dual(DualAddress {
            id: &address.public_id,
            first_name,
            last_name,
            full_name: full_name(first_name, last_name),
            address1: fields.address1.as_deref(),
            address2: fields.address2.as_deref(),
            postal_code: fields.postal_code.as_deref(),
            city: fields.city.as_deref(),
            phone: fields.phone.as_deref(),
            company: fields.company.as_deref(),
            country_name,
            country_code: country_iso,
            state_text,
            state_code: state_abbr,
            quick_checkout: false,
            is_default_billing: defaults.billing,
            is_default_shipping: defaults.shipping,
            state_abbr,
            country_iso,
            state_name,
        }),
        AddressNamesMode::Strict561 => AddressJson::Strict(StrictAddress {
            id: &address.public_id,
            first_name,
            last_name,
            full_name: full_name(first_name, last_name),
            address1: fields.address1.as_deref(),
            address2: fields.address2.as_deref(),
            postal_code: fields.postal_code.as_deref(),
            city: fields.city.as_deref(),
            phone: fields.phone.as_deref(),
            company: fields.company.as_deref(),
            country_name,
            country_iso,
            state_text,
            state_abbr,
            quick_checkout: false,
            is_default_billing: defaults.billing,
            is_default_shipping: defaults.shipping,
            state_name,
        }),
    }
}

/// `NewsletterSubscriber`.
#[derive(Serialize)]
pub(crate) struct NewsletterJson<'a> {
    id: &'a str,
    email: &'a str,
    created_at: String,
    updated_at: String,
    verified: bool,
    verified_at: Option<String>,
    customer_id: Option<&'a str>,
}

/// `CustomerGroup` (the mock has no groups, so lists are always empty).
#[derive(Serialize)]
pub(crate) struct CustomerGroupJson {
    id: String,
    name: String,
}

/// `Customer`.
#[derive(Serialize)]
pub(crate) struct CustomerJson<'a> {
    id: &'a str,
    email: &'a str,
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
    phone: Option<&'a str>,
    accepts_email_marketing: bool,
    full_name: String,
    available_store_credit_total: &'static str,
    display_available_store_credit_total: String,
    addresses: Vec<AddressJson<'a>>,
    default_billing_address: Option<AddressJson<'a>>,
    default_shipping_address: Option<AddressJson<'a>>,
    newsletter_subscriber: Option<NewsletterJson<'a>>,
    customer_groups: Vec<CustomerGroupJson>,
}

/// Formatted zero store credit in `currency` (the store default is USD).
fn zero_money(currency: &str) -> String {
    match currency.to_ascii_uppercase().as_str() {
        "EUR" => "€0.00".to_owned(),
        "GBP" => "£0.00".to_owned(),
        "USD" | "" => "$0.00".to_owned(),
        other => format!("0.00 {other}"),
    }
}

/// The JSON form of a customer. `addresses` are the customer's live addresses,
/// most recently updated first.
pub(crate) fn customer_json<'a>(
    customer: &'a Customer,
    addresses: &[&'a Address],
    mode: AddressNamesMode,
    currency: &str,
) -> CustomerJson<'a> {
    let flags = |address: &Address| DefaultFlags {
        billing: customer.bill_address_id == Some(address.internal_id),
        shipping: customer.ship_address_id == Some(address.internal_id),
    };
    let find = |id: Option<u64>| {
        id.and_then(|id| addresses.iter().find(|address| address.internal_id == id))
            .map(|address| address_json(address, flags(address), mode))
    };
    let first_name = customer.first_name.as_deref();
    let last_name = customer.last_name.as_deref();
    let mut name = full_name(first_name, last_name);
    if name.is_empty() {
        name = customer.email.clone();
    }
    CustomerJson {
        id: &customer.public_id,
        email: &customer.email,
        first_name,
        last_name,
        phone: customer.phone.as_deref(),
        accepts_email_marketing: customer.accepts_email_marketing,
        full_name: name,
        available_store_credit_total: "0",
        display_available_store_credit_total: zero_money(currency),
        addresses: addresses
            .iter()
            .map(|address| address_json(address, flags(address), mode))
            .collect(),
        default_billing_address: find(customer.bill_address_id),
        default_shipping_address: find(customer.ship_address_id),
        newsletter_subscriber: customer
            .newsletter
            .as_ref()
            .map(|subscription| newsletter_json(subscription, customer)),
        customer_groups: Vec::new(),
    }
}

fn newsletter_json<'a>(
    subscription: &'a NewsletterSubscription,
    customer: &'a Customer,
) -> NewsletterJson<'a> {
    NewsletterJson {
        id: &subscription.public_id,
        email: &customer.email,
        created_at: rfc3339(subscription.created_at, true),
        updated_at: rfc3339(subscription.created_at, true),
        verified: true,
        verified_at: Some(rfc3339(subscription.verified_at, false)),
        customer_id: Some(&customer.public_id),
    }
}

/// `AuthResponse`.
#[derive(Serialize)]
pub(crate) struct AuthResponseJson<'a> {
    /// Access token.
    pub(crate) token: &'a str,
    /// Refresh token.
    pub(crate) refresh_token: &'a str,
    /// The full customer.
    pub(crate) user: CustomerJson<'a>,
}

/// Pagination `meta` of spec §2.9.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub(crate) struct PaginationMeta {
    page: u64,
    limit: u64,
    count: u64,
    pages: u64,
    from: u64,
    to: u64,
    #[serde(rename = "in")]
    in_page: u64,
    previous: Option<u64>,
    next: Option<u64>,
}

impl PaginationMeta {
    /// Meta for `count` records at `page` of `limit`, plus the range of indexes on the page.
    pub(crate) fn compute(page: u64, limit: u64, count: u64) -> (Self, std::ops::Range<usize>) {
        let pages = count.div_ceil(limit).max(1);
        let offset = page.saturating_sub(1).saturating_mul(limit).min(count);
        let end = offset.saturating_add(limit).min(count);
        let in_page = end - offset;
        let meta = Self {
            page,
            limit,
            count,
            pages,
            from: if in_page == 0 { 0 } else { offset + 1 },
            to: if in_page == 0 { 0 } else { end },
            in_page,
            previous: (page > 1).then(|| page - 1),
            next: (page < pages).then(|| page + 1),
        };
        let range = usize::try_from(offset).unwrap_or(usize::MAX)
            ..usize::try_from(end).unwrap_or(usize::MAX);
        (meta, range)
    }
}

/// `{"data":[…],"meta":{…}}`.
#[derive(Serialize)]
pub(crate) struct AddressListJson<'a> {
    /// The page.
    pub(crate) data: Vec<AddressJson<'a>>,
    /// Pagination.
    pub(crate) meta: PaginationMeta,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_of_three_records() {
        let (meta, range) = PaginationMeta::compute(1, 25, 3);
        assert_eq!(
            serde_json::to_string(&meta).expect("json"),
            r#"{"page":1,"limit":25,"count":3,"pages":1,"from":1,"to":3,"in":3,"previous":null,"next":null}"#
        );
        assert_eq!(range, 0..3);
    }

    #[test]
    fn pagination_of_an_empty_list() {
        let (meta, range) = PaginationMeta::compute(1, 25, 0);
        assert_eq!(
            serde_json::to_string(&meta).expect("json"),
            r#"{"page":1,"limit":25,"count":0,"pages":1,"from":0,"to":0,"in":0,"previous":null,"next":null}"#
        );
        assert!(range.is_empty());
    }

    #[test]
    fn pagination_middle_page() {
        let (meta, range) = PaginationMeta::compute(2, 2, 5);
        assert_eq!(
            serde_json::to_string(&meta).expect("json"),
            r#"{"page":2,"limit":2,"count":5,"pages":3,"from":3,"to":4,"in":2,"previous":1,"next":3}"#
        );
        assert_eq!(range, 2..4);
        let (past_end, range) = PaginationMeta::compute(9, 2, 5);
        assert_eq!(past_end.in_page, 0);
        assert!(range.is_empty());
    }
}
