//! The customer's addresses by UUID (spec §2.11) with Zed's default rules: an address becomes
//! the default billing (shipping) address when there is none or when its flag is `true`;
//! deleting a default address leaves no default.

use super::countries;
use super::customers::own_customer;
use super::document::Attributes;
use super::errors::{GlueError, Outcome};
use super::model::Address;
use super::resources::{Links, collection, no_content, single};
use super::routes::Call;
use super::validation::validate;
use super::wire::address_resource;
use super::{SprykerState, rules};
use crate::http::ApiResponse;
use serde_json::Value;

/// Text attributes and the address field each one sets.
fn text_fields(address: &mut Address) -> [(&'static str, &mut Option<String>); 11] {
    [
        ("salutation", &mut address.salutation),
        ("firstName", &mut address.first_name),
        ("lastName", &mut address.last_name),
        ("address1", &mut address.address1),
        ("address2", &mut address.address2),
        ("address3", &mut address.address3),
        ("zipCode", &mut address.zip_code),
        ("city", &mut address.city),
        ("company", &mut address.company),
        ("phone", &mut address.phone),
        ("comment", &mut address.comment),
    ]
}

/// The country of `iso2Code`, when sent; `409` for a code the shop does not know.
fn country(attributes: &Attributes) -> Result<Option<(&'static str, &'static str)>, GlueError> {
    attributes
        .text("iso2Code")
        .map(|code| countries::country(&code).ok_or_else(GlueError::address_not_saved))
        .transpose()
}

/// Zed's `updateCustomerDefaultAddresses` after a save of `address_id`.
fn update_defaults(
    state: &mut SprykerState,
    customer_id: u64,
    address_id: u64,
    attributes: &Attributes,
) {
    let flag = |name| attributes.get(name) == Some(&Value::Bool(true));
    if let Some(customer) = state.customers.get_mut(&customer_id) {
        if customer.default_billing.is_none() || flag("isDefaultBilling") {
            customer.default_billing = Some(address_id);
        }
        if customer.default_shipping.is_none() || flag("isDefaultShipping") {
            customer.default_shipping = Some(address_id);
        }
    }
}

/// The id of the customer's address with `uuid`, or `404`.
fn owned_address(state: &SprykerState, customer_id: u64, uuid: &str) -> Result<u64, GlueError> {
    state
        .address_by_uuid
        .get(uuid)
        .copied()
        .filter(|id| {
            state
                .addresses
                .get(id)
                .is_some_and(|address| address.customer_id == customer_id)
        })
        .ok_or_else(GlueError::address_not_found)
}

/// `status` with the address resource.
fn address_document(
    state: &SprykerState,
    call: &Call<'_>,
    customer_id: u64,
    address_id: u64,
    status: u16,
) -> Result<ApiResponse, GlueError> {
    let (Some(customer), Some(address)) = (
        state.customers.get(&customer_id),
        state.addresses.get(&address_id),
    ) else {
        return Err(GlueError::address_not_found());
    };
    let resource = address_resource(address, customer, &call.origin, call.options.api_platform);
    Ok(single::<_, ()>(status, resource, Vec::new()))
}

/// `GET /customers/{ref}/addresses`: every address, oldest first (not paginated).
pub(crate) fn list(call: &Call<'_>, reference: &str) -> Outcome {
    let state = call.emulator.lock();
    let id = own_customer(&state, call, reference, 403)?;
    let customer = state
        .customers
        .get(&id)
        .ok_or_else(GlueError::customer_not_found)?;
    let resources = customer
        .addresses
        .iter()
        .filter_map(|address_id| state.addresses.get(address_id))
        .map(|address| address_resource(address, customer, &call.origin, call.options.api_platform))
        .collect();
    let query = call
        .request
        .query
        .filter(|query| !query.is_empty())
        .map(|query| format!("?{query}"))
        .unwrap_or_default();
    let links = Links::to(
        &call.origin,
        &format!("/customers/{}/addresses{query}", customer.reference),
    );
    Ok(collection::<_, ()>(resources, links, Vec::new()))
}

/// `GET /customers/{ref}/addresses/{uuid}`.
pub(crate) fn show(call: &Call<'_>, reference: &str, uuid: &str) -> Outcome {
    let state = call.emulator.lock();
    let customer_id = own_customer(&state, call, reference, 403)?;
    let address_id = owned_address(&state, customer_id, uuid)?;
    Ok(address_document(
        &state,
        call,
        customer_id,
        address_id,
        200,
    )?)
}

/// `POST /customers/{ref}/addresses`: 201.
pub(crate) fn create(call: &Call<'_>, reference: &str, attributes: &Attributes) -> Outcome {
    validate(attributes, &rules::address(call.options, true))?;
    let mut state = call.emulator.lock();
    let customer_id = own_customer(&state, call, reference, 403)?;
    let country = country(attributes)?.ok_or_else(GlueError::address_not_saved)?;
    let (id, uuid) = state.next_address();
    let mut address = Address {
        id,
        uuid: uuid.clone(),
        customer_id,
        country,
        ..Address::default()
    };
    for (name, field) in text_fields(&mut address) {
        *field = attributes.text(name).filter(|text| !text.is_empty());
    }
    state.addresses.insert(id, address);
    state.address_by_uuid.insert(uuid, id);
    if let Some(customer) = state.customers.get_mut(&customer_id) {
        customer.addresses.push(id);
    }
    update_defaults(&mut state, customer_id, id, attributes);
    Ok(address_document(&state, call, customer_id, id, 201)?)
}

/// `PATCH /customers/{ref}/addresses/{uuid}`: the attributes sent. 200.
pub(crate) fn update(
    call: &Call<'_>,
    reference: &str,
    uuid: Option<&str>,
    attributes: &Attributes,
) -> Outcome {
    validate(attributes, &rules::address(call.options, false))?;
    let uuid = uuid.ok_or_else(GlueError::address_uuid_missing)?;
    let mut state = call.emulator.lock();
    let customer_id = own_customer(&state, call, reference, 403)?;
    let id = owned_address(&state, customer_id, uuid)?;
    let country = country(attributes)?;
    if let Some(address) = state.addresses.get_mut(&id) {
        if let Some(country) = country {
            address.country = country;
        }
        for (name, field) in text_fields(address) {
            if let Some(value) = attributes.change(name) {
                *field = value.filter(|text| !text.is_empty());
            }
        }
    }
    update_defaults(&mut state, customer_id, id, attributes);
    Ok(address_document(&state, call, customer_id, id, 200)?)
}

/// `DELETE /customers/{ref}/addresses/{uuid}`: a hard delete; a default it was is unset. 204.
pub(crate) fn delete(call: &Call<'_>, reference: &str, uuid: Option<&str>) -> Outcome {
    let uuid = uuid.ok_or_else(GlueError::address_uuid_missing)?;
    let mut state = call.emulator.lock();
    let customer_id = own_customer(&state, call, reference, 403)?;
    let id = owned_address(&state, customer_id, uuid)?;
    state.addresses.remove(&id);
    state.address_by_uuid.remove(uuid);
    if let Some(customer) = state.customers.get_mut(&customer_id) {
        customer.addresses.retain(|address_id| *address_id != id);
        if customer.default_billing == Some(id) {
            customer.default_billing = None;
        }
        if customer.default_shipping == Some(id) {
            customer.default_shipping = None;
        }
    }
    Ok(no_content())
}
