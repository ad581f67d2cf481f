//! Bagisto shop API JSON shapes, read from `bagisto.md` §2 and the declared
//! contract, written independently of the mock. Bodies are flat camelCase.
//! Responses are flat objects whose ids and flags come as numbers, numeric
//! strings, `"true"`/`"false"` or booleans depending on the route, so they
//! are read leniently; everything else is read strictly.

use super::data::{BagistoAddress, BagistoCustomer};
use crate::backend::{AddressData, CustomerData, support};
use crate::json::{Fields, Json, JsonObject};
use crate::models::{Address, AddressInput, Customer, CustomerUpdate, Gender, NewCustomer};

/// `Male`, `Female` or `Other` (the values the validator accepts).
fn gender_name(gender: Gender) -> &'static str {
    match gender {
        Gender::Male => "Male",
        Gender::Female => "Female",
        Gender::Other => "Other",
    }
}

/// A gender as stored (the validator compares case-insensitively); `None`
/// for anything else.
fn gender_of(text: &str) -> Option<Gender> {
    [Gender::Male, Gender::Female, Gender::Other]
        .into_iter()
        .find(|gender| gender_name(*gender).eq_ignore_ascii_case(text))
}

/// `POST /customers` (§2.1). `confirmPassword` is the confirmation, or the
/// password again. `status`, `isVerified` and `isSuspended` are settable by
/// the client there and are never written.
pub(super) fn register_body(input: &NewCustomer) -> String {
    let password = input.password.expose_secret();
    let confirmation = input
        .password_confirmation
        .as_ref()
        .map_or(password, |confirmation| confirmation.expose_secret());
    JsonObject::new()
        .optional("firstName", input.first_name.as_deref())
        .optional("lastName", input.last_name.as_deref())
        .field("email", &input.email)
        .field("password", &password)
        .field("confirmPassword", &confirmation)
        .optional("phone", input.phone.as_deref())
        .optional("gender", input.gender.map(gender_name))
        .optional("dateOfBirth", input.date_of_birth.as_deref())
        .optional("subscribedToNewsLetter", input.accepts_email_marketing)
        .finish()
}

/// `POST /customer/login` (§2.2).
pub(super) fn login_body(email: &str, password: &str) -> String {
    JsonObject::new()
        .field("email", &email)
        .field("password", &password)
        .finish()
}

/// `POST /forgot-passwords` (§2.5).
pub(super) fn reset_body(email: &str) -> String {
    JsonObject::new().field("email", &email).finish()
}

/// `PUT /customer-profile-updates/{id}` (§2.8): the fields to change, and a
/// password change as `currentPassword`, `password` and `confirmPassword`
/// together (the caller checked that the current password is there).
pub(super) fn profile_body(update: &CustomerUpdate) -> String {
    let body = JsonObject::new()
        .optional("firstName", update.first_name.as_deref())
        .optional("lastName", update.last_name.as_deref())
        .optional("email", update.email.as_deref())
        .optional("phone", update.phone.as_deref())
        .optional("gender", update.gender.map(gender_name))
        .optional("dateOfBirth", update.date_of_birth.as_deref())
        .optional("subscribedToNewsLetter", update.accepts_email_marketing);
    let Some(password) = &update.password else {
        return body.finish();
    };
    let password = password.expose_secret();
    let confirmation = update
        .password_confirmation
        .as_ref()
        .map_or(password, |confirmation| confirmation.expose_secret());
    body.optional(
        "currentPassword",
        update.current_password.as_ref().map(|p| p.expose_secret()),
    )
    .field("password", &password)
    .field("confirmPassword", &confirmation)
    .finish()
}

