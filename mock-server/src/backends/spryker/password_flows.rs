//! Passwords: the forgotten-password request (§2.5, 204 always), its completion with the
//! restore key (§2.6, no session) and the change by the customer (§2.9).

use super::document::Attributes;
use super::errors::{GlueError, Outcome};
use super::resources::no_content;
use super::routes::Call;
use super::rules;
use super::validation::validate;
use crate::clock::rfc3339;
use crate::outbox::OutboxMessage;
use crate::passwords::password_matches;

/// Length of a restore key in bytes (32 hex digits).
const RESTORE_KEY_BYTES: usize = 16;

/// `POST /customer-forgotten-password`: a new restore key for a known email, mailed through
/// the outbox; 204 whether or not the email is known.
pub(crate) fn forgotten(call: &Call<'_>, attributes: &Attributes) -> Outcome {
    validate(attributes, &rules::forgotten_password(call.options))?;
    let email = attributes.text("email").unwrap_or_default();
    let now = call.now();
    let mut state = call.emulator.lock();
    if let Some(id) = state.customer_by_email(&email).map(|customer| customer.id) {
        let key = state.random_hex(RESTORE_KEY_BYTES);
        if let Some(customer) = state.customers.get_mut(&id) {
            customer.restore_key = Some((key.clone(), now));
            call.context.publish(OutboxMessage::new(
                "password_reset",
                &customer.email,
                key,
                rfc3339(now, false),
            ));
        }
    }
    Ok(no_content())
}

/// `PATCH /customer-restore-password/{any}`: the body's `restorePasswordKey` counts (the path
/// id is ignored); the key is single-use and, with `restore_key_ttl`, expires. 204.
pub(crate) fn restore(call: &Call<'_>, attributes: &Attributes) -> Outcome {
    let options = call.options;
    validate(attributes, &rules::restore_password(options))?;
    let password = attributes.text("password").unwrap_or_default();
    if attributes.text("confirmPassword").unwrap_or_default() != password {
        return Err(GlueError::passwords_differ("password", "confirmPassword").into());
    }
    let key = attributes.text("restorePasswordKey").unwrap_or_default();
    let now = call.now();
    let rounds = call.context.options.password_hash_rounds;
    let mut state = call.emulator.lock();
    let live = |issued: i64| {
        options
            .restore_key_ttl
            .is_none_or(|ttl| now < issued.saturating_add(ttl))
    };
    let id = state
        .customers
        .values()
        .find(|customer| {
            customer
                .restore_key
                .as_ref()
                .is_some_and(|(stored, issued)| *stored == key && live(*issued))
        })
        .map(|customer| customer.id)
        .ok_or_else(GlueError::restore_key_invalid)?;
    let hash = state.hash_password(&password, rounds);
    if let Some(customer) = state.customers.get_mut(&id) {
        customer.password_hash = hash;
        customer.restore_key = None;
        customer.updated_at = now;
    }
    Ok(no_content())
}

/// `PATCH /customer-password/{ref}`: the current password, then the new one twice. 204.
pub(crate) fn change(call: &Call<'_>, reference: &str, attributes: &Attributes) -> Outcome {
    let options = call.options;
    validate(attributes, &rules::change_password(options))?;
    let caller = call.caller()?;
    let rounds = call.context.options.password_hash_rounds;
    let mut state = call.emulator.lock();
    let id = state
        .customer_id(&caller.reference)
        .ok_or_else(GlueError::customer_not_found)?;
    if reference != caller.reference {
        return Err(GlueError::customer_unauthorized(403).into());
    }
    let new_password = attributes.text("newPassword").unwrap_or_default();
    if new_password.chars().count() <= 1 {
        return Err(GlueError::invalid_password().into());
    }
    if attributes.text("confirmPassword").unwrap_or_default() != new_password {
        return Err(GlueError::passwords_differ("newPassword", "confirmPassword").into());
    }
    let current = attributes.text("password").unwrap_or_default();
    let stored = state
        .customers
        .get(&id)
        .map(|customer| customer.password_hash.clone())
        .unwrap_or_default();
    if !password_matches(&stored, &current) {
        return Err(GlueError::invalid_password().into());
    }
    if let Some(error) = rules::zed_password_error(options, &new_password) {
        return Err(error.into());
    }
    let hash = state.hash_password(&new_password, rounds);
    if let Some(customer) = state.customers.get_mut(&id) {
        customer.password_hash = hash;
        customer.updated_at = call.now();
    }
    Ok(no_content())
}
