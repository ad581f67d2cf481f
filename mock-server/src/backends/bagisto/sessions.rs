//! Login, logout and token verification (spec §2.2–§2.4). Their business failures are soft:
//! HTTP 201 with `success: false` (or `isValid: false`) and the package's message.

use super::auth::Credential;
use super::input::{Body, Field, Kind};
use super::problem::Problem;
use super::validation::{self, Messages};
use super::wire::{self, LoginAnswer, Outcome, Verified};
use super::{BagistoEmulator, BagistoState};
use crate::emulator::RequestContext;
use crate::http::{ApiRequest, ApiResponse};
use crate::passwords::password_matches;

const EMAIL: Field = Field::new(&["email"], Kind::Text);
const PASSWORD: Field = Field::new(&["password"], Kind::Text);
const DEVICE_TOKEN: Field = Field::new(&["deviceToken", "device_token"], Kind::Text);

/// The fields login declares.
pub(crate) const LOGIN_FIELDS: &[Field] = &[EMAIL, PASSWORD, DEVICE_TOKEN];
/// The fields logout declares.
pub(crate) const LOGOUT_FIELDS: &[Field] = &[DEVICE_TOKEN];

/// `graphql.login.invalid-credentials`.
const INVALID_CREDENTIALS: &str = "Invalid email or password";
/// `graphql.login.account-suspended`.
const ACCOUNT_SUSPENDED: &str = "Your account has been suspended";
/// `graphql.login.successful`.
const LOGGED_IN: &str = "You have logged in successfully";
/// `graphql.logout.unauthenticated` (and `graphql.token-verification.unauthenticated`).
const UNAUTHENTICATED: &str = "Unauthenticated. Please login to perform this action";
/// `graphql.logout.logged-out-successfully`.
const LOGGED_OUT: &str = "Logged out successfully";
/// `graphql.token-verification.customer-account-suspended`.
const VERIFY_SUSPENDED: &str = "Customer account is suspended";
/// `graphql.token-verification.token-is-valid`.
const TOKEN_VALID: &str = "Token is valid";

/// `LoginValidator`: `email` required|email, `password` required|string|min:6.
fn validate(body: &Body) -> Result<(&str, &str), Problem> {
    let mut messages = Messages::default();
    let email = validation::required(&mut messages, "email", body.text(&EMAIL));
    if email.is_some_and(|email| !validation::valid_email(email)) {
        messages.add("The email field must be a valid email address.");
    }
    let password = validation::required(&mut messages, "password", body.text(&PASSWORD));
    if password.is_some_and(|password| password.chars().count() < 6) {
        messages.add("The password field must be at least 6 characters.");
    }
    messages.finish()?;
    Ok((email.unwrap_or_default(), password.unwrap_or_default()))
}

/// `POST /customer/login`. The password is verified outside the store's lock (against a dummy
/// hash for an unknown email, so both failures cost the same); every success adds a token.
pub(crate) fn login(
    backend: &BagistoEmulator,
    context: &RequestContext<'_>,
    body: &Body,
) -> Result<ApiResponse, Problem> {
    let (email, password) = validate(body)?;
    let (customer_id, hash) = {
        let state = backend.lock();
        let customer = state
            .customer_by_email(email)
            .and_then(|id| state.customers.get(&id));
        match customer {
            Some(customer) => (Some(customer.id), customer.password_hash.clone()),
            None => (None, state.dummy_password_hash.as_str().to_owned()),
        }
    };
    let correct = password_matches(&hash, password);
    let mut state = backend.lock();
    let state = &mut *state;
    let customer = customer_id
        .filter(|_| correct)
        .and_then(|id| state.customers.get(&id))
        .filter(|customer| customer.password_hash == hash);
    let Some(customer) = customer else {
        return Ok(wire::output(
            201,
            &LoginAnswer::failure(INVALID_CREDENTIALS),
        ));
    };
    if customer.is_suspended != 0 {
        return Ok(wire::output(201, &LoginAnswer::failure(ACCOUNT_SUSPENDED)));
    }
    let token = state.tokens.issue(customer.id, context.now, &mut state.rng);
    Ok(wire::output(
        201,
        &LoginAnswer::success(customer, &token, LOGGED_IN),
    ))
}

/// `POST /customer/logout`: deletes the presented token only.
pub(crate) fn logout(
    state: &mut BagistoState,
    request: &ApiRequest<'_>,
    context: &RequestContext<'_>,
) -> ApiResponse {
    let Credential::Valid(bearer) = state.credential(request, context) else {
        return wire::output(201, &Outcome::new(false, UNAUTHENTICATED));
    };
    state.tokens.revoke(bearer.token_id);
    wire::output(201, &Outcome::new(true, LOGGED_OUT))
}

/// `POST /verify-tokens`.
pub(crate) fn verify(
    state: &BagistoState,
    request: &ApiRequest<'_>,
    context: &RequestContext<'_>,
) -> ApiResponse {
    let customer = match state.credential(request, context) {
        Credential::Valid(bearer) => state.customers.get(&bearer.customer_id),
        Credential::Missing | Credential::Invalid => None,
    };
    let answer = match customer {
        None => Verified::invalid(UNAUTHENTICATED),
        Some(customer) if customer.is_suspended != 0 => Verified::invalid(VERIFY_SUSPENDED),
        Some(customer) => Verified::valid(customer, TOKEN_VALID),
    };
    wire::output(201, &answer)
}
