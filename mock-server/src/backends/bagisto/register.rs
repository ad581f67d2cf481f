//! `POST /customers` (spec §2.1, seed 004): the validator's messages first, then the phone,
//! the gender and the confirmation, then the customer with a Sanctum token (registration
//! signs in). `status`, `isVerified` and `isSuspended` are client-settable, as in the package.

use super::input::{Body, Field, Kind};
use super::problem::Problem;
use super::validation::{self, Messages};
use super::wire::{self, Registered};
use super::{BagistoState, NewCustomer, php};
use crate::emulator::RequestContext;
use crate::http::ApiResponse;

const FIRST_NAME: Field = Field::new(&["firstName", "first_name"], Kind::Text);
const LAST_NAME: Field = Field::new(&["lastName", "last_name"], Kind::Text);
const EMAIL: Field = Field::new(&["email"], Kind::Text);
const PASSWORD: Field = Field::new(&["password"], Kind::Text);
const CONFIRM_PASSWORD: Field = Field::new(
    &[
        "confirmPassword",
        "confirm_password",
        "password_confirmation",
    ],
    Kind::Text,
);
const PHONE: Field = Field::new(&["phone"], Kind::Text);
const GENDER: Field = Field::new(&["gender"], Kind::Text);
const DATE_OF_BIRTH: Field = Field::new(&["dateOfBirth", "date_of_birth"], Kind::Text);
const SUBSCRIBED: Field = Field::new(
    &["subscribedToNewsLetter", "subscribed_to_news_letter"],
    Kind::Flag,
);
const DEVICE_TOKEN: Field = Field::new(&["deviceToken", "device_token"], Kind::Text);
const STATUS: Field = Field::new(&["status"], Kind::Integer);
const IS_VERIFIED: Field = Field::new(&["isVerified", "is_verified"], Kind::Integer);
const IS_SUSPENDED: Field = Field::new(&["isSuspended", "is_suspended"], Kind::Integer);

/// The fields registration declares.
pub(crate) const FIELDS: &[Field] = &[
    FIRST_NAME,
    LAST_NAME,
    EMAIL,
    PASSWORD,
    CONFIRM_PASSWORD,
    PHONE,
    GENDER,
    DATE_OF_BIRTH,
    SUBSCRIBED,
    DEVICE_TOKEN,
    STATUS,
    IS_VERIFIED,
    IS_SUSPENDED,
];

/// `CustomerValidator::validateForCreation`: the rules of `validation-rules.json` in their
/// order, with the password rules of the options; then the digits-only phone.
fn validate(
    state: &BagistoState,
    context: &RequestContext<'_>,
    body: &Body,
) -> Result<(), Problem> {
    let mut messages = Messages::default();
    validation::required(&mut messages, "first name", body.text(&FIRST_NAME));
    validation::required(&mut messages, "last name", body.text(&LAST_NAME));
    if let Some(email) = validation::required(&mut messages, "email", body.text(&EMAIL)) {
        if !validation::valid_email(email) {
            messages.add("The email field must be a valid email address.");
        }
        if state.customer_by_email(email).is_some() {
            messages.add("The email has already been taken.");
        }
    }
    let phone = body.text(&PHONE).filter(|phone| !phone.is_empty());
    if phone.is_some_and(|phone| state.customer_by_phone(phone).is_some()) {
        messages.add("The phone has already been taken.");
    }
    if let Some(password) = validation::required(&mut messages, "password", body.text(&PASSWORD)) {
        validation::password_messages(
            &mut messages,
            password,
            context.options.bagisto.password_rules,
        );
    }
    messages.finish()?;
    phone.map_or(Ok(()), validation::check_phone)
}

/// `POST /customers`.
pub(crate) fn register(
    state: &mut BagistoState,
    context: &RequestContext<'_>,
    body: &Body,
) -> Result<ApiResponse, Problem> {
    validate(state, context, body)?;
    let gender = validation::normalize_gender(body.text(&GENDER).unwrap_or_default())?;
    let password = body.text(&PASSWORD).unwrap_or_default();
    if let Some(confirmation) = body.text(&CONFIRM_PASSWORD)
        && !php::empty_str(password)
        && !php::empty_str(confirmation)
        && password != confirmation
    {
        return Err(Problem::bad_request(
            "Password and confirm password do not match",
        ));
    }
    let password_hash = state.hash_password(password, context.options);
    let text = |field: &Field| body.text(field).map(str::to_owned);
    let id = state.insert_customer(NewCustomer {
        email: text(&EMAIL).unwrap_or_default(),
        password_hash,
        first_name: text(&FIRST_NAME),
        last_name: text(&LAST_NAME),
        phone: text(&PHONE).filter(|phone| !phone.is_empty()),
        gender: gender.map(str::to_owned),
        date_of_birth: text(&DATE_OF_BIRTH),
        status: body.integer(&STATUS).unwrap_or(1),
        is_verified: body.integer(&IS_VERIFIED).unwrap_or(0),
        is_suspended: body.integer(&IS_SUSPENDED).unwrap_or(0),
        subscribed_to_news_letter: body.flag(&SUBSCRIBED).unwrap_or(false),
    });
    let token = state.tokens.issue(id, context.now, &mut state.rng);
    let Some(customer) = state.customers.get(&id) else {
        return Err(Problem::bad_request("Customer not found"));
    };
    let device_token = body.text(&DEVICE_TOKEN).filter(|token| !token.is_empty());
    Ok(wire::output(
        201,
        &Registered::new(customer, &token, device_token),
    ))
}
