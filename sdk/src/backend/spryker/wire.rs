//! Spryker Glue JSON:API shapes, read from `spryker-glue.md` §1–§3, the
//! resource and validation YAML of `customers-rest-api`/`auth-rest-api` and
//! seed 003, and written independently of the mock. Documents are read
//! strictly where the SDK reads a member and ignore every other member.

use super::data::{SprykerAddress, SprykerCustomer};
use super::street;
use crate::backend::{AddressData, CustomerData};
use crate::json::{Json, JsonObject};
use crate::models::{Address, AddressInput, Customer, CustomerUpdate, Gender, NewCustomer};

/// A JSON:API request document `{"data":{"type","id"?,"attributes"}}`.
pub(super) fn document(kind: &str, id: Option<&str>, attributes: JsonObject) -> String {
    let data = JsonObject::new()
        .field("type", &kind)
        .optional("id", id)
        .field("attributes", &attributes);
    JsonObject::new().field("data", &data).finish()
}

/// Spryker's name of a gender (`Male`, `Female`); `None` for any other.
pub(super) fn gender_name(gender: Gender) -> Option<&'static str> {
    match gender {
        Gender::Male => Some("Male"),
        Gender::Female => Some("Female"),
        _ => None,
    }
}

fn gender_of(name: &str) -> Option<Gender> {
    match name {
        "Male" => Some(Gender::Male),
        "Female" => Some(Gender::Female),
        _ => None,
    }
}

/// `POST /customers` (§2.1): the password is confirmed by itself when no
/// confirmation was given; `acceptedTerms` only when the caller set it.
pub(super) fn register_document(input: &NewCustomer, gender: Option<&str>) -> String {
    let password = input.password.expose_secret();
    let confirmation = input
        .password_confirmation
        .as_ref()
        .map_or(password, |confirmation| confirmation.expose_secret());
    let attributes = JsonObject::new()
        .optional("salutation", input.salutation.map(|s| s.as_str()))
        .optional("gender", gender)
        .optional("firstName", input.first_name.as_deref())
        .optional("lastName", input.last_name.as_deref())
        .field("email", &input.email)
        .field("password", &password)
        .field("confirmPassword", &confirmation)
        .optional("acceptedTerms", input.accepted_terms)
        .optional("dateOfBirth", input.date_of_birth.as_deref())
        .optional("phone", input.phone.as_deref());
    document("customers", None, attributes)
}

/// The attributes of `PATCH /customers/{reference}` (§2.8); `None` when no
/// profile field changes.
pub(super) fn profile_attributes(
    update: &CustomerUpdate,
    gender: Option<&str>,
) -> Option<JsonObject> {
    let changed = update.first_name.is_some()
        || update.last_name.is_some()
        || update.email.is_some()
        || update.phone.is_some()
        || update.date_of_birth.is_some()
        || update.salutation.is_some()
        || gender.is_some();
    changed.then(|| {
        JsonObject::new()
            .optional("email", update.email.as_deref())
            .optional("gender", gender)
            .optional("salutation", update.salutation.map(|s| s.as_str()))
            .optional("firstName", update.first_name.as_deref())
            .optional("lastName", update.last_name.as_deref())
            .optional("dateOfBirth", update.date_of_birth.as_deref())
            .optional("phone", update.phone.as_deref())
    })
}

/// The attributes of `PATCH /customer-password/{reference}` (§2.9).
pub(super) fn password_attributes(current: &str, new: &str, confirmation: &str) -> JsonObject {
    JsonObject::new()
        .field("password", &current)
        .field("newPassword", &new)
        .field("confirmPassword", &confirmation)
}

/// `POST /access-tokens` (§2.2).
pub(super) fn login_document(email: &str, password: &str) -> String {
    let attributes = JsonObject::new()
        .field("username", &email)
        .field("password", &password);
    document("access-tokens", None, attributes)
}

/// `POST /refresh-tokens` (§2.3).
pub(super) fn refresh_document(refresh_token: &str) -> String {
    let attributes = JsonObject::new().field("refreshToken", &refresh_token);
    document("refresh-tokens", None, attributes)
}

/// `POST /customer-forgotten-password` (§2.5).
pub(super) fn reset_request_document(email: &str) -> String {
    let attributes = JsonObject::new().field("email", &email);
    document("customer-forgotten-password", None, attributes)
}

