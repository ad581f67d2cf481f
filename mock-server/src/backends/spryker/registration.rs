//! `POST /customers` (spec §2.1) and the double opt-in confirmation (§6):
//! `POST /customer-confirmation` and, in the API Platform variant,
//! `POST /customers/{ref}/confirm-registration`.

use super::document::Attributes;
use super::errors::{DUPLICATE_EMAIL_CURRENT, DUPLICATE_EMAIL_LEGACY, GlueError, Outcome};
use super::model::Customer;
use super::options::{DuplicateEmailMessage, SprykerOptions};
use super::resources::{no_content, single};
use super::routes::Call;
use super::validation::validate;
use super::wire::{confirmed_resource, customer_resource};
use super::{SprykerState, rules};
use crate::clock::rfc3339;
use crate::outbox::OutboxMessage;

/// Length of a registration key in bytes (32 hex digits).
const REGISTRATION_KEY_BYTES: usize = 16;
/// Longest email the Zed layer stores.
const MAX_EMAIL_LENGTH: usize = 100;

/// Code `400` in the wording the options pick.
pub(crate) fn duplicate_email(options: &SprykerOptions) -> GlueError {
    GlueError::customer_already_exists(match options.duplicate_email_message {
        DuplicateEmailMessage::Current => DUPLICATE_EMAIL_CURRENT,
        DuplicateEmailMessage::Legacy => DUPLICATE_EMAIL_LEGACY,
    })
}

/// The Zed layer's own email checks, after Glue's `Email` constraint accepted the address:
/// `416` for what RFC 5321 refuses (a local part over 64 characters, dots at its ends or in a
/// row), `417` over 100 characters.
pub(crate) fn zed_email_error(email: &str) -> Option<GlueError> {
    let local = email.split('@').next().unwrap_or_default();
    if local.len() > 64 || local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Some(GlueError::email_invalid());
    }
    (email.chars().count() > MAX_EMAIL_LENGTH).then(GlueError::email_too_long)
}

/// `POST /customers`: the YAML, then terms, the confirmation, the Zed checks; 201 with the
/// customer (no token). With double opt-in the registration key goes to the outbox.
pub(crate) fn register(call: &Call<'_>, attributes: &Attributes) -> Outcome {
    let options = call.options;
    validate(attributes, &rules::register(options))?;
    if !attributes.truthy("acceptedTerms") {
        return Err(GlueError::terms_not_accepted().into());
    }
    let password = attributes.text("password").unwrap_or_default();
    if attributes.text("confirmPassword").unwrap_or_default() != password {
        return Err(GlueError::passwords_differ("password", "confirmPassword").into());
    }
    let email = attributes.text("email").unwrap_or_default();
    if let Some(error) = zed_email_error(&email) {
        return Err(error.into());
    }
    let now = call.now();
    let mut state = call.emulator.lock();
    if state.email_taken(&email, None) {
        return Err(duplicate_email(options).into());
    }
    if let Some(error) = rules::zed_password_error(options, &password) {
        return Err(error.into());
    }
    let password_hash = state.hash_password(&password, call.context.options.password_hash_rounds);
    let registration_key = options
        .double_opt_in
        .then(|| state.random_hex(REGISTRATION_KEY_BYTES));
    let text = |name| attributes.text(name).filter(|text| !text.is_empty());
    let id = state.insert_customer(
        Customer {
            id: 0,
            reference: String::new(),
            email: email.clone(),
            password_hash,
            salutation: text("salutation"),
            first_name: text("firstName"),
            last_name: text("lastName"),
            gender: text("gender"),
            date_of_birth: text("dateOfBirth"),
            phone: text("phone"),
            created_at: now,
            updated_at: now,
            registered: !options.double_opt_in,
            registration_key: registration_key.clone(),
            restore_key: None,
            default_billing: None,
            default_shipping: None,
            addresses: Vec::new(),
        },
        None,
    );
    if let Some(key) = registration_key {
        call.context.publish(OutboxMessage::new(
            "confirmation",
            &email,
            key,
            rfc3339(now, false),
        ));
    }
    let customer = state
        .customers
        .get(&id)
        .ok_or_else(GlueError::customer_not_found)?;
    let resource = customer_resource(customer, &call.origin, None);
    Ok(single::<_, ()>(201, resource, Vec::new()))
}

/// Confirms the registration holding `key` (when `reference` is given, only that customer's);
/// the customer's id, or `423`.
fn confirm_key(
    state: &mut SprykerState,
    key: &str,
    reference: Option<&str>,
    now: i64,
) -> Result<u64, GlueError> {
    let customer = state
        .customers
        .values_mut()
        .find(|customer| {
            customer.registration_key.as_deref() == Some(key)
                && reference.is_none_or(|reference| customer.reference == reference)
        })
        .ok_or_else(GlueError::confirmation_invalid)?;
    customer.registered = true;
    customer.registration_key = None;
    customer.updated_at = now;
    Ok(customer.id)
}

/// The key of a confirmation request after the YAML; `424` for a key PHP reads as false.
fn registration_key(call: &Call<'_>, attributes: &Attributes) -> Result<String, Vec<GlueError>> {
    validate(attributes, &rules::confirmation_key(call.options))?;
    if !attributes.truthy("registrationKey") {
        return Err(vec![GlueError::confirmation_key_missing()]);
    }
    Ok(attributes.text("registrationKey").unwrap_or_default())
}

/// `POST /customer-confirmation`: 204, or `423` for an unknown or used key.
pub(crate) fn confirm(call: &Call<'_>, attributes: &Attributes) -> Outcome {
    let key = registration_key(call, attributes)?;
    confirm_key(&mut call.emulator.lock(), &key, None, call.now())?;
    Ok(no_content())
}

/// `POST /customers/{ref}/confirm-registration` (API Platform): 200 with the customer.
pub(crate) fn confirm_registration(
    call: &Call<'_>,
    reference: &str,
    attributes: &Attributes,
) -> Outcome {
    let key = registration_key(call, attributes)?;
    let mut state = call.emulator.lock();
    let id = confirm_key(&mut state, &key, Some(reference), call.now())?;
    let customer = state
        .customers
        .get(&id)
        .ok_or_else(GlueError::confirmation_invalid)?;
    Ok(single::<_, ()>(
        200,
        confirmed_resource(customer, &call.origin),
        Vec::new(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_zed_layer_refuses_what_glues_email_check_lets_through() {
        assert_eq!(zed_email_error("sonia@spryker.com"), None);
        assert_eq!(
            zed_email_error(&format!("{}@x.io", "a".repeat(65))),
            Some(GlueError::email_invalid())
        );
        assert_eq!(
            zed_email_error("a..b@x.io"),
            Some(GlueError::email_invalid())
        );
        assert_eq!(zed_email_error(".a@x.io"), Some(GlueError::email_invalid()));
        assert_eq!(
            zed_email_error(&format!("{}@{}.io", "a".repeat(60), "b".repeat(40))),
            Some(GlueError::email_too_long())
        );
    }
}
