//! The address book: `/customers/me/addresses[/{id}]`.

use super::countries::find_country;
use super::errors::{SpreeError, ValidationErrors};
use super::json::rails_json;
use super::model::{Address, AddressFields};
use super::options::AddressNamesMode;
use super::params::{Params, presence, stripped};
use super::routes::ActionInput;
use super::wire::{AddressListJson, DefaultFlags, PaginationMeta, address_json};
use super::{RequestContext, SpreeState};
use crate::http::{ApiResponse, ResponseOrigin};

/// Default page size.
const DEFAULT_LIMIT: u64 = 25;
/// Largest page size.
const MAX_LIMIT: u64 = 100;

fn not_found() -> SpreeError {
    SpreeError::RecordNotFound("Address not found")
}

/// The country and state codes sent, honouring the naming mode (legacy names win).
fn country_and_state_codes(
    params: &Params,
    mode: AddressNamesMode,
) -> (Option<Option<String>>, Option<Option<String>>) {
    let pick = |legacy: &str, modern: &str| {
        let legacy_sent = params.contains(legacy);
        let modern_sent = mode == AddressNamesMode::Dual && params.contains(modern);
        if legacy_sent && (params.string(legacy).is_some() || !modern_sent) {
            Some(presence(params.string(legacy)).map(|code| code.to_uppercase()))
        } else if modern_sent {
            Some(presence(params.string(modern)).map(|code| code.to_uppercase()))
        } else {
            None
        }
    };
    (
        pick("country_iso", "country_code"),
        pick("state_abbr", "state_code"),
    )
}

/// Raw state inputs kept between requests so that updates can re-resolve the state.
struct StateInput {
    abbr: Option<String>,
    name: Option<String>,
}

/// Applies the sent fields on top of `base` and validates the result.
fn merge_and_validate(
    base: &AddressFields,
    params: &Params,
    mode: AddressNamesMode,
) -> Result<AddressFields, SpreeError> {
    let mut fields = base.clone();
    for (key, field) in [
        ("first_name", &mut fields.first_name),
        ("last_name", &mut fields.last_name),
        ("address1", &mut fields.address1),
        ("address2", &mut fields.address2),
        ("postal_code", &mut fields.postal_code),
        ("city", &mut fields.city),
        ("phone", &mut fields.phone),
        ("company", &mut fields.company),
    ] {
        if params.contains(key) {
            *field = stripped(params.string(key));
        }
    }
    let (country_code, state_code) = country_and_state_codes(params, mode);
    if let Some(code) = country_code {
        fields.country = code.as_deref().and_then(find_country);
    }
    let mut state_input = StateInput {
        abbr: fields.state.map(|state| state.abbr.to_owned()),
        name: fields.state_name.clone(),
    };
    if let Some(code) = state_code {
        state_input.abbr = code;
    }
    if params.contains("state_name") {
        state_input.name = presence(params.string("state_name"));
    }
    let mut errors = ValidationErrors::default();
    if fields.first_name.is_none() {
        errors.add("firstname", "can't be blank");
    }
    if fields.last_name.is_none() {
        errors.add("lastname", "can't be blank");
    }
    if fields.address1.is_none() {
        errors.add("address1", "can't be blank");
    }
    if fields.city.is_none() {
        errors.add("city", "can't be blank");
    }
    match fields.country {
        None => {
            errors.add("country", "can't be blank");
            fields.state = None;
            fields.state_name = state_input.name;
        }
        Some(country) => {
            let matched = state_input
                .abbr
                .as_deref()
                .and_then(|abbr| country.state_by_abbr(abbr))
                .or_else(|| {
                    state_input
                        .name
                        .as_deref()
                        .and_then(|name| country.state_by_name(name))
                });
            fields.state = matched;
            fields.state_name = match matched {
                Some(_) => None,
                None if country.states_required => None,
                None => state_input.name,
            };
            if country.states_required && matched.is_none() {
                errors.add("state", "can't be blank");
            }
        }
    }
    match fields.postal_code.as_deref() {
        None => errors.add("zipcode", "can't be blank"),
        Some(code) => {
            if fields
                .country
                .is_some_and(|country| !country.postal_code_valid(code))
            {
                errors.add("zipcode", "is invalid");
            }
        }
    }
    if errors.is_empty() {
        Ok(fields)
    } else {
        Err(SpreeError::Validation(errors))
    }
}