/// The write shape of an address (§2.9), with `addressId` on an update.
/// Both unified default flags map to the one `defaultAddress`: true when
/// either is true. `state` is the code, else the free-text name.
pub(super) fn address_body(input: &AddressInput, id: Option<&str>) -> String {
    let default = match (input.is_default_billing, input.is_default_shipping) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (None, None) => None,
        _ => Some(false),
    };
    let address_id = id.map(|id| match id.parse::<i64>() {
        Ok(number) => Json::Number(number as f64),
        Err(_) => Json::from(id),
    });
    JsonObject::new()
        .optional("addressId", address_id)
        .optional("firstName", input.first_name.as_deref())
        .optional("lastName", input.last_name.as_deref())
        .optional("companyName", input.company.as_deref())
        .optional("phone", input.phone.as_deref())
        .optional("address1", input.address1.as_deref())
        .optional("address2", input.address2.as_deref())
        .optional("city", input.city.as_deref())
        .optional(
            "state",
            input.state_abbr.as_deref().or(input.state_name.as_deref()),
        )
        .optional("postcode", input.postal_code.as_deref())
        .optional("country", input.country_iso.as_deref())
        .optional("defaultAddress", default)
        .finish()
}

/// The member `name` read with `parse`; a value `parse` refuses fails the
/// read.
fn read<T>(fields: &Fields<'_>, name: &str, parse: fn(&Json) -> Option<T>) -> Option<T> {
    let value = fields.get(name)?;
    fields.require(parse(value))
}

/// An integer sent as a number or a numeric string.
fn integer(value: &Json) -> Option<i64> {
    match value {
        Json::Number(number) if number.fract() == 0.0 && number.abs() < 9.0e15 => {
            Some(*number as i64)
        }
        Json::String(text) => text.parse().ok(),
        _ => None,
    }
}

/// An id, as text: a number, or a non-empty string.
fn id(value: &Json) -> Option<String> {
    match value {
        Json::String(text) if !text.is_empty() => Some(text.clone()),
        other => integer(other).map(|number| number.to_string()),
    }
}

/// A flag as a boolean, `0`/`1`, `"0"`/`"1"` or `"true"`/`"false"`.
fn flag(value: &Json) -> Option<bool> {
    match value {
        Json::Bool(flag) => Some(*flag),
        Json::String(text) if text == "true" => Some(true),
        Json::String(text) if text == "false" => Some(false),
        other => match integer(other)? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        },
    }
}

/// The token and the customer id of a login or registration answer.
pub(super) fn token(json: &Json) -> Option<(String, String)> {
    let body = json.as_object()?;
    let token = body.string("token");
    let id = read(&body, "id", id);
    let issued = (token, body.require(id)?);
    body.finish(issued).filter(|(token, _)| !token.is_empty())
}

/// A customer as registration (numbers), the profile read (`"0"`/`"1"`) and
/// the profile update (`"true"`/`"false"`) return it. The legacy `apiToken`
/// is not read.
pub(super) fn customer(json: &Json) -> Option<Customer> {
    let body = json.as_object()?;
    let id = read(&body, "id", id);
    let mut customer = Customer::new(body.require(id)?, body.string("email"));
    customer.first_name = body.optional_string("firstName");
    customer.last_name = body.optional_string("lastName");
    customer.full_name = Customer::full_name_of(
        customer.first_name.as_deref(),
        customer.last_name.as_deref(),
        &customer.email,
    );
    customer.phone = body.optional_string("phone");
    customer.gender = body
        .optional_string("gender")
        .as_deref()
        .and_then(gender_of);
    customer.date_of_birth = body.optional_string("dateOfBirth");
    customer.accepts_email_marketing = read(&body, "subscribedToNewsLetter", flag).unwrap_or(false);
    customer.backend_data = CustomerData::Bagisto(BagistoCustomer {
        status: read(&body, "status", integer),
        is_verified: read(&body, "isVerified", flag),
        is_suspended: read(&body, "isSuspended", flag),
        customer_group_id: read(&body, "customerGroupId", integer),
        channel_id: read(&body, "channelId", integer),
        image: match body.get("image") {
            Some(Json::String(url)) => Some(url.clone()),
            _ => None,
        },
    });
    body.finish(customer)
}

