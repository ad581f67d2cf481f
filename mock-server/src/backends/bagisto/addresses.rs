//! The address book (spec §2.9): writes answer in the processor's shape, reads in the model's;
//! `address1` and `address2` are stored as one newline-joined `address`; one `defaultAddress`
//! flag, exclusive per customer; an unknown or foreign id is 403. The processor validates
//! nothing, so a write stores whatever of its fields came.

use super::auth::Credential;
use super::input::{Body, Field, Kind};
use super::model::Address;
use super::problem::Problem;
use super::wire::{self, StoredAddress, WrittenAddress};
use super::{BagistoState, php};
use crate::emulator::RequestContext;
use crate::http::{ApiRequest, ApiResponse, ResponseOrigin};

const ADDRESS_ID: Field = Field::new(&["addressId", "address_id"], Kind::Id);
const FIRST_NAME: Field = Field::new(&["firstName", "first_name"], Kind::Text);
const LAST_NAME: Field = Field::new(&["lastName", "last_name"], Kind::Text);
const COMPANY_NAME: Field = Field::new(&["companyName", "company_name"], Kind::Text);
const VAT_ID: Field = Field::new(&["vatId", "vat_id"], Kind::Text);
const EMAIL: Field = Field::new(&["email"], Kind::Text);
const PHONE: Field = Field::new(&["phone"], Kind::Text);
const ADDRESS1: Field = Field::new(&["address1"], Kind::Text);
const ADDRESS2: Field = Field::new(&["address2"], Kind::Text);
const CITY: Field = Field::new(&["city"], Kind::Text);
const STATE: Field = Field::new(&["state"], Kind::Text);
const POSTCODE: Field = Field::new(&["postcode"], Kind::Text);
const COUNTRY: Field = Field::new(&["country"], Kind::Text);
const DEFAULT_ADDRESS: Field = Field::new(&["defaultAddress", "default_address"], Kind::Flag);
const USE_FOR_SHIPPING: Field = Field::new(&["useForShipping", "use_for_shipping"], Kind::Flag);

/// The fields create and update declare (`addressId` is read but the path's id wins).
pub(crate) const FIELDS: &[Field] = &[
    ADDRESS_ID,
    FIRST_NAME,
    LAST_NAME,
    COMPANY_NAME,
    VAT_ID,
    EMAIL,
    PHONE,
    ADDRESS1,
    ADDRESS2,
    CITY,
    STATE,
    POSTCODE,
    COUNTRY,
    DEFAULT_ADDRESS,
    USE_FOR_SHIPPING,
];

/// `graphql.auth.token-required` (reads).
const READ_TOKEN_REQUIRED: &str = "Authentication token is required. Please provide the token in the Authorization header as \"Bearer <token>\"";
/// `graphql.address.authentication-required` (writes).
const WRITE_TOKEN_REQUIRED: &str = "Authentication token is required";
/// `graphql.address.invalid-token` and `graphql.customer-addresses.invalid-or-expired-token`.
const INVALID_TOKEN: &str = "Invalid or expired token";
/// `graphql.address.address-id-required`.
const ID_REQUIRED: &str = "Address ID is required";
/// `graphql.address.address-not-found`.
const NOT_FOUND: &str = "Address not found or does not belong to this customer";

/// The signed-in customer, or the operation's 401.
fn customer(
    state: &BagistoState,
    request: &ApiRequest<'_>,
    context: &RequestContext<'_>,
    missing: &str,
) -> Result<u64, Problem> {
    match state.credential(request, context) {
        Credential::Missing => Err(Problem::unauthorized(missing)),
        Credential::Invalid => Err(Problem::unauthorized(INVALID_TOKEN)),
        Credential::Valid(bearer) => Ok(bearer.customer_id),
    }
}

