//! Typed store values → the value trees the executor serves fields from, in the served
//! version's shape. Every field of an object type gets a key (`null` where Magento has no
//! value); objects of an interface carry their type in `__typename`; the version-specific and
//! deprecated duplicate fields are derived here.

use super::model::{
    AttributeSelectedOption, AttributeValue, Customer, CustomerAddress, CustomerAddressRegion,
    CustomerOutput, CustomerToken, IsEmailAvailableOutput, RevokeCustomerTokenOutput,
};
use super::options::GraphqlVersion;
use async_graphql::indexmap::IndexMap;
use async_graphql::{Name, Value};
use base64::Engine as _;

/// The key that names the concrete type of an object served through an interface.
pub(crate) const TYPENAME_KEY: &str = "__typename";

/// The fields of an object value from `(field, value)` pairs.
fn fields<const N: usize>(pairs: [(&str, Value); N]) -> IndexMap<Name, Value> {
    pairs
        .into_iter()
        .map(|(name, value)| (Name::new(name), value))
        .collect()
}

/// An object value from `(field, value)` pairs.
fn object<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    Value::Object(fields(pairs))
}

/// A nullable string.
fn text(value: &Option<String>) -> Value {
    value.as_deref().map_or(Value::Null, Value::from)
}

/// A nullable `Int`.
fn int(value: Option<i32>) -> Value {
    value.map_or(Value::Null, Value::from)
}

/// An enum value.
fn enumeration(name: &str) -> Value {
    Value::Enum(Name::new(name))
}

/// Magento's uid of an entity id: base64 of the decimal id (`85` → `ODU=`).
pub(crate) fn uid(id: i32) -> String {
    base64::engine::general_purpose::STANDARD.encode(id.to_string())
}

/// `CustomerOutput`.
pub(crate) fn customer_output(output: &CustomerOutput, version: GraphqlVersion) -> Value {
    object([("customer", customer(&output.customer, version))])
}

/// `CustomerToken`.
pub(crate) fn customer_token(output: &CustomerToken) -> Value {
    object([("token", Value::from(output.token.as_str()))])
}

/// `RevokeCustomerTokenOutput`.
pub(crate) fn revoke_output(output: &RevokeCustomerTokenOutput) -> Value {
    object([("result", Value::from(output.result))])
}

/// `IsEmailAvailableOutput`.
pub(crate) fn email_availability(output: &IsEmailAvailableOutput) -> Value {
    object([("is_email_available", Value::from(output.is_email_available))])
}

/// `Customer`. `addressesV2` is computed from `addresses` and `custom_attributes` filtered by
/// its argument (`fields.rs`).
pub(crate) fn customer(customer: &Customer, version: GraphqlVersion) -> Value {
    let (id, group) = match version {
        GraphqlVersion::V2_4_7 | GraphqlVersion::V2_4_8 => (
            Value::from(customer.id),
            object([("name", Value::from(customer.group.name.as_str()))]),
        ),
        GraphqlVersion::V2_4_9 => (
            Value::from(uid(customer.id)),
            object([("uid", Value::from(uid(customer.group.id)))]),
        ),
    };
    let addresses = customer
        .addresses
        .iter()
        .map(|address| customer_address(address, version))
        .collect();
    object([
        ("addresses", Value::List(addresses)),
        (
            "allow_remote_shopping_assistance",
            Value::from(customer.allow_remote_shopping_assistance),
        ),
        (
            "confirmation_status",
            enumeration(customer.confirmation_status.name()),
        ),
        ("created_at", Value::from(customer.created_at.as_str())),
        (
            "custom_attributes",
            attribute_values(&customer.custom_attributes),
        ),
        ("date_of_birth", text(&customer.date_of_birth)),
        (
            "default_billing",
            text(&customer.default_billing.map(|id| id.to_string())),
        ),
        (
            "default_shipping",
            text(&customer.default_shipping.map(|id| id.to_string())),
        ),
        ("dob", text(&customer.date_of_birth)),
        ("email", Value::from(customer.email.as_str())),
        ("firstname", Value::from(customer.firstname.as_str())),
        ("gender", int(customer.gender)),
        ("group", group),
        ("group_id", Value::from(customer.group.id)),
        ("id", id),
        ("is_subscribed", Value::from(customer.is_subscribed)),
        ("lastname", Value::from(customer.lastname.as_str())),
        ("middlename", text(&customer.middlename)),
        ("prefix", text(&customer.prefix)),
        ("suffix", text(&customer.suffix)),
        ("taxvat", text(&customer.taxvat)),
    ])
}