/// The profile read: an array of exactly one customer (§2.7).
pub(super) fn profile(json: &Json) -> Option<Customer> {
    match json {
        Json::Array(items) if items.len() == 1 => customer(&items[0]),
        _ => None,
    }
}

/// An address in either shape (§2.9): the write answer echoes `address1`
/// and `address2`; the read shape joins them with a newline in `address`.
/// `defaultAddress` is reported as both defaults.
pub(super) fn address(json: &Json) -> Option<Address> {
    let body = json.as_object()?;
    let text = |name: &str| body.optional_string(name).filter(|text| !text.is_empty());
    let id = read(&body, "id", id);
    let mut address = Address::new(body.require(id)?);
    address.first_name = text("firstName");
    address.last_name = text("lastName");
    address.full_name = support::join(
        &[address.first_name.as_deref(), address.last_name.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>(),
        " ",
    );
    address.address1 = text("address1");
    address.address2 = text("address2");
    if let Some(joined) = text("address") {
        let (first, rest) = joined.split_once('\n').unwrap_or((&joined, ""));
        let line = |line: &str| Some(line.trim_end().to_owned()).filter(|line| !line.is_empty());
        address.address1 = address.address1.or(line(first));
        address.address2 = address.address2.or(line(rest));
    }
    address.city = text("city");
    address.postal_code = text("postcode");
    address.country_iso = text("country");
    address.state_abbr = text("state");
    address.phone = text("phone");
    address.company = text("companyName");
    let default = read(&body, "defaultAddress", flag).unwrap_or(false);
    address.is_default_billing = default;
    address.is_default_shipping = default;
    address.backend_data = AddressData::Bagisto(BagistoAddress {
        email: text("email"),
        vat_id: text("vatId"),
        address_type: text("addressType"),
        use_for_shipping: read(&body, "useForShipping", flag),
        created_at: text("createdAt"),
        updated_at: text("updatedAt"),
    });
    body.finish(address)
}

/// The address list: a plain array, not paginated.
pub(super) fn addresses(json: &Json) -> Option<Vec<Address>> {
    match json {
        Json::Array(items) => items.iter().map(address).collect(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{SEED_004, seed_004_customer};
    use super::*;

    fn parse(text: &str) -> Json {
        Json::parse(text.as_bytes()).unwrap()
    }

    #[test]
    fn seed_004_is_sent_byte_for_byte() {
        assert_eq!(register_body(&seed_004_customer()), SEED_004);
        let mut unconfirmed = NewCustomer::new("a@b.c", "secret1");
        unconfirmed.gender = Some(Gender::Other);
        assert_eq!(
            register_body(&unconfirmed),
            r#"{"email":"a@b.c","password":"secret1","confirmPassword":"secret1","gender":"Other"}"#,
            "the password again when no confirmation is given"
        );
    }

    #[test]
    fn the_three_customer_shapes_read_alike() {
        // §2.1 (the seed's response fields): numbers, group and channel.
        let registered = customer(&parse(
            r#"{"id":1529,"firstName":"John","lastName":"Doe","gender":"Male","dateOfBirth":"1990-01-15","email":"john@example.com","phone":"1234567890","status":1,"apiToken":"PPKI0VNiX5qehio2q1cMeMd6TCaIKofwQ4mb7y2zcy0japYwsyc","customerGroupId":2,"channelId":1,"subscribedToNewsLetter":true,"isVerified":0,"isSuspended":0,"token":"3761|0aJpoW6dIBsKLWocWJFo0tp8gmakvQbIJe8LBZLz6847d9ab","rememberToken":null,"deviceToken":null,"name":"John Doe"}"#,
        ))
        .unwrap();
        // §2.7: an array of one, string ids and "0"/"1" flags.
        let profiled = profile(&parse(
            r#"[{"id":"1529","firstName":"John","lastName":"Doe","email":"john@example.com","phone":"1234567890","gender":"Male","dateOfBirth":"1990-01-15","status":"1","subscribedToNewsLetter":true,"isVerified":"0","isSuspended":"0","image":null,"password":null,"confirmPassword":null,"success":null,"message":null}]"#,
        ))
        .unwrap();
        // §2.8: "true"/"false" flags.
        let updated = customer(&parse(
            r#"{"id":"1529","_id":"1529","firstName":"John","lastName":"Doe","email":"john@example.com","phone":"1234567890","gender":"Male","dateOfBirth":"1990-01-15","status":"1","subscribedToNewsLetter":true,"isVerified":"false","isSuspended":"false","image":null,"success":true,"message":"Customer profile updated successfully"}"#,
        ))
        .unwrap();
        for read in [&registered, &profiled, &updated] {
            assert_eq!(
                (read.id.as_str(), read.email.as_str()),
                ("1529", "john@example.com")
            );
            assert_eq!(read.full_name, "John Doe");
            assert_eq!(read.phone.as_deref(), Some("1234567890"));
            assert_eq!(read.gender, Some(Gender::Male));
            assert_eq!(read.date_of_birth.as_deref(), Some("1990-01-15"));
            assert!(read.accepts_email_marketing);
            assert!(read.addresses.is_empty());
            let CustomerData::Bagisto(data) = &read.backend_data else {
                panic!("{read:?}");
            };
            assert_eq!(
                (data.status, data.is_verified, data.is_suspended),
                (Some(1), Some(false), Some(false))
            );
        }
        let CustomerData::Bagisto(data) = &registered.backend_data else {
            unreachable!()
        };
        assert_eq!(
            (data.customer_group_id, data.channel_id),
            (Some(2), Some(1))
        );
        assert_eq!(profiled, {
            let mut same = updated.clone();
            same.backend_data = profiled.backend_data.clone();
            same
        });
    }

    #[test]
    fn profiles_that_are_not_an_array_of_one_are_refused() {
        let one = r#"{"id":"1","email":"a@b.c"}"#;
        assert!(profile(&parse(&format!("[{one}]"))).is_some());
        for body in [
            "[]".to_owned(),
            format!("[{one},{one}]"),
            one.to_owned(),
            r#"[{"id":"","email":"a@b.c"}]"#.to_owned(),
            r#"[{"id":"1","email":"a@b.c","isVerified":"maybe"}]"#.to_owned(),
            r#"[{"id":"1","email":"a@b.c","firstName":7}]"#.to_owned(),
        ] {
            assert!(profile(&parse(&body)).is_none(), "{body}");
        }
        let unknown_gender = profile(&parse(r#"[{"id":"1","email":"a@b.c","gender":"FEMALE"}]"#));
        assert_eq!(unknown_gender.unwrap().gender, Some(Gender::Female));
    }

    #[test]
    fn both_address_shapes_read_into_the_unified_lines_and_defaults() {
        // §2.9 create/update: the processor shape.
        let written = address(&parse(
            r#"{"id":5563,"addressId":5563,"firstName":"Api","lastName":"Addr","companyName":"Acme Inc.","vatId":"GB123456789","email":"api@example.com","phone":"1234567890","address1":"123 Main St","address2":null,"country":"US","state":"NY","city":"New York","postcode":"10001","defaultAddress":true}"#,
        ))
        .unwrap();
        // §2.9 get/list: the model shape, lines joined in `address`.
        let read = address(&parse(
            r#"{"id":5563,"addressType":"customer","firstName":"Api","lastName":"Addr","companyName":"Acme Inc.","address":"123 Main St","city":"New York","state":"NY","country":"US","postcode":"10001","email":"api@example.com","phone":"1234567890","vatId":"GB123456789","defaultAddress":true,"useForShipping":false,"createdAt":"2026-07-02T11:16:28+05:30","updatedAt":"2026-07-02T11:16:28+05:30","name":"Api Addr"}"#,
        ))
        .unwrap();
        for address in [&written, &read] {
            assert_eq!(address.id, "5563");
            assert_eq!(address.full_name, "Api Addr");
            assert_eq!(address.address1.as_deref(), Some("123 Main St"));
            assert_eq!(address.address2, None);
            assert_eq!(address.company.as_deref(), Some("Acme Inc."));
            assert_eq!(
                (address.city.as_deref(), address.postal_code.as_deref()),
                (Some("New York"), Some("10001"))
            );
            assert_eq!(
                (
                    address.country_iso.as_deref(),
                    address.state_abbr.as_deref()
                ),
                (Some("US"), Some("NY"))
            );
            assert!(address.is_default_billing && address.is_default_shipping);
        }
        let AddressData::Bagisto(data) = &read.backend_data else {
            panic!("{read:?}");
        };
        assert_eq!(data.address_type.as_deref(), Some("customer"));
        assert_eq!(data.use_for_shipping, Some(false));
        assert_eq!(data.vat_id.as_deref(), Some("GB123456789"));

        let two_lines = address(&parse(
            r#"{"id":"7","address":"Unter den Linden 1\nHinterhaus\nRear","state":"","defaultAddress":false}"#,
        ))
        .unwrap();
        assert_eq!(two_lines.address1.as_deref(), Some("Unter den Linden 1"));
        assert_eq!(two_lines.address2.as_deref(), Some("Hinterhaus\nRear"));
        assert_eq!(two_lines.state_abbr, None, "an empty state is none");
        assert!(!two_lines.is_default_billing && !two_lines.is_default_shipping);

        let list = addresses(&parse(r#"[{"id":1},{"id":2,"defaultAddress":1}]"#)).unwrap();
        assert_eq!(list.len(), 2);
        assert!(list[1].is_default_shipping);
        assert!(addresses(&parse(r#"{"data":[]}"#)).is_none());
        assert!(addresses(&parse(r#"[{"id":1,"defaultAddress":"yes"}]"#)).is_none());
    }

    #[test]
    fn address_bodies_carry_one_default_flag() {
        let mut input = AddressInput {
            first_name: Some("Jane".into()),
            address1: Some("Unter den Linden 1".into()),
            address2: Some("Hinterhaus".into()),
            postal_code: Some("10117".into()),
            country_iso: Some("DE".into()),
            company: Some("ACME".into()),
            state_name: Some("Berlin".into()),
            ..AddressInput::default()
        };
        assert_eq!(
            address_body(&input, None),
            r#"{"firstName":"Jane","companyName":"ACME","address1":"Unter den Linden 1","address2":"Hinterhaus","state":"Berlin","postcode":"10117","country":"DE"}"#
        );
        let flags = |billing, shipping| AddressInput {
            is_default_billing: billing,
            is_default_shipping: shipping,
            ..AddressInput::default()
        };
        for (billing, shipping, sent) in [
            (Some(true), None, r#"{"defaultAddress":true}"#),
            (None, Some(true), r#"{"defaultAddress":true}"#),
            (Some(false), Some(true), r#"{"defaultAddress":true}"#),
            (Some(false), None, r#"{"defaultAddress":false}"#),
            (None, None, "{}"),
        ] {
            assert_eq!(address_body(&flags(billing, shipping), None), sent);
        }
        input = flags(None, None);
        input.state_abbr = Some("BE".into());
        input.state_name = Some("Berlin".into());
        assert_eq!(
            address_body(&input, Some("42")),
            r#"{"addressId":42,"state":"BE"}"#,
            "the code wins; an id that is a number is sent as one"
        );
        assert_eq!(
            address_body(&AddressInput::default(), Some("a-1")),
            r#"{"addressId":"a-1"}"#
        );
    }
}