/// The customer's address with the path's id (`(int)` cast): 400 when that is 0, 403 when it
/// is unknown or someone else's.
fn owned(state: &BagistoState, customer_id: u64, path_id: &str) -> Result<u64, Problem> {
    let id = php::int_cast(path_id);
    if id == 0 {
        return Err(Problem::bad_request(ID_REQUIRED));
    }
    u64::try_from(id)
        .ok()
        .filter(|id| {
            state
                .addresses
                .get(id)
                .is_some_and(|address| address.customer_id == customer_id)
        })
        .ok_or_else(|| Problem::forbidden(NOT_FOUND))
}

/// The `address` column for two lines: the non-empty ones joined by a newline.
fn joined(address1: Option<&str>, address2: Option<&str>) -> String {
    [address1, address2]
        .into_iter()
        .flatten()
        .filter(|line| !php::empty_str(line))
        .collect::<Vec<_>>()
        .join("\n")
}

impl BagistoState {
    /// Clears the default flag on the customer's other addresses.
    fn clear_other_defaults(&mut self, customer_id: u64, keep: u64) {
        let ids: Vec<u64> = self
            .customer_addresses
            .get(&customer_id)
            .into_iter()
            .flatten()
            .copied()
            .filter(|id| *id != keep)
            .collect();
        for id in ids {
            if let Some(address) = self.addresses.get_mut(&id) {
                address.default_address = false;
            }
        }
    }
}

/// `GET /customer-addresses[?sort=…&order=…]`: the model shapes, by `id` or `created_at`,
/// ascending unless asked otherwise, at most `address_list_cap` of them.
pub(crate) fn list(
    state: &BagistoState,
    request: &ApiRequest<'_>,
    context: &RequestContext<'_>,
) -> Result<ApiResponse, Problem> {
    let customer_id = customer(state, request, context, READ_TOKEN_REQUIRED)?;
    if state
        .customers
        .get(&customer_id)
        .is_some_and(|customer| customer.is_suspended != 0)
    {
        return Err(Problem::unauthorized(INVALID_TOKEN));
    }
    let sort = request.query_param("sort").unwrap_or_default();
    let (column, compound_direction) = sort.split_once('-').unwrap_or((&sort, ""));
    let descending = match compound_direction {
        "asc" => false,
        "desc" => true,
        _ => request
            .query_param("order")
            .is_some_and(|order| order.eq_ignore_ascii_case("desc")),
    };
    let mut addresses: Vec<&Address> = state.addresses_of(customer_id).collect();
    if column == "created_at" {
        addresses.sort_by_key(|address| (address.created_at, address.id));
    }
    if descending {
        addresses.reverse();
    }
    let cap = context
        .options
        .bagisto
        .address_list_cap
        .unwrap_or(usize::MAX);
    let shapes: Vec<StoredAddress<'_>> = addresses
        .into_iter()
        .take(cap)
        .map(StoredAddress::new)
        .collect();
    Ok(wire::output(200, &shapes))
}

/// `GET /customer-addresses/{id}`: the model shape.
pub(crate) fn show(
    state: &BagistoState,
    request: &ApiRequest<'_>,
    context: &RequestContext<'_>,
    path_id: &str,
) -> Result<ApiResponse, Problem> {
    let customer_id = customer(state, request, context, READ_TOKEN_REQUIRED)?;
    let id = owned(state, customer_id, path_id)?;
    let address = state
        .addresses
        .get(&id)
        .ok_or_else(|| Problem::forbidden(NOT_FOUND))?;
    Ok(wire::output(200, &StoredAddress::new(address)))
}

