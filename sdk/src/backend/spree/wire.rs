//! Spree Store API v3 JSON shapes, read from `spree-v3.md` §3 and written
//! independently of the mock.

use miniserde::de::{Map, Visitor};
use miniserde::{Deserialize, make_place};

use crate::json::JsonObject;
use crate::models::{
    Address, AddressInput, Customer, CustomerGroup, CustomerUpdate, NewCustomer, NewPassword,
    NewsletterSubscriber, Page, PageMeta,
};

/// `{"email", "password"}` of `POST /auth/login`.
pub(super) fn login_body(email: &str, password: &str) -> JsonObject {
    JsonObject::new()
        .field("email", &email)
        .field("password", &password)
}

/// `{"refresh_token"}` of `POST /auth/refresh` and `POST /auth/logout`.
pub(super) fn refresh_body(refresh_token: &str) -> JsonObject {
    JsonObject::new().field("refresh_token", &refresh_token)
}

/// `POST /customers`; `None` when the metadata is not JSON.
pub(super) fn register_body(input: &NewCustomer) -> Option<JsonObject> {
    let body = JsonObject::new()
        .field("email", &input.email)
        .field("password", &input.password.expose_secret())
        .optional(
            "password_confirmation",
            input
                .password_confirmation
                .as_ref()
                .map(|p| p.expose_secret()),
        )
        .optional("first_name", input.first_name.as_deref())
        .optional("last_name", input.last_name.as_deref())
        .optional("phone", input.phone.as_deref())
        .optional("accepts_email_marketing", input.accepts_email_marketing);
    with_metadata(body, input.metadata.as_deref())
}

/// `PATCH /customers/me`; `None` when the metadata is not JSON.
pub(super) fn profile_body(update: &CustomerUpdate) -> Option<JsonObject> {
    let body = JsonObject::new()
        .optional("first_name", update.first_name.as_deref())
        .optional("last_name", update.last_name.as_deref())
        .optional("phone", update.phone.as_deref())
        .optional("accepts_email_marketing", update.accepts_email_marketing);
    let body = with_metadata(body, update.metadata.as_deref())?
        .optional("email", update.email.as_deref())
        .optional(
            "password",
            update.password.as_ref().map(|p| p.expose_secret()),
        )
        .optional(
            "password_confirmation",
            update
                .password_confirmation
                .as_ref()
                .map(|p| p.expose_secret()),
        )
        .optional(
            "current_password",
            update.current_password.as_ref().map(|p| p.expose_secret()),
        );
    Some(body)
}

fn with_metadata(body: JsonObject, metadata: Option<&str>) -> Option<JsonObject> {
    match metadata {
        Some(metadata) => body.raw("metadata", metadata),
        None => Some(body),
    }
}

/// `POST /password_resets`.
pub(super) fn reset_request_body(email: &str, redirect_url: Option<&str>) -> JsonObject {
    JsonObject::new()
        .field("email", &email)
        .optional("redirect_url", redirect_url)
}

/// `PATCH /password_resets/{token}`.
pub(super) fn reset_complete_body(password: &NewPassword) -> JsonObject {
    JsonObject::new()
        .field("password", &password.password.expose_secret())
        .field(
            "password_confirmation",
            &password.password_confirmation.expose_secret(),
        )
}

/// Address fields as 5.6.1 accepts them (`country_iso`, `state_abbr`).
pub(super) fn address_body(input: &AddressInput) -> JsonObject {
    JsonObject::new()
        .optional("first_name", input.first_name.as_deref())
        .optional("last_name", input.last_name.as_deref())
        .optional("address1", input.address1.as_deref())
        .optional("address2", input.address2.as_deref())
        .optional("postal_code", input.postal_code.as_deref())
        .optional("city", input.city.as_deref())
        .optional("phone", input.phone.as_deref())
        .optional("company", input.company.as_deref())
        .optional("country_iso", input.country_iso.as_deref())
        .optional("state_abbr", input.state_abbr.as_deref())
        .optional("state_name", input.state_name.as_deref())
        .optional("is_default_billing", input.is_default_billing)
        .optional("is_default_shipping", input.is_default_shipping)
}

#[derive(Deserialize)]
pub(super) struct AuthBody {
    pub token: String,
    pub refresh_token: String,
    pub user: CustomerBody,
}

#[derive(Deserialize)]
pub(super) struct MessageBody {
    pub message: String,
}

#[derive(Deserialize)]
pub(super) struct ErrorEnvelope {
    pub error: ErrorBody,
}