/// `PATCH /customer-restore-password/{key}` (§2.6): the key in the path,
/// the id and the attributes.
pub(super) fn restore_document(key: &str, password: &str, confirmation: &str) -> String {
    let attributes = JsonObject::new()
        .field("restorePasswordKey", &key)
        .field("password", &password)
        .field("confirmPassword", &confirmation);
    document("customer-restore-password", Some(key), attributes)
}

/// The attributes of an address create (`create`: both default flags are
/// sent, `false` when unset, as the API Platform validation wants them
/// non-null) or update, all but the salutation, which the caller adds last
/// (on a create it may have to be read first). `street` is `address1` split
/// into street and number.
pub(super) fn address_attributes(
    input: &AddressInput,
    street: Option<(String, String)>,
    create: bool,
) -> JsonObject {
    let (street, number) = street.unzip();
    let default = |flag: Option<bool>| flag.or(create.then_some(false));
    JsonObject::new()
        .optional("firstName", input.first_name.as_deref())
        .optional("lastName", input.last_name.as_deref())
        .optional("address1", street)
        .optional("address2", number)
        .optional("address3", input.address2.as_deref())
        .optional("zipCode", input.postal_code.as_deref())
        .optional("city", input.city.as_deref())
        .optional("iso2Code", input.country_iso.as_deref())
        .optional("company", input.company.as_deref())
        .optional("phone", input.phone.as_deref())
        .optional("isDefaultShipping", default(input.is_default_shipping))
        .optional("isDefaultBilling", default(input.is_default_billing))
}

/// The tokens of an `access-tokens` or `refresh-tokens` document.
pub(super) struct TokenBody {
    pub access: String,
    pub refresh: String,
    /// `expiresIn`: an integer (seed 003, resource YAML) or a numeric string
    /// (the transfer XML, the generated OpenAPI).
    pub expires_in: Option<u64>,
}

pub(super) fn tokens(json: &Json) -> Option<TokenBody> {
    let attributes = json.member("data")?.member("attributes")?;
    let body = attributes.as_object()?;
    let expires_in = match body.get("expiresIn") {
        None => None,
        Some(Json::Number(seconds)) if *seconds >= 0.0 && seconds.fract() == 0.0 => {
            Some(*seconds as u64)
        }
        Some(Json::String(seconds)) => body.require(seconds.parse().ok()),
        Some(_) => body.require(None),
    };
    let tokens = TokenBody {
        access: body.string("accessToken"),
        refresh: body.string("refreshToken"),
        expires_in,
    };
    body.finish(tokens)
}

/// The customer reference in an access token's `sub` claim (§3): a JSON
/// string holding an object with `customer_reference` (an object is read
/// too). `None` for a token that is not such a JWT.
pub(super) fn reference(access_token: &str) -> Option<String> {
    let claims = crate::jwt::payload(access_token)?;
    let parsed;
    let subject = match claims.member("sub")? {
        Json::String(text) => {
            parsed = Json::parse(text.as_bytes())?;
            &parsed
        }
        other => other,
    };
    match subject.member("customer_reference")? {
        Json::String(reference) if !reference.trim().is_empty() => Some(reference.clone()),
        _ => None,
    }
}

/// The `id` and `attributes` of a resource object.
fn resource(json: &Json) -> Option<(String, &Json)> {
    let body = json.as_object()?;
    let id = body.string("id");
    let attributes = body.get("attributes");
    let attributes = body.require(attributes)?;
    body.finish((id, attributes))
}

/// A `customers` document (§2.1, §2.7), with the addresses of `included`
/// (`?include=addresses`).
pub(super) fn customer(json: &Json) -> Option<Customer> {
    let document = json.as_object()?;
    let data = document.get("data");
    let (id, attributes) = resource(document.require(data)?)?;
    // The `addresses` of `included`; other resources are skipped.
    let mut addresses = Vec::new();
    match document.get("included") {
        None => {}
        Some(Json::Array(items)) => {
            for item in items {
                if matches!(item.member("type"), Some(Json::String(kind)) if kind == "addresses") {
                    addresses.push(address(item)?);
                }
            }
        }
        Some(_) => return None,
    }
    document.finish(())?;
    let body = attributes.as_object()?;
    let mut customer = Customer::new(id, body.string("email"));
    customer.first_name = body.optional_string("firstName");
    customer.last_name = body.optional_string("lastName");
    customer.full_name = Customer::full_name_of(
        customer.first_name.as_deref(),
        customer.last_name.as_deref(),
        &customer.email,
    );
    customer.phone = body.optional_string("phone");
    customer.date_of_birth = body.optional_string("dateOfBirth");
    customer.gender = body
        .optional_string("gender")
        .as_deref()
        .and_then(gender_of);
    customer.salutation = body
        .optional_string("salutation")
        .as_deref()
        .and_then(crate::models::Salutation::parse);
    customer.default_billing_address = addresses.iter().find(|a| a.is_default_billing).cloned();
    customer.default_shipping_address = addresses.iter().find(|a| a.is_default_shipping).cloned();
    customer.addresses = addresses;
    customer.backend_data = CustomerData::Spryker(SprykerCustomer {
        created_at: body.optional_string("createdAt"),
        updated_at: body.optional_string("updatedAt"),
        anonymized_at: body.optional_string("anonymizedAt"),
    });
    body.finish(customer)
}

