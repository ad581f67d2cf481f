//! Magento GraphQL JSON shapes, read from `magento-graphql.md` §1.1 and §2
//! and the 2.4.8/2.4.9 SDL, written independently of the mock: the
//! variables the SDK sends and the results of the documents it sends.

use super::data::{MagentoGraphqlAddress, MagentoGraphqlCustomer};
use crate::backend::{AddressData, CustomerData, support};
use crate::json::{Json, JsonObject};
use crate::models::{Address, AddressInput, Customer, CustomerUpdate, Gender, Salutation};

/// The `ConfirmationStatusEnum` values (SDL) of an account that can log in.
const CAN_LOG_IN: [&str; 2] = ["ACCOUNT_CONFIRMED", "ACCOUNT_CONFIRMATION_NOT_REQUIRED"];

/// The non-null result `data.<field>` of a response body.
pub(super) fn data<'a>(body: &'a Json, field: &str) -> Option<&'a Json> {
    match body.member("data")?.member(field)? {
        Json::Null => None,
        value => Some(value),
    }
}

/// The gender code of `Gender` (SDL: 1 male, 2 female; Magento's attribute
/// has 3 for "not specified", as on REST).
pub(super) fn gender_code(gender: Gender) -> i64 {
    match gender {
        Gender::Male => 1,
        Gender::Female => 2,
        _ => 3,
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

/// `CustomerCreateInput` (§2.1): the registration and its profile fields.
pub(super) fn create_input(
    email: &str,
    password: &str,
    first_name: &str,
    last_name: &str,
    profile: &CustomerUpdate,
) -> JsonObject {
    let input = JsonObject::new()
        .field("email", &email)
        .field("firstname", &first_name)
        .field("lastname", &last_name)
        .field("password", &password);
    profile_fields(input, profile)
}

/// `CustomerUpdateInput` (§2.7), when the update changes one of its fields.
pub(super) fn update_input(update: &CustomerUpdate) -> Option<JsonObject> {
    let changes = update.first_name.is_some()
        || update.last_name.is_some()
        || update.date_of_birth.is_some()
        || update.gender.is_some()
        || update.salutation.is_some()
        || update.accepts_email_marketing.is_some();
    changes.then(|| {
        let input = JsonObject::new()
            .optional("firstname", update.first_name.as_deref())
            .optional("lastname", update.last_name.as_deref());
        profile_fields(input, update)
    })
}

/// The profile fields both inputs share.
fn profile_fields(input: JsonObject, profile: &CustomerUpdate) -> JsonObject {
    input
        .optional("date_of_birth", profile.date_of_birth.as_deref())
        .optional("gender", profile.gender.map(gender_code))
        .optional("prefix", profile.salutation.map(Salutation::as_str))
        .optional("is_subscribed", profile.accepts_email_marketing)
}

/// Street lines: `first`, then the lines of `rest` (a blank `rest` adds
/// none).
pub(super) fn street_lines(first: &str, rest: Option<&str>) -> Vec<String> {
    let mut lines = vec![first.to_owned()];
    if let Some(rest) = rest.filter(|rest| !rest.trim().is_empty()) {
        lines.extend(rest.split('\n').map(str::to_owned));
    }
    lines
}

/// `CustomerAddressInput` (§2.9) of `input`, with the street lines to send
/// (when the street changes) and the upper-cased country code.
pub(super) fn address_input(
    input: &AddressInput,
    street: Option<Vec<String>>,
    country: Option<String>,
) -> JsonObject {
    let region = (input.state_abbr.is_some() || input.state_name.is_some()).then(|| {
        JsonObject::new()
            .optional("region", input.state_name.as_deref())
            .optional("region_code", input.state_abbr.as_deref())
    });
    JsonObject::new()
        .optional("firstname", input.first_name.as_deref())
        .optional("lastname", input.last_name.as_deref())
        .optional("prefix", input.salutation.map(Salutation::as_str))
        .optional("company", input.company.as_deref())
        .optional("street", street)
        .optional("city", input.city.as_deref())
        .optional("postcode", input.postal_code.as_deref())
        .optional("country_code", country)
        .optional("region", region)
        .optional("telephone", input.phone.as_deref())
        .optional("default_billing", input.is_default_billing)
        .optional("default_shipping", input.is_default_shipping)
}

/// The customer of a `createCustomerV2` result (`CustomerOutput`), and
/// whether it must confirm its email first: a `confirmation_status` other
/// than the SDL's two values (Magento's resolver also knows
/// `ACCOUNT_CONFIRMATION_REQUIRED`).
pub(super) fn created(output: &Json) -> Option<(Customer, bool)> {
    let body = output.member("customer")?.as_object()?;
    let mut customer = Customer::new(String::new(), body.string("email"));
    customer.first_name = body.optional_string("firstname");
    customer.last_name = body.optional_string("lastname");
    customer.full_name = Customer::full_name_of(
        customer.first_name.as_deref(),
        customer.last_name.as_deref(),
        &customer.email,
    );
    customer.accepts_email_marketing = body.optional_bool("is_subscribed").unwrap_or_default();
    let status = body.optional_string("confirmation_status");
    let pending = status
        .as_deref()
        .is_some_and(|status| !CAN_LOG_IN.contains(&status));
    customer.backend_data = CustomerData::MagentoGraphql(MagentoGraphqlCustomer {
        confirmation_status: status,
        ..MagentoGraphqlCustomer::default()
    });
    body.finish((customer, pending))
}

/// The customer of a `customer` result (§2.6), with `id` (the query has
/// none: it comes from the token).
pub(super) fn customer(json: &Json, id: String) -> Option<Customer> {
    let body = json.as_object()?;
    let mut customer = Customer::new(id, body.string("email"));
    customer.first_name = body.optional_string("firstname");
    customer.last_name = body.optional_string("lastname");
    customer.full_name = Customer::full_name_of(
        customer.first_name.as_deref(),
        customer.last_name.as_deref(),
        &customer.email,
    );
    customer.date_of_birth = body.optional_string("date_of_birth");
    customer.gender = gender_of(body.optional_i64("gender"));
    customer.salutation = body
        .optional_string("prefix")
        .as_deref()
        .and_then(Salutation::parse);
    customer.accepts_email_marketing = body.optional_bool("is_subscribed").unwrap_or_default();
    let billing = body.optional_string("default_billing");
    let shipping = body.optional_string("default_shipping");
    let addresses = match body.get("addresses") {
        Some(Json::Array(items)) => items
            .iter()
            .filter(|item| !matches!(item, Json::Null))
            .map(|item| address(item, billing.as_deref(), shipping.as_deref()))
            .collect::<Option<Vec<_>>>(),
        Some(_) => None,
        None => Some(Vec::new()),
    };
    customer.addresses = body.require(addresses).unwrap_or_default();
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
    customer.backend_data = CustomerData::MagentoGraphql(MagentoGraphqlCustomer {
        middlename: body.optional_string("middlename"),
        suffix: body.optional_string("suffix"),
        created_at: body.optional_string("created_at"),
        confirmation_status: body.optional_string("confirmation_status"),
    });
    body.finish(customer)
}

/// A `CustomerAddress`: its unified id is the `uid` where selected (2.4.9),
/// else the integer id; it is a default when its own flag says so or the
/// customer's default id (an integer id as text) names it.
pub(super) fn address(
    json: &Json,
    default_billing: Option<&str>,
    default_shipping: Option<&str>,
) -> Option<Address> {
    let body = json.as_object()?;
    let address_id = body.optional_i64("id");
    let uid = body.optional_string("uid");
    let number = address_id.map(|id| id.to_string());
    let id = body.require(uid.clone().or_else(|| number.clone()))?;
    let street = body
        .optional_list("street", |line| match line {
            Json::String(line) => Some(line.clone()),
            Json::Null => Some(String::new()),
            _ => None,
        })
        .unwrap_or_default();
    let region = body.optional_object("region", |region| {
        let fields = region.as_object()?;
        let read = (
            fields.optional_string("region"),
            fields.optional_string("region_code"),
            fields.optional_i64("region_id"),
        );
        fields.finish(read)
    });
    let (state_name, state_abbr, nested_region_id) = region.unwrap_or_default();
    let names_default = |default: Option<&str>| number.is_some() && default == number.as_deref();
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
    address.company = body.optional_string("company");
    address.address1 = street.first().cloned();
    address.address2 = (street.len() > 1).then(|| support::join(&street[1..], "\n"));
    address.city = body.optional_string("city");
    address.postal_code = body.optional_string("postcode");
    address.country_iso = body.optional_string("country_code");
    address.state_abbr = state_abbr.filter(|code| !code.is_empty());
    address.state_name = state_name.filter(|name| !name.is_empty());
    address.phone = body.optional_string("telephone");
    address.is_default_billing =
        body.optional_bool("default_billing").unwrap_or_default() || names_default(default_billing);
    address.is_default_shipping = body.optional_bool("default_shipping").unwrap_or_default()
        || names_default(default_shipping);
    address.backend_data = AddressData::MagentoGraphql(MagentoGraphqlAddress {
        address_id,
        uid,
        street,
        region_id: body.optional_i64("region_id").or(nested_region_id),
        vat_id: body.optional_string("vat_id"),
    });
    body.finish(address)
}

/// One entry of a response's `errors` (§1.1): what the SDK reads of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct GraphqlError {
    pub message: String,
    /// `extensions.category`, when there is one.
    pub category: Option<String>,
}

/// The `errors` of a response body: `None` when there are none, or when
/// the body is not a GraphQL response (no list of entries with a message).
pub(super) fn errors(body: &Json) -> Option<Vec<GraphqlError>> {
    let Some(Json::Array(items)) = body.member("errors") else {
        return None;
    };
    let read: Option<Vec<GraphqlError>> = items
        .iter()
        .map(|item| {
            let fields = item.as_object()?;
            let message = fields.string("message");
            let category = match item.member("extensions") {
                Some(extensions @ Json::Object(_)) => match extensions.member("category") {
                    Some(Json::String(category)) => Some(category.clone()),
                    _ => None,
                },
                _ => None,
            };
            fields.finish(GraphqlError { message, category })
        })
        .collect();
    read.filter(|errors| !errors.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Json {
        Json::parse(text.as_bytes()).unwrap()
    }

    #[test]
    fn a_customer_reads_with_its_address_book_and_defaults() {
        let body = parse(
            r#"{"data":{"customer":{"firstname":"Jane","lastname":"Doe","middlename":null,"prefix":"Ms","suffix":null,"email":"jdoe@example.com","date_of_birth":"1990-01-15","gender":2,"is_subscribed":true,"created_at":"2024-01-31 01:18:13","confirmation_status":"ACCOUNT_CONFIRMATION_NOT_REQUIRED","default_billing":"7","default_shipping":null,"addresses":[{"id":7,"firstname":"Jane","lastname":"Doe","company":null,"street":["Hauptstr. 1","Hof","Links"],"city":"Berlin","postcode":"10115","region":{"region":"","region_code":"","region_id":0},"region_id":0,"country_code":"DE","telephone":"+49301234","vat_id":null,"default_billing":false,"default_shipping":true}]}}}"#,
        );
        let read = customer(data(&body, "customer").unwrap(), "42".into()).unwrap();
        assert_eq!(read.id, "42");
        assert_eq!(read.full_name, "Jane Doe");
        assert_eq!(read.gender, Some(Gender::Female));
        assert_eq!(read.salutation, Some(Salutation::Ms));
        assert_eq!(read.date_of_birth.as_deref(), Some("1990-01-15"));
        assert!(read.accepts_email_marketing);
        let address = &read.addresses[0];
        assert_eq!(address.id, "7");
        assert_eq!(address.address1.as_deref(), Some("Hauptstr. 1"));
        assert_eq!(address.address2.as_deref(), Some("Hof\nLinks"));
        assert_eq!(address.country_iso.as_deref(), Some("DE"));
        assert_eq!(
            (address.state_abbr.as_ref(), address.state_name.as_ref()),
            (None, None)
        );
        assert!(address.is_default_billing, "the customer-level id names it");
        assert!(address.is_default_shipping, "its own flag says so");
        assert_eq!(
            read.default_shipping_address.map(|a| a.id),
            Some("7".to_owned())
        );
        let CustomerData::MagentoGraphql(data) = &read.backend_data else {
            panic!("Magento GraphQL data");
        };
        assert_eq!(data.created_at.as_deref(), Some("2024-01-31 01:18:13"));
    }

    #[test]
    fn a_uid_is_the_address_id_where_selected() {
        let entry = parse(
            r#"{"id":85,"uid":"ODU=","street":["Main 1"],"region":{"region":"Arizona","region_code":"AZ","region_id":4},"default_billing":true}"#,
        );
        let read = address(&entry, Some("85"), Some("85")).unwrap();
        assert_eq!(read.id, "ODU=");
        assert!(read.is_default_billing && read.is_default_shipping);
        assert_eq!(read.state_abbr.as_deref(), Some("AZ"));
        let AddressData::MagentoGraphql(data) = &read.backend_data else {
            panic!("Magento GraphQL data");
        };
        assert_eq!((data.address_id, data.region_id), (Some(85), Some(4)));
        assert!(
            address(&parse(r#"{"city":"x"}"#), None, None).is_none(),
            "an id is required"
        );
        assert!(
            address(&parse(r#"{"id":"7"}"#), None, None).is_none(),
            "ids are Int"
        );
    }

    #[test]
    fn wrongly_typed_results_fail_to_decode() {
        let body = parse(r#"{"email":"a@b.c","gender":"female"}"#);
        assert!(customer(&body, String::new()).is_none());
        let body = parse(r#"{"email":"a@b.c","addresses":{"id":1}}"#);
        assert!(customer(&body, String::new()).is_none());
        let body = parse(r#"{"email":"a@b.c","addresses":null}"#);
        assert!(customer(&body, String::new()).unwrap().addresses.is_empty());
    }

    #[test]
    fn registration_results_say_whether_confirmation_is_pending() {
        for (status, pending) in [
            ("ACCOUNT_CONFIRMED", false),
            ("ACCOUNT_CONFIRMATION_NOT_REQUIRED", false),
            ("ACCOUNT_CONFIRMATION_REQUIRED", true),
        ] {
            let body = parse(&format!(
                r#"{{"customer":{{"firstname":"J","lastname":"D","email":"j@d.e","is_subscribed":false,"confirmation_status":"{status}"}}}}"#
            ));
            let (customer, is_pending) = created(&body).unwrap();
            assert_eq!(is_pending, pending, "{status}");
            assert_eq!(
                (customer.id.as_str(), customer.full_name.as_str()),
                ("", "J D")
            );
        }
    }

    #[test]
    fn inputs_carry_only_what_is_set() {
        let update = CustomerUpdate {
            last_name: Some("Roe".into()),
            gender: Some(Gender::Male),
            accepts_email_marketing: Some(false),
            ..CustomerUpdate::default()
        };
        assert_eq!(
            update_input(&update).unwrap().finish(),
            r#"{"lastname":"Roe","gender":1,"is_subscribed":false}"#
        );
        let email_only = CustomerUpdate {
            email: Some("new@example.com".into()),
            ..CustomerUpdate::default()
        };
        assert!(update_input(&email_only).is_none());
        let input = AddressInput {
            first_name: Some("Jane".into()),
            state_abbr: Some("BE".into()),
            is_default_shipping: Some(true),
            ..AddressInput::default()
        };
        assert_eq!(
            address_input(
                &input,
                Some(street_lines("A 1", Some("B\nC"))),
                Some("DE".into())
            )
            .finish(),
            r#"{"firstname":"Jane","street":["A 1","B","C"],"country_code":"DE","region":{"region_code":"BE"},"default_shipping":true}"#
        );
        assert_eq!(street_lines("A 1", Some(" ")), ["A 1"]);
    }

    #[test]
    fn errors_need_a_message_and_keep_the_category() {
        let body = parse(
            r#"{"errors":[{"message":"m","locations":[{"line":1,"column":2}],"path":["customer"],"extensions":{"category":"graphql-authorization","code":502}},{"message":"n"}],"data":{"customer":null}}"#,
        );
        let read = errors(&body).unwrap();
        assert_eq!(read[0].category.as_deref(), Some("graphql-authorization"));
        assert_eq!(read[1].category, None);
        assert_eq!(data(&body, "customer"), None, "a null result is none");
        assert_eq!(errors(&parse(r#"{"errors":[]}"#)), None);
        assert_eq!(errors(&parse(r#"{"errors":[{"path":[]}]}"#)), None);
        assert_eq!(errors(&parse(r#"{"message":"REST"}"#)), None);
    }
}
