//! The customer resource (spec §2.7, §2.8, §2.10): read by reference or as the caller's
//! one-item collection (with `?include=addresses`), update, anonymize.

use super::document::Attributes;
use super::errors::{GlueError, Outcome};
use super::registration::{duplicate_email, zed_email_error};
use super::resources::{Links, Relationships, collection, no_content, single};
use super::routes::Call;
use super::validation::validate;
use super::wire::{address_resource, customer_resource};
use super::{SprykerState, rules};
use crate::http::ApiResponse;

/// The id of the caller's own customer at `reference`: `411` for someone else's reference
/// (`status`), `402` when the caller's customer is gone.
pub(crate) fn own_customer(
    state: &SprykerState,
    call: &Call<'_>,
    reference: &str,
    status: u16,
) -> Result<u64, GlueError> {
    let caller = call.caller()?;
    if reference != caller.reference {
        return Err(GlueError::customer_unauthorized(status));
    }
    state
        .customer_id(reference)
        .ok_or_else(GlueError::customer_not_found)
}

/// Whether the request asks for the addresses (`?include=addresses,…`).
fn includes_addresses(call: &Call<'_>) -> bool {
    call.request
        .query_param("include")
        .is_some_and(|include| include.split(',').any(|name| name.trim() == "addresses"))
}

/// The customer document: one resource (`collection` false) or a one-item collection, with the
/// addresses as relationships and `included` when asked for.
fn customer_document(
    state: &SprykerState,
    call: &Call<'_>,
    id: u64,
    as_collection: bool,
) -> Result<ApiResponse, GlueError> {
    let customer = state
        .customers
        .get(&id)
        .ok_or_else(GlueError::customer_not_found)?;
    let (relationships, included) = if includes_addresses(call) {
        let addresses: Vec<_> = customer
            .addresses
            .iter()
            .filter_map(|address_id| state.addresses.get(address_id))
            .collect();
        let uuids = addresses
            .iter()
            .map(|address| address.uuid.clone())
            .collect();
        let included = addresses
            .into_iter()
            .map(|address| {
                address_resource(address, customer, &call.origin, call.options.api_platform)
            })
            .collect();
        (Relationships::addresses(uuids), included)
    } else {
        (None, Vec::new())
    };
    let resource = customer_resource(customer, &call.origin, relationships);
    Ok(if as_collection {
        let query = call
            .request
            .query
            .filter(|query| !query.is_empty())
            .map(|query| format!("?{query}"))
            .unwrap_or_default();
        collection(
            vec![resource],
            Links::to(&call.origin, &format!("/customers{query}")),
            included,
        )
    } else {
        single(200, resource, included)
    })
}

/// `GET /customers`: the caller as a one-item collection.
pub(crate) fn list(call: &Call<'_>) -> Outcome {
    let caller = call.caller()?;
    let state = call.emulator.lock();
    let id = state
        .customer_id(&caller.reference)
        .ok_or_else(GlueError::customer_not_found)?;
    Ok(customer_document(&state, call, id, true)?)
}

/// `GET /customers/{ref}`: `411` for a foreign reference (403; 404 in the API Platform).
pub(crate) fn show(call: &Call<'_>, reference: &str) -> Outcome {
    let foreign_status = if call.options.api_platform { 404 } else { 403 };
    let state = call.emulator.lock();
    let id = own_customer(&state, call, reference, foreign_status)?;
    Ok(customer_document(&state, call, id, false)?)
}

/// `PATCH /customers/{ref}`: the profile fields sent; never the password.
pub(crate) fn update(call: &Call<'_>, reference: Option<&str>, attributes: &Attributes) -> Outcome {
    let options = call.options;
    validate(attributes, &rules::update_customer(options))?;
    let reference = reference.ok_or_else(GlueError::customer_reference_missing)?;
    if let Some(password) = attributes.text("password").filter(|text| !text.is_empty())
        && attributes.text("confirmPassword").unwrap_or_default() != password
    {
        return Err(GlueError::passwords_differ("password", "confirmPassword").into());
    }
    let mut state = call.emulator.lock();
    let id = own_customer(&state, call, reference, 403)?;
    if let Some(email) = attributes.text("email") {
        if let Some(error) = zed_email_error(&email) {
            return Err(error.into());
        }
        if state.email_taken(&email, Some(id)) {
            return Err(duplicate_email(options).into());
        }
        state.change_email(id, email);
    }
    if let Some(customer) = state.customers.get_mut(&id) {
        let fields = [
            ("salutation", &mut customer.salutation),
            ("firstName", &mut customer.first_name),
            ("lastName", &mut customer.last_name),
            ("gender", &mut customer.gender),
            ("dateOfBirth", &mut customer.date_of_birth),
            ("phone", &mut customer.phone),
        ];
        for (name, field) in fields {
            if let Some(value) = attributes.change(name) {
                *field = value.filter(|text| !text.is_empty());
            }
        }
        customer.updated_at = call.now();
    }
    Ok(customer_document(&state, call, id, false)?)
}

/// `DELETE /customers/{ref}`: the customer, its addresses and refresh tokens are gone. 204.
pub(crate) fn anonymize(call: &Call<'_>, reference: Option<&str>) -> Outcome {
    let reference = reference.ok_or_else(GlueError::customer_reference_missing)?;
    let mut state = call.emulator.lock();
    let id = own_customer(&state, call, reference, 403)?;
    state.remove_customer(id);
    Ok(no_content())
}
