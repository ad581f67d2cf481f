//! Magento 2 REST JSON shapes, read from `magento-rest.md` §1.4 and §3 and
//! written independently of the mock. Writes that change a customer edit the
//! customer as read (a JSON tree), so that every field the SDK does not model
//! goes back unchanged.

use super::data::{MagentoAddress, MagentoCustomer};
use crate::backend::{AddressData, CustomerData, support};
use crate::json::{Fields, Json};
use crate::models::{Address, AddressInput, Customer, CustomerUpdate, Gender, Salutation};

/// A string member.
fn text(value: &str) -> Json {
    Json::from(value)
}

/// An integer member, read leniently: Magento sends ids as numbers, and
/// sometimes as numeric strings (of digits: ids are never negative).
fn integer(fields: &Fields<'_>, name: &str) -> Option<i64> {
    match fields.get(name)? {
        Json::Number(number) if number.fract() == 0.0 => Some(*number as i64),
        Json::String(text) => support::parse_whole(text),
        _ => None,
    }
}

fn gender_of(code: Option<i64>) -> Option<Gender> {
    match code? {
        1 => Some(Gender::Male),
        2 => Some(Gender::Female),
        3 => Some(Gender::Other),
        _ => None,
    }
}

fn gender_code(gender: Gender) -> f64 {
    match gender {
        Gender::Male => 1.0,
        Gender::Female => 2.0,
        _ => 3.0,
    }
}

/// The customer of a `Customer` body (§3.1).
pub(super) fn customer(json: &Json) -> Option<Customer> {
    let body = json.as_object()?;
    let id = integer(&body, "id");
    let mut customer = Customer::new(body.require(id)?.to_string(), body.string("email"));
    customer.first_name = body.optional_string("firstname");
    customer.last_name = body.optional_string("lastname");
    customer.full_name = Customer::full_name_of(
        customer.first_name.as_deref(),
        customer.last_name.as_deref(),
        &customer.email,
    );
    customer.date_of_birth = body.optional_string("dob");
    customer.gender = gender_of(integer(&body, "gender"));
    customer.salutation = body
        .optional_string("prefix")
        .as_deref()
        .and_then(Salutation::parse);
    customer.accepts_email_marketing = json
        .member("extension_attributes")
        .and_then(|extension| extension.member("is_subscribed"))
        .is_some_and(|subscribed| matches!(subscribed, Json::Bool(true)));
    let default_billing = body.optional_string("default_billing");
    let default_shipping = body.optional_string("default_shipping");
    let addresses = match json.member("addresses") {
        Some(Json::Array(items)) => items
            .iter()
            .map(|item| {
                address(
                    item,
                    default_billing.as_deref(),
                    default_shipping.as_deref(),
                )
            })
            .collect::<Option<Vec<_>>>(),
        Some(Json::Null) | None => Some(Vec::new()),
        Some(_) => None,
    };
    customer.addresses = body.require(addresses)?;
    customer.default_billing_address = customer
        .addresses
        .iter()
        .find(|address| address.is_default_billing)
        .cloned();
    customer.default_shipping_address = customer
        .addresses
        .iter()
        .find(|address| address.is_default_shipping)
        .cloned();
    customer.backend_data = CustomerData::MagentoRest(MagentoCustomer {
        group_id: integer(&body, "group_id"),
        website_id: integer(&body, "website_id"),
        store_id: integer(&body, "store_id"),
        created_in: body.optional_string("created_in"),
        created_at: body.optional_string("created_at"),
        updated_at: body.optional_string("updated_at"),
        middlename: body.optional_string("middlename"),
        suffix: body.optional_string("suffix"),
        taxvat: body.optional_string("taxvat"),
        confirmation_pending: body.optional_string("confirmation").is_some(),
    });
    body.finish(customer)
}

