//! Spree Store API v3 JSON shapes, read from `spree-v3.md` §3 and written
//! independently of the mock.

use serde::{Deserialize, Serialize};

use crate::models::{Address, Customer, CustomerGroup, NewsletterSubscriber, Page, PageMeta};

#[derive(Serialize)]
pub(super) struct LoginBody<'a> {
    pub email: &'a str,
    pub password: &'a str,
}

#[derive(Serialize)]
pub(super) struct RefreshBody<'a> {
    pub refresh_token: &'a str,
}

#[derive(Serialize)]
pub(super) struct RegisterBody<'a> {
    pub email: &'a str,
    pub password: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_confirmation: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepts_email_marketing: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<&'a serde_json::value::RawValue>,
}

#[derive(Serialize)]
pub(super) struct ProfileBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepts_email_marketing: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<&'a serde_json::value::RawValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_confirmation: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_password: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct ResetRequestBody<'a> {
    pub email: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect_url: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct ResetCompleteBody<'a> {
    pub password: &'a str,
    pub password_confirmation: &'a str,
}

/// Address fields as 5.6.1 accepts them (`country_iso`, `state_abbr`).
#[derive(Serialize)]
pub(super) struct AddressBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address1: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address2: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_iso: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_abbr: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_default_billing: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_default_shipping: Option<bool>,
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
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub details: Option<Details>,
}

/// Validation details, `{"attribute": ["message", …]}`, kept in order. A
/// value that is a single string counts as one message; any other shape is
/// skipped rather than failing the whole error.
#[derive(Default)]
pub(super) struct Details(pub Vec<(String, Vec<String>)>);

impl<'de> Deserialize<'de> for Details {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DetailsVisitor;

        impl<'de> serde::de::Visitor<'de> for DetailsVisitor {
            type Value = Details;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of message lists")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Details, A::Error> {
                let mut details = Vec::new();
                while let Some(attribute) = map.next_key::<String>()? {
                    if let Messages(Some(messages)) = map.next_value()? {
                        details.push((attribute, messages));
                    }
                }
                Ok(Details(details))
            }
        }

        deserializer.deserialize_map(DetailsVisitor)
    }
}

/// One attribute's messages: a list of strings or a single string.
struct Messages(Option<Vec<String>>);

impl<'de> Deserialize<'de> for Messages {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MessagesVisitor;

        impl<'de> serde::de::Visitor<'de> for MessagesVisitor {
            type Value = Messages;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a message or a list of messages")
            }

            fn visit_str<E: serde::de::Error>(self, message: &str) -> Result<Messages, E> {
                Ok(Messages(Some(vec![message.to_owned()])))
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Messages, A::Error> {
                let mut messages = Vec::new();
                while let Some(item) = seq.next_element::<Message>()? {
                    messages.extend(item.0);
                }
                Ok(Messages(Some(messages)))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Messages, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Messages(None))
            }

            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Messages, E> {
                Ok(Messages(None))
            }

            fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Messages, E> {
                Ok(Messages(None))
            }

            fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Messages, E> {
                Ok(Messages(None))
            }

            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Messages, E> {
                Ok(Messages(None))
            }

            fn visit_unit<E: serde::de::Error>(self) -> Result<Messages, E> {
                Ok(Messages(None))
            }
        }

        deserializer.deserialize_any(MessagesVisitor)
    }
}

/// One list item: a string, or a one-string list; anything else is skipped.
struct Message(Option<String>);

impl<'de> Deserialize<'de> for Message {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Messages::deserialize(deserializer)?.0 {
            Some(mut single) if single.len() == 1 => Ok(Message(single.pop())),
            _ => Ok(Message(None)),
        }
    }
}

#[derive(Deserialize)]
pub(super) struct CustomerBody {
    id: String,
    email: String,
    #[serde(default)]
    first_name: Option<String>,
    #[serde(default)]
    last_name: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    accepts_email_marketing: bool,
    #[serde(default)]
    full_name: Option<String>,
    #[serde(default)]
    available_store_credit_total: Option<String>,
    #[serde(default)]
    display_available_store_credit_total: Option<String>,
    #[serde(default)]
    addresses: Vec<AddressBodyIn>,
    #[serde(default)]
    default_billing_address: Option<AddressBodyIn>,
    #[serde(default)]
    default_shipping_address: Option<AddressBodyIn>,
    #[serde(default)]
    newsletter_subscriber: Option<SubscriberBody>,
    #[serde(default)]
    customer_groups: Vec<GroupBody>,
}

#[derive(Deserialize)]
struct SubscriberBody {
    id: String,
    email: String,
    #[serde(default)]
    verified: bool,
    #[serde(default)]
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
    #[serde(default)]
    first_name: Option<String>,
    #[serde(default)]
    last_name: Option<String>,
    #[serde(default)]
    full_name: Option<String>,
    #[serde(default)]
    address1: Option<String>,
    #[serde(default)]
    address2: Option<String>,
    #[serde(default)]
    postal_code: Option<String>,
    #[serde(default)]
    city: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    company: Option<String>,
    #[serde(default)]
    country_name: Option<String>,
    #[serde(default)]
    country_code: Option<String>,
    #[serde(default)]
    country_iso: Option<String>,
    #[serde(default)]
    state_text: Option<String>,
    #[serde(default)]
    state_code: Option<String>,
    #[serde(default)]
    state_abbr: Option<String>,
    #[serde(default)]
    state_name: Option<String>,
    #[serde(default)]
    quick_checkout: bool,
    #[serde(default)]
    is_default_billing: bool,
    #[serde(default)]
    is_default_shipping: bool,
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
    #[serde(default)]
    previous: Option<u32>,
    #[serde(default)]
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
            quick_checkout: wire.quick_checkout,
            is_default_billing: wire.is_default_billing,
            is_default_shipping: wire.is_default_shipping,
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
            accepts_email_marketing: wire.accepts_email_marketing,
            full_name,
            available_store_credit_total: wire.available_store_credit_total,
            display_available_store_credit_total: wire.display_available_store_credit_total,
            addresses: wire.addresses.into_iter().map(Address::from).collect(),
            default_billing_address: wire.default_billing_address.map(Address::from),
            default_shipping_address: wire.default_shipping_address.map(Address::from),
            newsletter_subscriber: wire.newsletter_subscriber.map(|s| NewsletterSubscriber {
                id: s.id,
                email: s.email,
                verified: s.verified,
                created_at: s.created_at,
            }),
            customer_groups: wire
                .customer_groups
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