/// `POST /customer-addresses`: 201 in the processor shape; a first address is not the default.
pub(crate) fn create(
    state: &mut BagistoState,
    request: &ApiRequest<'_>,
    context: &RequestContext<'_>,
    body: &Body,
) -> Result<ApiResponse, Problem> {
    let customer_id = customer(state, request, context, WRITE_TOKEN_REQUIRED)?;
    let id = state.next_address_id;
    state.next_address_id += 1;
    let text = |field: &Field| body.text(field).map(str::to_owned);
    let default_address = body.flag(&DEFAULT_ADDRESS).unwrap_or(false);
    let address = Address {
        id,
        customer_id,
        first_name: text(&FIRST_NAME),
        last_name: text(&LAST_NAME),
        company_name: text(&COMPANY_NAME),
        vat_id: text(&VAT_ID),
        email: text(&EMAIL),
        phone: text(&PHONE),
        address: joined(body.text(&ADDRESS1), body.text(&ADDRESS2)),
        city: text(&CITY),
        state: text(&STATE),
        country: text(&COUNTRY),
        postcode: text(&POSTCODE),
        default_address,
        use_for_shipping: body.flag(&USE_FOR_SHIPPING).unwrap_or(false),
        created_at: context.now,
        updated_at: context.now,
    };
    if default_address {
        state.clear_other_defaults(customer_id, id);
    }
    state
        .customer_addresses
        .entry(customer_id)
        .or_default()
        .insert(id);
    let address = state.addresses.entry(id).or_insert(address);
    Ok(wire::output(201, &WrittenAddress::new(address)))
}

/// `PUT /customer-addresses/{id}`: the fields sent replace the stored ones (both lines when
/// either is sent); 200 in the processor shape.
pub(crate) fn update(
    state: &mut BagistoState,
    request: &ApiRequest<'_>,
    context: &RequestContext<'_>,
    body: &Body,
    path_id: &str,
) -> Result<ApiResponse, Problem> {
    let customer_id = customer(state, request, context, WRITE_TOKEN_REQUIRED)?;
    let id = owned(state, customer_id, path_id)?;
    let default_address = body.flag(&DEFAULT_ADDRESS);
    if default_address == Some(true) {
        state.clear_other_defaults(customer_id, id);
    }
    let address = state
        .addresses
        .get_mut(&id)
        .ok_or_else(|| Problem::forbidden(NOT_FOUND))?;
    let set = |slot: &mut Option<String>, field: &Field| {
        if let Some(value) = body.text(field) {
            *slot = Some(value.to_owned());
        }
    };
    set(&mut address.first_name, &FIRST_NAME);
    set(&mut address.last_name, &LAST_NAME);
    set(&mut address.company_name, &COMPANY_NAME);
    set(&mut address.vat_id, &VAT_ID);
    set(&mut address.email, &EMAIL);
    set(&mut address.phone, &PHONE);
    set(&mut address.country, &COUNTRY);
    set(&mut address.state, &STATE);
    set(&mut address.city, &CITY);
    set(&mut address.postcode, &POSTCODE);
    let (address1, address2) = (body.text(&ADDRESS1), body.text(&ADDRESS2));
    if address1.is_some() || address2.is_some() {
        address.address = joined(address1, address2);
    }
    if let Some(flag) = body.flag(&USE_FOR_SHIPPING) {
        address.use_for_shipping = flag;
    }
    if let Some(flag) = default_address {
        address.default_address = flag;
    }
    address.updated_at = context.now;
    Ok(wire::output(200, &WrittenAddress::new(address)))
}

/// `DELETE /customer-addresses/{id}`: 204.
pub(crate) fn delete(
    state: &mut BagistoState,
    request: &ApiRequest<'_>,
    context: &RequestContext<'_>,
    path_id: &str,
) -> Result<ApiResponse, Problem> {
    let customer_id = customer(state, request, context, WRITE_TOKEN_REQUIRED)?;
    let id = owned(state, customer_id, path_id)?;
    state.addresses.remove(&id);
    if let Some(ids) = state.customer_addresses.get_mut(&customer_id) {
        ids.remove(&id);
    }
    Ok(ApiResponse::empty(204, ResponseOrigin::Action))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_join_with_a_newline_and_empty_ones_drop() {
        assert_eq!(
            joined(Some("123 Main St"), Some("Apt 4B")),
            "123 Main St\nApt 4B"
        );
        assert_eq!(joined(Some("123 Main St"), None), "123 Main St");
        assert_eq!(joined(None, Some("Apt 4B")), "Apt 4B");
        assert_eq!(joined(Some(""), Some("0")), "");
        assert_eq!(joined(None, None), "");
    }
}
