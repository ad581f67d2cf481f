//! Spree Store API v3 JSON shapes, read from `spree-v3.md` §3 and written
//! independently of the mock.

use super::data::{CustomerGroup, NewsletterSubscriber, SpreeAddress, SpreeCustomer};
use crate::backend::{AddressData, CustomerData};
use crate::json::{Json, JsonObject};
use crate::models::{
    Address, AddressInput, Customer, CustomerUpdate, NewCustomer, NewPassword, Page, PageMeta,
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

/// `{token, refresh_token, user}` of login, registration, refresh and reset.
pub(super) struct AuthBody {
    pub token: String,
    pub refresh_token: String,
    pub user: Customer,
}

pub(super) fn auth(json: &Json) -> Option<AuthBody> {
    let body = json.as_object()?;
    let user = body.get("user").and_then(customer);
    let auth = AuthBody {
        token: body.string("token"),
        refresh_token: body.string("refresh_token"),
        user: body.require(user)?,
    };
    body.finish(auth)
}

/// `{message}` of a password-reset request.
pub(super) fn message(json: &Json) -> Option<String> {
    let body = json.as_object()?;
    let message = body.string("message");
    body.finish(message)
}

/// The error envelope `{"error": {code, message, details}}`.
pub(super) struct ErrorBody {
    pub code: String,
    pub message: Option<String>,
    pub details: Vec<(String, Vec<String>)>,
}

pub(super) fn error(json: &Json) -> Option<ErrorBody> {
    let envelope = json.as_object()?;
    let error = envelope.optional_object("error", error_body);
    envelope.require(error)
}

fn error_body(json: &Json) -> Option<ErrorBody> {
    let error = json.as_object()?;
    let details = error
        .optional_object("details", |json| {
            let details = json.as_object()?;
            Some(
                details
                    .members()
                    .iter()
                    .filter_map(|(attribute, value)| Some((attribute.clone(), messages(value)?)))
                    .collect(),
            )
        })
        .unwrap_or_default();
    let body = ErrorBody {
        code: error.string("code"),
        message: error.optional_string("message"),
        details,
    };
    error.finish(body)
}

/// One attribute's validation messages: a list whose items are strings or
/// one-string lists, or a single string; `None` (the attribute is skipped,
/// not the error) for any other shape.
fn messages(value: &Json) -> Option<Vec<String>> {
    match value {
        Json::String(message) => Some(vec![message.clone()]),
        Json::Array(items) => Some(
            items
                .iter()
                .filter_map(|item| match messages(item)?.as_mut_slice() {
                    [single] => Some(std::mem::take(single)),
                    _ => None,
                })
                .collect(),
        ),
        _ => None,
    }
}

pub(super) fn customer(json: &Json) -> Option<Customer> {
    let body = json.as_object()?;
    let mut customer = Customer::new(body.string("id"), body.string("email"));
    if let Some(full_name) = body.optional_string("full_name") {
        customer.full_name = full_name;
    }
    customer.first_name = body.optional_string("first_name");
    customer.last_name = body.optional_string("last_name");
    customer.phone = body.optional_string("phone");
    customer.accepts_email_marketing = body
        .optional_bool("accepts_email_marketing")
        .unwrap_or_default();
    customer.addresses = body.optional_list("addresses", address).unwrap_or_default();
    customer.default_billing_address = body.optional_object("default_billing_address", address);
    customer.default_shipping_address = body.optional_object("default_shipping_address", address);
    customer.backend_data = CustomerData::Spree(SpreeCustomer {
        available_store_credit_total: body.optional_string("available_store_credit_total"),
        display_available_store_credit_total: body
            .optional_string("display_available_store_credit_total"),
        newsletter_subscriber: body.optional_object("newsletter_subscriber", subscriber),
        customer_groups: body
            .optional_list("customer_groups", group)
            .unwrap_or_default(),
    });
    body.finish(customer)
}

fn subscriber(json: &Json) -> Option<NewsletterSubscriber> {
    let body = json.as_object()?;
    let subscriber = NewsletterSubscriber {
        id: body.string("id"),
        email: body.string("email"),
        verified: body.optional_bool("verified").unwrap_or_default(),
        created_at: body.optional_string("created_at"),
        updated_at: body.optional_string("updated_at"),
        verified_at: body.optional_string("verified_at"),
        customer_id: body.optional_string("customer_id"),
    };
    body.finish(subscriber)
}

fn group(json: &Json) -> Option<CustomerGroup> {
    let body = json.as_object()?;
    let group = CustomerGroup {
        id: body.string("id"),
        name: body.string("name"),
    };
    body.finish(group)
}

/// An address as 5.6.1 (`country_iso`/`state_abbr`) or 6.0
/// (`country_code`/`state_code`) emits it; the newer names win (spec §8.1).
pub(super) fn address(json: &Json) -> Option<Address> {
    let body = json.as_object()?;
    let text = |name| body.optional_string(name);
    let mut address = Address::new(body.string("id"));
    address.first_name = text("first_name");
    address.last_name = text("last_name");
    address.full_name = text("full_name").unwrap_or_default();
    address.address1 = text("address1");
    address.address2 = text("address2");
    address.postal_code = text("postal_code");
    address.city = text("city");
    address.phone = text("phone");
    address.company = text("company");
    address.country_name = text("country_name");
    address.country_iso = text("country_code").or(text("country_iso"));
    address.state_abbr = text("state_code").or(text("state_abbr"));
    address.state_name = text("state_name");
    address.is_default_billing = body.optional_bool("is_default_billing").unwrap_or_default();
    address.is_default_shipping = body
        .optional_bool("is_default_shipping")
        .unwrap_or_default();
    address.backend_data = AddressData::Spree(SpreeAddress {
        state_text: text("state_text"),
        quick_checkout: body.optional_bool("quick_checkout").unwrap_or_default(),
    });
    body.finish(address)
}

/// `{data, meta}` of the address list.
pub(super) fn address_page(json: &Json) -> Option<Page<Address>> {
    let body = json.as_object()?;
    let data = body.optional_list("data", address);
    let meta = body.optional_object("meta", |json| {
        let meta = json.as_object()?;
        let mut page_meta = PageMeta::new(
            meta.u32("page"),
            meta.u32("limit"),
            meta.u32("count"),
            meta.u32("pages"),
        );
        page_meta.previous = meta.optional_u32("previous");
        page_meta.next = meta.optional_u32("next");
        meta.finish(page_meta)
    });
    let page = Page::new(body.require(data)?, Some(body.require(meta)?));
    body.finish(page)
}