#[derive(Deserialize)]
pub(super) struct ErrorBody {
    pub code: String,
    pub message: Option<String>,
    pub details: Option<Details>,
}

make_place!(Place);

/// Validation details, `{"attribute": ["message", …]}`, kept in order. A
/// value that is a single string counts as one message; any other shape is
/// skipped rather than failing the whole error.
#[derive(Default)]
pub(super) struct Details(pub Vec<(String, Vec<String>)>);

impl Deserialize for Details {
    fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
        Place::new(out)
    }
}

impl Visitor for Place<Details> {
    fn map(&mut self) -> miniserde::Result<Box<dyn Map + '_>> {
        Ok(Box::new(DetailsBuilder {
            out: &mut self.out,
            details: Vec::new(),
            attribute: None,
            messages: None,
        }))
    }
}

struct DetailsBuilder<'a> {
    out: &'a mut Option<Details>,
    details: Vec<(String, Vec<String>)>,
    attribute: Option<String>,
    messages: Option<Messages>,
}

impl DetailsBuilder<'_> {
    /// Keeps the previous attribute's messages, if it had any.
    fn take_previous(&mut self) {
        if let (Some(attribute), Some(Messages(Some(messages)))) =
            (self.attribute.take(), self.messages.take())
        {
            self.details.push((attribute, messages));
        }
    }
}

impl Map for DetailsBuilder<'_> {
    fn key(&mut self, attribute: &str) -> miniserde::Result<&mut dyn Visitor> {
        self.take_previous();
        self.attribute = Some(attribute.to_owned());
        Ok(Messages::begin(&mut self.messages))
    }

    fn finish(&mut self) -> miniserde::Result<()> {
        self.take_previous();
        *self.out = Some(Details(std::mem::take(&mut self.details)));
        Ok(())
    }
}

/// One attribute's messages: a list whose items are strings or one-string
/// lists, or a single string; `None` for any other shape.
struct Messages(Option<Vec<String>>);

impl Deserialize for Messages {
    fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
        Place::new(out)
    }
}

impl Visitor for Place<Messages> {
    fn string(&mut self, message: &str) -> miniserde::Result<()> {
        self.out = Some(Messages(Some(vec![message.to_owned()])));
        Ok(())
    }

    fn seq(&mut self) -> miniserde::Result<Box<dyn miniserde::de::Seq + '_>> {
        Ok(Box::new(MessagesBuilder {
            out: &mut self.out,
            messages: Vec::new(),
            item: None,
        }))
    }

    fn map(&mut self) -> miniserde::Result<Box<dyn Map + '_>> {
        Ok(Box::new(Skipped { out: &mut self.out }))
    }

    fn null(&mut self) -> miniserde::Result<()> {
        self.out = Some(Messages(None));
        Ok(())
    }

    fn boolean(&mut self, _: bool) -> miniserde::Result<()> {
        self.null()
    }

    fn negative(&mut self, _: i64) -> miniserde::Result<()> {
        self.null()
    }

    fn nonnegative(&mut self, _: u64) -> miniserde::Result<()> {
        self.null()
    }

    fn float(&mut self, _: f64) -> miniserde::Result<()> {
        self.null()
    }
}

struct MessagesBuilder<'a> {
    out: &'a mut Option<Messages>,
    messages: Vec<String>,
    item: Option<Messages>,
}

impl MessagesBuilder<'_> {
    /// Keeps the previous item if it was one message.
    fn take_previous(&mut self) {
        if let Some(Messages(Some(mut single))) = self.item.take()
            && single.len() == 1
        {
            self.messages.extend(single.pop());
        }
    }
}

impl miniserde::de::Seq for MessagesBuilder<'_> {
    fn element(&mut self) -> miniserde::Result<&mut dyn Visitor> {
        self.take_previous();
        Ok(Messages::begin(&mut self.item))
    }

    fn finish(&mut self) -> miniserde::Result<()> {
        self.take_previous();
        *self.out = Some(Messages(Some(std::mem::take(&mut self.messages))));
        Ok(())
    }
}

/// An object where messages were expected: read through, kept as none.
struct Skipped<'a> {
    out: &'a mut Option<Messages>,
}

impl Map for Skipped<'_> {
    fn key(&mut self, _: &str) -> miniserde::Result<&mut dyn Visitor> {
        Ok(<dyn Visitor>::ignore())
    }

    fn finish(&mut self) -> miniserde::Result<()> {
        *self.out = Some(Messages(None));
        Ok(())
    }
}