impl SpreeState {
    /// The caller's live address with this public id.
    fn owned_address_id(&self, customer_id: u64, public_id: &str) -> Option<u64> {
        let internal_id = *self.address_by_public_id.get(public_id)?;
        let address = self.addresses.get(&internal_id)?;
        (address.customer_id == customer_id && !address.deleted).then_some(internal_id)
    }

    fn insert_address(&mut self, customer_id: u64, fields: AddressFields) -> u64 {
        let internal_id = self.next_id();
        let public_id = self.public_id("addr_");
        let sequence = self.next_sequence();
        self.address_by_public_id
            .insert(public_id.clone(), internal_id);
        self.customer_addresses
            .entry(customer_id)
            .or_default()
            .push(internal_id);
        self.addresses.insert(
            internal_id,
            Address {
                internal_id,
                public_id,
                customer_id,
                fields,
                deleted: false,
                ordered: false,
                created_seq: sequence,
                updated_seq: sequence,
            },
        );
        internal_id
    }

    /// Applies `is_default_billing`/`is_default_shipping: true` (false never clears).
    fn apply_default_flags(&mut self, customer_id: u64, address_id: u64, params: &Params) {
        if let Some(customer) = self.customers.get_mut(&customer_id) {
            if params.boolean("is_default_billing") == Some(true) {
                customer.bill_address_id = Some(address_id);
            }
            if params.boolean("is_default_shipping") == Some(true) {
                customer.ship_address_id = Some(address_id);
            }
        }
    }

    fn address_response(
        &self,
        status: u16,
        customer_id: u64,
        address_id: u64,
        context: &RequestContext<'_>,
    ) -> Result<ApiResponse, SpreeError> {
        let address = self.addresses.get(&address_id).ok_or_else(not_found)?;
        let customer = self.customers.get(&customer_id).ok_or_else(not_found)?;
        let flags = DefaultFlags {
            billing: customer.bill_address_id == Some(address_id),
            shipping: customer.ship_address_id == Some(address_id),
        };
        let body = rails_json(&address_json(
            address,
            flags,
            context.options.spree.address_names,
        ));
        Ok(ApiResponse::json(status, body, ResponseOrigin::Action))
    }

    /// Removes an address from reads: soft when ordered, hard otherwise.
    fn remove_address(&mut self, address_id: u64) {
        let ordered = self
            .addresses
            .get(&address_id)
            .is_some_and(|address| address.ordered);
        if ordered {
            if let Some(address) = self.addresses.get_mut(&address_id) {
                address.deleted = true;
            }
            return;
        }
        if let Some(address) = self.addresses.remove(&address_id) {
            self.address_by_public_id.remove(&address.public_id);
            if let Some(ids) = self.customer_addresses.get_mut(&address.customer_id) {
                ids.retain(|id| *id != address_id);
            }
        }
    }
}

/// `GET /customers/me/addresses`.
pub(crate) fn list(
    state: &mut SpreeState,
    context: &RequestContext<'_>,
    input: &ActionInput<'_>,
) -> Result<ApiResponse, SpreeError> {
    let customer_id = input
        .customer_id
        .ok_or(SpreeError::AuthenticationRequired)?;
    let customer = state
        .customers
        .get(&customer_id)
        .ok_or(SpreeError::AuthenticationRequired)?;
    let page = input
        .request
        .query_param("page")
        .and_then(|page| page.trim().parse::<u64>().ok())
        .filter(|page| *page >= 1)
        .unwrap_or(1);
    let limit = input
        .request
        .query_param("limit")
        .and_then(|limit| limit.trim().parse::<u64>().ok())
        .filter(|limit| *limit >= 1)
        .unwrap_or(DEFAULT_LIMIT)
        .min(MAX_LIMIT);
    let addresses = state.live_addresses(customer_id);
    let count = u64::try_from(addresses.len()).unwrap_or(u64::MAX);
    let (meta, range) = PaginationMeta::compute(page, limit, count);
    let data = addresses
        .get(range)
        .unwrap_or_default()
        .iter()
        .map(|address| {
            let flags = DefaultFlags {
                billing: customer.bill_address_id == Some(address.internal_id),
                shipping: customer.ship_address_id == Some(address.internal_id),
            };
            address_json(address, flags, context.options.spree.address_names)
        })
        .collect();
    let body = rails_json(&AddressListJson { data, meta });
    Ok(ApiResponse::json(200, body, ResponseOrigin::Action))
}