/// `CustomerAddress`.
pub(crate) fn customer_address(address: &CustomerAddress, version: GraphqlVersion) -> Value {
    let country = address.country_code.as_deref();
    let region = address.region.as_ref();
    let mut fields = fields([
        ("city", text(&address.city)),
        ("company", text(&address.company)),
        ("country_code", country.map_or(Value::Null, enumeration)),
        ("country_id", country.map_or(Value::Null, Value::from)),
        (
            "custom_attributes",
            Value::List(
                address
                    .custom_attributes
                    .iter()
                    .filter_map(address_attribute)
                    .collect(),
            ),
        ),
        (
            "custom_attributesV2",
            attribute_values(&address.custom_attributes),
        ),
        ("customer_id", Value::from(address.customer_id)),
        ("default_billing", Value::from(address.default_billing)),
        ("default_shipping", Value::from(address.default_shipping)),
        ("extension_attributes", Value::Null),
        ("fax", text(&address.fax)),
        ("firstname", text(&address.firstname)),
        ("id", Value::from(address.id)),
        ("lastname", text(&address.lastname)),
        ("middlename", text(&address.middlename)),
        ("postcode", text(&address.postcode)),
        ("prefix", text(&address.prefix)),
        ("region", region.map_or(Value::Null, address_region)),
        ("region_id", int(region.and_then(|region| region.region_id))),
        (
            "street",
            Value::List(address.street.iter().map(Value::from).collect()),
        ),
        ("suffix", text(&address.suffix)),
        ("telephone", text(&address.telephone)),
        ("vat_id", text(&address.vat_id)),
    ]);
    if version == GraphqlVersion::V2_4_9 {
        fields.insert(Name::new("uid"), Value::from(uid(address.id)));
    }
    Value::Object(fields)
}

/// `CustomerAddressRegion`.
fn address_region(region: &CustomerAddressRegion) -> Value {
    object([
        ("region", text(&region.region)),
        ("region_code", text(&region.region_code)),
        ("region_id", int(region.region_id)),
    ])
}

/// The deprecated `CustomerAddressAttribute` form of a plain attribute value.
fn address_attribute(attribute: &AttributeValue) -> Option<Value> {
    match attribute {
        AttributeValue::Value { code, value } => Some(object([
            ("attribute_code", Value::from(code.as_str())),
            ("value", Value::from(value.as_str())),
        ])),
        AttributeValue::SelectedOptions { .. } => None,
    }
}

/// A list of `AttributeValueInterface` objects, each tagged with its type.
fn attribute_values(attributes: &[AttributeValue]) -> Value {
    Value::List(attributes.iter().map(attribute_value).collect())
}

/// One `AttributeValueInterface` object.
fn attribute_value(attribute: &AttributeValue) -> Value {
    match attribute {
        AttributeValue::Value { code, value } => object([
            (TYPENAME_KEY, Value::from("AttributeValue")),
            ("code", Value::from(code.as_str())),
            ("value", Value::from(value.as_str())),
        ]),
        AttributeValue::SelectedOptions {
            code,
            selected_options,
        } => object([
            (TYPENAME_KEY, Value::from("AttributeSelectedOptions")),
            ("code", Value::from(code.as_str())),
            (
                "selected_options",
                Value::List(selected_options.iter().map(selected_option).collect()),
            ),
        ]),
    }
}

/// One `AttributeSelectedOptionInterface` object.
fn selected_option(option: &AttributeSelectedOption) -> Value {
    object([
        (TYPENAME_KEY, Value::from("AttributeSelectedOption")),
        ("label", Value::from(option.label.as_str())),
        ("value", Value::from(option.value.as_str())),
    ])
}