#[derive(Deserialize)]
pub(super) struct CustomerBody {
    id: String,
    email: String,
    first_name: Option<String>,
    last_name: Option<String>,
    phone: Option<String>,
    accepts_email_marketing: Option<bool>,
    full_name: Option<String>,
    available_store_credit_total: Option<String>,
    display_available_store_credit_total: Option<String>,
    addresses: Option<Vec<AddressBodyIn>>,
    default_billing_address: Option<AddressBodyIn>,
    default_shipping_address: Option<AddressBodyIn>,
    newsletter_subscriber: Option<SubscriberBody>,
    customer_groups: Option<Vec<GroupBody>>,
}

#[derive(Deserialize)]
struct SubscriberBody {
    id: String,
    email: String,
    verified: Option<bool>,
    created_at: Option<String>,
}

#[derive(Deserialize)]
struct GroupBody {
    id: String,
    name: String,
}

/// An address as 5.6.1 (`country_iso`/`state_abbr`) or 6.0
/// (`country_code`/`state_code`) emits it; the newer names win (spec §8.1).
#[derive(Deserialize)]
pub(super) struct AddressBodyIn {
    id: String,
    first_name: Option<String>,
    last_name: Option<String>,
    full_name: Option<String>,
    address1: Option<String>,
    address2: Option<String>,
    postal_code: Option<String>,
    city: Option<String>,
    phone: Option<String>,
    company: Option<String>,
    country_name: Option<String>,
    country_code: Option<String>,
    country_iso: Option<String>,
    state_text: Option<String>,
    state_code: Option<String>,
    state_abbr: Option<String>,
    state_name: Option<String>,
    quick_checkout: Option<bool>,
    is_default_billing: Option<bool>,
    is_default_shipping: Option<bool>,
}

#[derive(Deserialize)]
pub(super) struct AddressPageBody {
    data: Vec<AddressBodyIn>,
    meta: MetaBody,
}

#[derive(Deserialize)]
struct MetaBody {
    page: u32,
    limit: u32,
    count: u32,
    pages: u32,
    previous: Option<u32>,
    next: Option<u32>,
}

impl From<AddressBodyIn> for Address {
    fn from(wire: AddressBodyIn) -> Self {
        Address {
            id: wire.id,
            first_name: wire.first_name,
            last_name: wire.last_name,
            full_name: wire.full_name.unwrap_or_default(),
            address1: wire.address1,
            address2: wire.address2,
            postal_code: wire.postal_code,
            city: wire.city,
            phone: wire.phone,
            company: wire.company,
            country_name: wire.country_name,
            country_iso: wire.country_code.or(wire.country_iso),
            state_text: wire.state_text,
            state_abbr: wire.state_code.or(wire.state_abbr),
            state_name: wire.state_name,
            quick_checkout: wire.quick_checkout.unwrap_or_default(),
            is_default_billing: wire.is_default_billing.unwrap_or_default(),
            is_default_shipping: wire.is_default_shipping.unwrap_or_default(),
        }
    }
}

impl From<CustomerBody> for Customer {
    fn from(wire: CustomerBody) -> Self {
        let full_name = wire.full_name.unwrap_or_else(|| wire.email.clone());
        Customer {
            id: wire.id,
            email: wire.email,
            first_name: wire.first_name,
            last_name: wire.last_name,
            phone: wire.phone,
            accepts_email_marketing: wire.accepts_email_marketing.unwrap_or_default(),
            full_name,
            available_store_credit_total: wire.available_store_credit_total,
            display_available_store_credit_total: wire.display_available_store_credit_total,
            addresses: wire
                .addresses
                .unwrap_or_default()
                .into_iter()
                .map(Address::from)
                .collect(),
            default_billing_address: wire.default_billing_address.map(Address::from),
            default_shipping_address: wire.default_shipping_address.map(Address::from),
            newsletter_subscriber: wire.newsletter_subscriber.map(|s| NewsletterSubscriber {
                id: s.id,
                email: s.email,
                verified: s.verified.unwrap_or_default(),
                created_at: s.created_at,
            }),
            customer_groups: wire
                .customer_groups
                .unwrap_or_default()
                .into_iter()
                .map(|g| CustomerGroup {
                    id: g.id,
                    name: g.name,
                })
                .collect(),
        }
    }
}

impl From<AddressPageBody> for Page<Address> {
    fn from(wire: AddressPageBody) -> Self {
        Page {
            data: wire.data.into_iter().map(Address::from).collect(),
            meta: PageMeta {
                page: wire.meta.page,
                limit: wire.meta.limit,
                count: wire.meta.count,
                pages: wire.meta.pages,
                previous: wire.meta.previous,
                next: wire.meta.next,
            },
        }
    }
}