/// The customer's salutation as stored (`n/a` included), from a `customers`
/// document.
pub(super) fn salutation(json: &Json) -> Option<Option<String>> {
    let (_, attributes) = resource(json.member("data")?)?;
    let body = attributes.as_object()?;
    let salutation = body.optional_string("salutation");
    body.finish(salutation)
}

/// The reference of the one customer of `GET /customers`.
pub(super) fn collection_reference(json: &Json) -> Option<String> {
    match json.member("data")? {
        Json::Array(items) => resource(items.first()?).map(|(id, _)| id),
        _ => None,
    }
}

/// An `addresses` resource object (§2.11).
fn address(json: &Json) -> Option<Address> {
    let (id, attributes) = resource(json)?;
    let body = attributes.as_object()?;
    let text = |name| body.optional_string(name);
    let lines = SprykerAddress {
        address1: text("address1"),
        address2: text("address2"),
        address3: text("address3"),
        comment: text("comment"),
        created_at: text("createdAt"),
        updated_at: text("updatedAt"),
    };
    let mut address = Address::new(id);
    address.first_name = text("firstName");
    address.last_name = text("lastName");
    address.full_name = street::join(address.first_name.as_deref(), address.last_name.as_deref())
        .unwrap_or_default();
    address.address1 = street::join(lines.address1.as_deref(), lines.address2.as_deref());
    address.address2 = street::join(lines.address3.as_deref(), None);
    address.postal_code = text("zipCode");
    address.city = text("city");
    address.country_name = text("country");
    address.country_iso = text("iso2Code");
    address.state_name = text("region");
    address.company = text("company");
    address.phone = text("phone");
    address.salutation = text("salutation")
        .as_deref()
        .and_then(crate::models::Salutation::parse);
    address.is_default_billing = body.optional_bool("isDefaultBilling").unwrap_or_default();
    address.is_default_shipping = body.optional_bool("isDefaultShipping").unwrap_or_default();
    address.backend_data = AddressData::Spryker(lines);
    body.finish(address)
}

/// A single `addresses` document.
pub(super) fn address_document(json: &Json) -> Option<Address> {
    address(json.member("data")?)
}

/// An `addresses` collection (not paginated).
pub(super) fn address_list(json: &Json) -> Option<Vec<Address>> {
    let Json::Array(items) = json.as_object()?.get("data")? else {
        return None;
    };
    let mut addresses = Vec::new();
    for item in items {
        addresses.push(address(item)?);
    }
    Some(addresses)
}

/// One entry of an error document.
pub(super) struct WireError<'a> {
    /// The code as a string, leading zeros kept (`"001"`).
    pub code: Option<&'a str>,
    pub detail: &'a str,
}

/// The entries of `{"errors":[{code, status, detail}]}` (§1.3), or of a
/// flat `{code, status, detail}` as the generated OpenAPI declares it.
pub(super) fn errors(json: &Json) -> Option<Vec<WireError<'_>>> {
    let mut errors = Vec::new();
    match json.member("errors") {
        Some(Json::Array(items)) => {
            for item in items {
                errors.push(error(item)?);
            }
        }
        Some(_) => return None,
        None => errors.push(error(json)?),
    }
    (!errors.is_empty()).then_some(errors)
}

fn error(json: &Json) -> Option<WireError<'_>> {
    let text = |name| match json.member(name) {
        Some(Json::String(text)) => Some(text.as_str()),
        _ => None,
    };
    let (code, detail) = (text("code"), text("detail"));
    (code.is_some() || detail.is_some()).then(|| WireError {
        code,
        detail: detail.unwrap_or_default(),
    })
}