/// An address entry; the customer-level default ids are authoritative, the
/// entry's own flags count too (§3.1).
fn address(
    json: &Json,
    default_billing: Option<&str>,
    default_shipping: Option<&str>,
) -> Option<Address> {
    let body = json.as_object()?;
    let id = body.require(integer(&body, "id"))?.to_string();
    let street = body
        .optional_list("street", |line| match line {
            Json::String(line) => Some(line.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let region = json.member("region");
    let region_text = |name: &str| match region.and_then(|region| region.member(name)) {
        Some(Json::String(value)) if !value.is_empty() => Some(value.clone()),
        _ => None,
    };
    let mut address = Address::new(id);
    address.first_name = body.optional_string("firstname");
    address.last_name = body.optional_string("lastname");
    address.full_name = support::join(
        &[address.first_name.as_deref(), address.last_name.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>(),
        " ",
    );
    address.address1 = street.first().cloned();
    address.address2 = (street.len() > 1).then(|| support::join(&street[1..], "\n"));
    address.city = body.optional_string("city");
    address.postal_code = body.optional_string("postcode");
    address.country_iso = body.optional_string("country_id");
    address.state_abbr = region_text("region_code");
    address.state_name = region_text("region");
    address.phone = body.optional_string("telephone");
    address.company = body.optional_string("company");
    address.salutation = body
        .optional_string("prefix")
        .as_deref()
        .and_then(Salutation::parse);
    address.is_default_billing = body.optional_bool("default_billing").unwrap_or_default()
        || default_billing == Some(address.id.as_str());
    address.is_default_shipping = body.optional_bool("default_shipping").unwrap_or_default()
        || default_shipping == Some(address.id.as_str());
    address.backend_data = AddressData::MagentoRest(MagentoAddress {
        street,
        region_id: integer(&body, "region_id"),
        middlename: body.optional_string("middlename"),
        vat_id: body.optional_string("vat_id"),
        fax: body.optional_string("fax"),
    });
    body.finish(address)
}

/// The `customer` object of a registration.
pub(super) fn new_customer(
    email: &str,
    first_name: Option<&str>,
    last_name: Option<&str>,
    update: &CustomerUpdate,
) -> Json {
    let mut customer = Json::Object(Vec::new());
    customer.set_member("email", text(email));
    if let Some(first) = first_name {
        customer.set_member("firstname", text(first));
    }
    if let Some(last) = last_name {
        customer.set_member("lastname", text(last));
    }
    apply_profile(&mut customer, update);
    customer
}

/// Applies the profile fields of `update` to a customer as read.
pub(super) fn apply_profile(customer: &mut Json, update: &CustomerUpdate) {
    let strings = [
        ("firstname", update.first_name.as_deref()),
        ("lastname", update.last_name.as_deref()),
        ("email", update.email.as_deref()),
        ("dob", update.date_of_birth.as_deref()),
        ("prefix", update.salutation.map(Salutation::as_str)),
    ];
    for (name, value) in strings {
        if let Some(value) = value {
            customer.set_member(name, text(value));
        }
    }
    if let Some(gender) = update.gender {
        customer.set_member("gender", Json::Number(gender_code(gender)));
    }
    if let Some(subscribed) = update.accepts_email_marketing {
        let mut extension = match customer.member("extension_attributes") {
            Some(Json::Object(members)) => Json::Object(members.clone()),
            _ => Json::Object(Vec::new()),
        };
        extension.set_member("is_subscribed", Json::Bool(subscribed));
        customer.set_member("extension_attributes", extension);
    }
}

/// The addresses of a customer as read (an empty list when absent).
pub(super) fn address_entries(customer: &Json) -> Vec<Json> {
    match customer.member("addresses") {
        Some(Json::Array(items)) => items.clone(),
        _ => Vec::new(),
    }
}

/// The id of an address entry, as text.
pub(super) fn entry_id(entry: &Json) -> Option<String> {
    match entry.member("id")? {
        Json::Number(number) if number.fract() == 0.0 => Some((*number as i64).to_string()),
        Json::String(text) => Some(text.clone()),
        _ => None,
    }
}

/// Applies `input` to an address entry (a new one is an empty object).
pub(super) fn apply_address(entry: &mut Json, input: &AddressInput) {
    let strings = [
        ("firstname", input.first_name.as_deref()),
        ("lastname", input.last_name.as_deref()),
        ("city", input.city.as_deref()),
        ("postcode", input.postal_code.as_deref()),
        ("country_id", input.country_iso.as_deref()),
        ("telephone", input.phone.as_deref()),
        ("company", input.company.as_deref()),
        ("prefix", input.salutation.map(Salutation::as_str)),
    ];
    for (name, value) in strings {
        if let Some(value) = value {
            entry.set_member(name, text(value));
        }
    }
    if input.address1.is_some() || input.address2.is_some() {
        let mut street: Vec<String> = match entry.member("street") {
            Some(Json::Array(lines)) => lines
                .iter()
                .filter_map(|line| match line {
                    Json::String(line) => Some(line.clone()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        if let Some(first) = &input.address1 {
            match street.first_mut() {
                Some(line) => *line = first.clone(),
                None => street.push(first.clone()),
            }
        }
        if let Some(second) = &input.address2 {
            street.truncate(1);
            if !second.trim().is_empty() {
                street.extend(second.split('\n').map(str::to_owned));
            }
        }
        entry.set_member(
            "street",
            Json::Array(street.iter().map(|line| text(line)).collect()),
        );
    }
    if input.state_abbr.is_some() || input.state_name.is_some() {
        let mut region = Json::Object(Vec::new());
        if let Some(code) = &input.state_abbr {
            region.set_member("region_code", text(code));
        }
        if let Some(name) = &input.state_name {
            region.set_member("region", text(name));
        }
        entry.set_member("region", region);
        entry.remove_member("region_id");
    }
    for (name, flag) in [
        ("default_billing", input.is_default_billing),
        ("default_shipping", input.is_default_shipping),
    ] {
        if let Some(flag) = flag {
            entry.set_member(name, Json::Bool(flag));
        }
    }
}

/// Makes the customer-level default ids agree with the entries' flags:
/// an entry made the default (by `made_default`) takes the customer-level id
/// (or clears it for a new entry, which has no id yet), and no other entry
/// keeps the flag.
pub(super) fn settle_defaults(
    customer: &mut Json,
    entries: &mut [Json],
    changed: usize,
    input: &AddressInput,
) {
    for (kind, flag) in [
        ("default_billing", input.is_default_billing),
        ("default_shipping", input.is_default_shipping),
    ] {
        if flag != Some(true) {
            continue;
        }
        for (index, entry) in entries.iter_mut().enumerate() {
            if index != changed {
                entry.set_member(kind, Json::Bool(false));
            }
        }
        match entries.get(changed).and_then(entry_id) {
            Some(id) => customer.set_member(kind, text(&id)),
            None => customer.remove_member(kind),
        }
    }
}

/// The error body `{"message", "parameters", "errors"}` (§1.4).
pub(super) struct ErrorBody {
    /// The message template, placeholders unsubstituted.
    pub template: String,
    /// The template with its placeholders substituted.
    pub message: String,
    /// The field a `%fieldName` placeholder names, if any.
    pub field: Option<String>,
    /// Aggregated input errors: (substituted message, field).
    pub errors: Vec<(String, Option<String>)>,
}

pub(super) fn error(json: &Json) -> Option<ErrorBody> {
    let body = json.as_object()?;
    let template = body.string("message");
    let parameters = json.member("parameters");
    let errors = match json.member("errors") {
        Some(Json::Array(items)) => items
            .iter()
            .filter_map(|item| {
                let template = match item.member("message") {
                    Some(Json::String(template)) => template,
                    _ => return None,
                };
                let parameters = item.member("parameters");
                Some((substitute(template, parameters), field_of(parameters)))
            })
            .collect(),
        _ => Vec::new(),
    };
    let parsed = ErrorBody {
        message: substitute(&template, parameters),
        field: field_of(parameters),
        template,
        errors,
    };
    body.finish(parsed)
}

/// `parameters.fieldName`, where the template names a field.
fn field_of(parameters: Option<&Json>) -> Option<String> {
    match parameters?.member("fieldName")? {
        Json::String(field) => Some(field.clone()),
        _ => None,
    }
}

/// Substitutes `%name` from a map and `%1`… (1-based) from a list; values are
/// strings or numbers. Unknown placeholders stay as they are.
pub(super) fn substitute(template: &str, parameters: Option<&Json>) -> String {
    let Some(parameters) = parameters else {
        return template.to_owned();
    };
    let value_of = |name: &str| -> Option<String> {
        let value = match parameters {
            Json::Object(_) => parameters.member(name),
            Json::Array(items) => support::parse_whole::<usize>(name)
                .and_then(|index| index.checked_sub(1))
                .and_then(|index| items.get(index)),
            _ => None,
        }?;
        match value {
            Json::String(text) => Some(text.clone()),
            Json::Number(number) if number.fract() == 0.0 => Some((*number as i64).to_string()),
            Json::Number(number) => Some(crate::platform::format_number(*number)),
            _ => None,
        }
    };
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    // Splits without slicing by index: a slice that could panic would bring
    // the panic's formatting of chars into the wasm package.
    while let Some((before, after)) = rest.split_once('%') {
        out.push_str(before);
        let length = after
            .char_indices()
            .find(|(_, ch)| !(ch.is_ascii_alphanumeric() || *ch == '_'))
            .map_or(after.len(), |(index, _)| index);
        // The longest name that has a value wins (`%fieldName` before `%field`).
        let found = (1..=length).rev().find_map(|end| {
            let (name, tail) = after.split_at_checked(end)?;
            value_of(name).map(|value| (tail, value))
        });
        match found {
            Some((tail, value)) => {
                out.push_str(&value);
                rest = tail;
            }
            None => {
                out.push('%');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Json {
        Json::parse(text.as_bytes()).unwrap()
    }

    #[test]
    fn placeholders_are_substituted_from_maps_and_lists() {
        let map = parse(r#"{"fieldName":"email","value":"invalid","n":8}"#);
        assert_eq!(
            substitute(
                r#"Invalid value of "%value" provided for the %fieldName field."#,
                Some(&map)
            ),
            r#"Invalid value of "invalid" provided for the email field."#
        );
        let list = parse("[8]");
        assert_eq!(
            substitute("The password needs at least %1 characters.", Some(&list)),
            "The password needs at least 8 characters."
        );
        let nested = parse(
            r#"{"fieldName":"email","fieldValue":"x@y.z","field2Name":"websiteId","field2Value":0}"#,
        );
        assert_eq!(
            substitute(
                "No such entity with %fieldName = %fieldValue, %field2Name = %field2Value",
                Some(&nested)
            ),
            "No such entity with email = x@y.z, websiteId = 0"
        );
        assert_eq!(
            substitute("100% sure %unknown", Some(&map)),
            "100% sure %unknown"
        );
        assert_eq!(substitute("no parameters %1", None), "no parameters %1");
    }

    #[test]
    fn customers_read_with_defaults_from_the_customer_level_ids() {
        let read = customer(&parse(
            r#"{"id":2,"group_id":1,"default_billing":"2","default_shipping":"2","email":"jdoe@example.com","firstname":"Jane","lastname":"Doe","store_id":1,"website_id":1,"gender":2,"addresses":[{"id":2,"customer_id":2,"region":{"region_code":"NY","region":"New York","region_id":43},"region_id":43,"country_id":"US","street":["123 Oak Ave","Apt 4","Rear"],"telephone":"512-555-1111","postcode":"10755","city":"Purchase","firstname":"Jane","lastname":"Doe"}],"extension_attributes":{"is_subscribed":true}}"#,
        ))
        .unwrap();
        assert_eq!(
            (read.id.as_str(), read.full_name.as_str()),
            ("2", "Jane Doe")
        );
        assert_eq!(read.gender, Some(Gender::Female));
        assert!(read.accepts_email_marketing);
        let address = &read.addresses[0];
        assert_eq!(address.id, "2");
        assert_eq!(address.address2.as_deref(), Some("Apt 4\nRear"));
        assert_eq!(address.state_abbr.as_deref(), Some("NY"));
        assert!(address.is_default_billing && address.is_default_shipping);
        assert_eq!(
            read.default_billing_address.as_ref().map(|a| a.id.as_str()),
            Some("2")
        );
        assert!(
            customer(&parse(r#"{"email":"a@b.c"}"#)).is_none(),
            "an id is required"
        );
    }

    #[test]
    fn address_input_edits_an_entry_and_keeps_unknown_members() {
        let mut entry = parse(
            r#"{"id":7,"street":["Old 1","Old 2"],"custom_attributes":[{"attribute_code":"x","value":"y"}],"region_id":43}"#,
        );
        let input = AddressInput {
            address1: Some("New 1".into()),
            state_abbr: Some("BE".into()),
            ..AddressInput::default()
        };
        apply_address(&mut entry, &input);
        assert_eq!(entry.member("street"), Some(&parse(r#"["New 1","Old 2"]"#)));
        assert!(entry.member("custom_attributes").is_some());
        assert!(
            entry.member("region_id").is_none(),
            "a new region drops the old id"
        );
        let clear = AddressInput {
            address2: Some(String::new()),
            ..AddressInput::default()
        };
        apply_address(&mut entry, &clear);
        assert_eq!(entry.member("street"), Some(&parse(r#"["New 1"]"#)));
    }
}