/// `GET /customers/me/addresses/{id}`.
pub(crate) fn show(
    state: &mut SpreeState,
    context: &RequestContext<'_>,
    input: &ActionInput<'_>,
    public_id: &str,
) -> Result<ApiResponse, SpreeError> {
    let customer_id = input
        .customer_id
        .ok_or(SpreeError::AuthenticationRequired)?;
    let address_id = state
        .owned_address_id(customer_id, public_id)
        .ok_or_else(not_found)?;
    state.address_response(200, customer_id, address_id, context)
}

/// `POST /customers/me/addresses`.
pub(crate) fn create(
    state: &mut SpreeState,
    context: &RequestContext<'_>,
    input: &ActionInput<'_>,
) -> Result<ApiResponse, SpreeError> {
    let customer_id = input
        .customer_id
        .ok_or(SpreeError::AuthenticationRequired)?;
    let fields = merge_and_validate(
        &AddressFields::default(),
        input.params,
        context.options.spree.address_names,
    )?;
    let address_id = state.insert_address(customer_id, fields.clone());
    let only_address = state.live_addresses(customer_id).len() == 1;
    if let Some(customer) = state.customers.get_mut(&customer_id) {
        if only_address {
            customer.bill_address_id = Some(address_id);
            customer.ship_address_id = Some(address_id);
        }
        if customer.first_name.is_none() && customer.last_name.is_none() {
            customer.first_name = fields.first_name.clone();
            customer.last_name = fields.last_name.clone();
        }
        if customer.phone.is_none() {
            customer.phone = fields.phone.clone();
        }
    }
    state.apply_default_flags(customer_id, address_id, input.params);
    state.address_response(201, customer_id, address_id, context)
}

/// `PATCH /customers/me/addresses/{id}`: in place, or under a new id when ordered.
pub(crate) fn update(
    state: &mut SpreeState,
    context: &RequestContext<'_>,
    input: &ActionInput<'_>,
    public_id: &str,
) -> Result<ApiResponse, SpreeError> {
    let customer_id = input
        .customer_id
        .ok_or(SpreeError::AuthenticationRequired)?;
    let address_id = state
        .owned_address_id(customer_id, public_id)
        .ok_or_else(not_found)?;
    let (current, ordered) = match state.addresses.get(&address_id) {
        Some(address) => (address.fields.clone(), address.ordered),
        None => return Err(not_found()),
    };
    let fields = merge_and_validate(&current, input.params, context.options.spree.address_names)?;
    let mut result_id = address_id;
    if !fields.same_as(&current) {
        if ordered {
            let new_id = state.insert_address(customer_id, fields);
            if let Some(customer) = state.customers.get_mut(&customer_id) {
                if customer.bill_address_id == Some(address_id) {
                    customer.bill_address_id = Some(new_id);
                }
                if customer.ship_address_id == Some(address_id) {
                    customer.ship_address_id = Some(new_id);
                }
            }
            if let Some(old) = state.addresses.get_mut(&address_id) {
                old.deleted = true;
            }
            result_id = new_id;
        } else {
            let sequence = state.next_sequence();
            if let Some(address) = state.addresses.get_mut(&address_id) {
                address.fields = fields;
                address.updated_seq = sequence;
            }
        }
    }
    state.apply_default_flags(customer_id, result_id, input.params);
    state.address_response(200, customer_id, result_id, context)
}

/// `DELETE /customers/me/addresses/{id}`: 204; a default moves to the newest remaining address.
pub(crate) fn delete(
    state: &mut SpreeState,
    input: &ActionInput<'_>,
    public_id: &str,
) -> Result<ApiResponse, SpreeError> {
    let customer_id = input
        .customer_id
        .ok_or(SpreeError::AuthenticationRequired)?;
    let address_id = state
        .owned_address_id(customer_id, public_id)
        .ok_or_else(not_found)?;
    state.remove_address(address_id);
    let newest_remaining = state
        .live_addresses(customer_id)
        .iter()
        .max_by_key(|address| address.created_seq)
        .map(|address| address.internal_id);
    if let Some(customer) = state.customers.get_mut(&customer_id) {
        if customer.bill_address_id == Some(address_id) {
            customer.bill_address_id = newest_remaining;
        }
        if customer.ship_address_id == Some(address_id) {
            customer.ship_address_id = newest_remaining;
        }
    }
    Ok(ApiResponse::empty(204, ResponseOrigin::Action))
}
