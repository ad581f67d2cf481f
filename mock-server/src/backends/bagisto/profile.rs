//! The profile (spec §2.7, §2.8): read as an array of one, updated by customer id. The customer
//! always comes from the token; empty values are ignored, so a field cannot be cleared.

use super::auth::Credential;
use super::input::{Body, Field, Kind};
use super::options::ProfileWithoutTokenStatus;
use super::problem::Problem;
use super::validation;
use super::wire::{self, Profile, ProfileUpdated};
use super::{BagistoState, php};
use crate::emulator::RequestContext;
use crate::http::{ApiRequest, ApiResponse};
use crate::passwords::password_matches;
use serde_json::Value;

const ID: Field = Field::new(&["id"], Kind::Id);
const FIRST_NAME: Field = Field::new(&["firstName", "first_name"], Kind::Text);
const LAST_NAME: Field = Field::new(&["lastName", "last_name"], Kind::Text);
const EMAIL: Field = Field::new(&["email"], Kind::Text);
const PHONE: Field = Field::new(&["phone"], Kind::Text);
const GENDER: Field = Field::new(&["gender"], Kind::Text);
const DATE_OF_BIRTH: Field = Field::new(&["dateOfBirth", "date_of_birth"], Kind::Text);
const CURRENT_PASSWORD: Field = Field::new(&["currentPassword", "current_password"], Kind::Text);
const PASSWORD: Field = Field::new(&["password"], Kind::Text);
const CONFIRM_PASSWORD: Field = Field::new(&["confirmPassword", "confirm_password"], Kind::Text);
const SUBSCRIBED: Field = Field::new(
    &["subscribedToNewsLetter", "subscribed_to_news_letter"],
    Kind::Flag,
);
const IMAGE: Field = Field::new(&["image"], Kind::Text);
const DELETE_IMAGE: Field = Field::new(&["deleteImage", "delete_image"], Kind::Flag);

/// The fields the update declares.
pub(crate) const FIELDS: &[Field] = &[
    ID,
    FIRST_NAME,
    LAST_NAME,
    EMAIL,
    PHONE,
    GENDER,
    DATE_OF_BIRTH,
    CURRENT_PASSWORD,
    PASSWORD,
    CONFIRM_PASSWORD,
    SUBSCRIBED,
    IMAGE,
    DELETE_IMAGE,
];

/// `graphql.customer-profile.authentication-required`.
const PROFILE_TOKEN_REQUIRED: &str =
    "Authentication token is required. Please provide token in query input";
/// `graphql.customer-profile.invalid-token` and `graphql.auth.invalid-or-expired-token`.
const INVALID_TOKEN: &str = "Invalid or expired token";
/// `graphql.auth.token-required`.
const TOKEN_REQUIRED: &str = "Authentication token is required. Please provide the token in the Authorization header as \"Bearer <token>\"";
/// `graphql.auth.cannot-update-other-profile`.
const OTHER_PROFILE: &str = "Unauthorized: Cannot update another customer profile";
/// `graphql.customer.current-password-required`.
const CURRENT_PASSWORD_REQUIRED: &str = "Current password is required to change your password";
/// `graphql.customer.current-password-incorrect`.
const CURRENT_PASSWORD_INCORRECT: &str = "The current password you entered is incorrect";
/// `graphql.customer.password-mismatch`.
const PASSWORD_MISMATCH: &str = "Password and confirm password do not match";
/// `graphql.customer-profile.profile-updated`.
const PROFILE_UPDATED: &str = "Customer profile updated successfully";

/// `GET /customer-profile`: `[profile]`.
pub(crate) fn show(
    state: &BagistoState,
    request: &ApiRequest<'_>,
    context: &RequestContext<'_>,
) -> Result<ApiResponse, Problem> {
    let customer = match state.credential(request, context) {
        Credential::Missing => {
            return Err(match context.options.bagisto.profile_without_token_status {
                ProfileWithoutTokenStatus::Unauthorized => {
                    Problem::unauthorized(PROFILE_TOKEN_REQUIRED)
                }
                ProfileWithoutTokenStatus::ServerError => {
                    Problem::server_error(PROFILE_TOKEN_REQUIRED)
                }
            });
        }
        Credential::Invalid => None,
        Credential::Valid(bearer) => state.customers.get(&bearer.customer_id),
    };
    let customer = customer.ok_or_else(|| Problem::unauthorized(INVALID_TOKEN))?;
    Ok(wire::output(200, &[Profile::new(customer)]))
}

/// The customer id an update names: the body's `id`, else the path's; `None` when that is
/// falsy in PHP (absent, `0`, `""`, `"0"`).
fn named_id(body: &Body, path_id: &str) -> Option<i64> {
    match body.value(&ID) {
        Some(Value::Number(number)) => number.as_i64().filter(|id| *id != 0),
        Some(Value::String(text)) => (!php::empty_str(text)).then(|| php::int_cast(text)),
        _ => (!php::empty_str(path_id)).then(|| php::int_cast(path_id)),
    }
}

/// A non-empty text field (`empty()` values are ignored).
fn given<'a>(body: &'a Body, field: &Field) -> Option<&'a str> {
    body.text(field).filter(|text| !php::empty_str(text))
}

/// The changes an update asks for, checked in the processor's order before any is applied.
struct Changes<'a> {
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    gender: Option<&'static str>,
    date_of_birth: Option<&'a str>,
    password: Option<&'a str>,
    subscribed: Option<bool>,
}

/// The processor's checks: email and phone free, phone digits, gender, then the password
/// change (`currentPassword` required and correct, `confirmPassword` equal when sent).
fn changes<'a>(
    state: &BagistoState,
    customer_id: u64,
    body: &'a Body,
) -> Result<Changes<'a>, Problem> {
    let taken = |owner: Option<u64>| owner.is_some_and(|owner| owner != customer_id);
    let email = given(body, &EMAIL);
    if email.is_some_and(|email| taken(state.customer_by_email(email))) {
        return Err(Problem::bad_request("The email has already been taken."));
    }
    let phone = given(body, &PHONE);
    if let Some(phone) = phone {
        validation::check_phone(phone)?;
        if taken(state.customer_by_phone(phone)) {
            return Err(Problem::bad_request("The phone has already been taken."));
        }
    }
    let gender = match given(body, &GENDER) {
        Some(gender) => validation::normalize_gender(gender)?,
        None => None,
    };
    let password = given(body, &PASSWORD);
    if let Some(password) = password {
        let current = given(body, &CURRENT_PASSWORD)
            .ok_or_else(|| Problem::bad_request(CURRENT_PASSWORD_REQUIRED))?;
        let hash = state
            .customers
            .get(&customer_id)
            .map(|customer| customer.password_hash.as_str())
            .unwrap_or_default();
        if !password_matches(hash, current) {
            return Err(Problem::bad_request(CURRENT_PASSWORD_INCORRECT));
        }
        if body
            .text(&CONFIRM_PASSWORD)
            .is_some_and(|confirmation| confirmation != password)
        {
            return Err(Problem::bad_request(PASSWORD_MISMATCH));
        }
    }
    Ok(Changes {
        first_name: given(body, &FIRST_NAME),
        last_name: given(body, &LAST_NAME),
        email,
        phone,
        gender,
        date_of_birth: given(body, &DATE_OF_BIRTH),
        password,
        subscribed: body.flag(&SUBSCRIBED),
    })
}

/// `PUT /customer-profile-updates/{id}`.
pub(crate) fn update(
    state: &mut BagistoState,
    request: &ApiRequest<'_>,
    context: &RequestContext<'_>,
    body: &Body,
    path_id: &str,
) -> Result<ApiResponse, Problem> {
    let customer_id = match state.credential(request, context) {
        Credential::Missing => return Err(Problem::unauthorized(TOKEN_REQUIRED)),
        Credential::Invalid => return Err(Problem::unauthorized(INVALID_TOKEN)),
        Credential::Valid(bearer) => bearer.customer_id,
    };
    if named_id(body, path_id).is_some_and(|id| u64::try_from(id).ok() != Some(customer_id)) {
        return Err(Problem::unauthorized(OTHER_PROFILE));
    }
    let changes = changes(state, customer_id, body)?;
    let password_hash = changes
        .password
        .map(|password| state.hash_password(password, context.options));
    if let Some(email) = changes.email {
        state.set_email(customer_id, email);
    }
    if let Some(phone) = changes.phone {
        state.set_phone(customer_id, phone);
    }
    let Some(customer) = state.customers.get_mut(&customer_id) else {
        return Err(Problem::unauthorized(INVALID_TOKEN));
    };
    let set = |slot: &mut Option<String>, value: Option<&str>| {
        if let Some(value) = value {
            *slot = Some(value.to_owned());
        }
    };
    set(&mut customer.first_name, changes.first_name);
    set(&mut customer.last_name, changes.last_name);
    set(&mut customer.gender, changes.gender);
    set(&mut customer.date_of_birth, changes.date_of_birth);
    if let Some(hash) = password_hash {
        customer.password_hash = hash;
    }
    if let Some(subscribed) = changes.subscribed {
        customer.subscribed_to_news_letter = subscribed;
    }
    Ok(wire::output(
        200,
        &ProfileUpdated::new(customer, PROFILE_UPDATED),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::ApiRequest;
    use wiremock::http::HeaderMap;

    fn body(json: &str) -> Body {
        let mut headers = HeaderMap::new();
        headers.insert("content-type", "application/json".parse().expect("header"));
        let request = ApiRequest {
            method: "PUT",
            path: "/",
            query: None,
            headers: &headers,
            body: json.as_bytes(),
        };
        Body::read(&request, FIELDS).expect("valid body")
    }

    #[test]
    fn the_body_id_wins_over_the_path_and_falsy_ids_name_nobody() {
        assert_eq!(named_id(&body("{}"), "12"), Some(12));
        assert_eq!(named_id(&body(r#"{"id":7}"#), "12"), Some(7));
        assert_eq!(named_id(&body(r#"{"id":"7"}"#), "12"), Some(7));
        assert_eq!(named_id(&body(r#"{"id":0}"#), "12"), None);
        assert_eq!(named_id(&body("{}"), "0"), None);
        assert_eq!(named_id(&body("{}"), "me"), Some(0));
    }
}
