//! The signed-in customer: read, save (address book replacement) and default addresses; and
//! the admin's read by id.

use super::input;
use super::output::{address_json, customer_json};
use super::{Call, customer_id, errors::type_error, ok};
use crate::backends::magento::store::{MagentoStore, StoreError};
use crate::http::ApiResponse;

/// `GET /V1/customers/me`.
pub(crate) fn me(store: &MagentoStore, call: &Call<'_>) -> Result<ApiResponse, StoreError> {
    ok(&customer_json(&store.customer(customer_id(call)?)?))
}

/// `PUT /V1/customers/me` (`save(customer, passwordHash = null)`, `customer.id` forced to the
/// token's customer; `passwordHash` is accepted and ignored). A customer without `email`,
/// `firstname` or `lastname` is refused as Magento's validation refuses blank ones.
pub(crate) fn save_me(store: &MagentoStore, call: &Call<'_>) -> Result<ApiResponse, StoreError> {
    let Some(customer) = call.body.get("customer") else {
        return Err(StoreError::required("customer"));
    };
    let mut changes = input::customer(customer)?;
    for field in [
        &mut changes.email,
        &mut changes.firstname,
        &mut changes.lastname,
    ] {
        field.get_or_insert_with(String::new);
    }
    let saved = store.update_customer(call.context, customer_id(call)?, &changes)?;
    ok(&customer_json(&saved))
}

/// `GET /V1/customers/me/billingAddress` (`billing`) or `…/shippingAddress`: the default
/// address, or `null` when none is set.
pub(crate) fn default_address(
    store: &MagentoStore,
    call: &Call<'_>,
    billing: bool,
) -> Result<ApiResponse, StoreError> {
    let customer = store.customer(customer_id(call)?)?;
    let wanted = if billing {
        customer.default_billing
    } else {
        customer.default_shipping
    };
    match customer
        .addresses
        .iter()
        .find(|address| Some(address.id) == wanted)
    {
        Some(address) => ok(&address_json(address, &customer)),
        None => ok(&()),
    }
}

/// `GET /V1/customers/:customerId` (admin).
pub(crate) fn by_id(store: &MagentoStore, id: &str) -> Result<ApiResponse, StoreError> {
    let id: i64 = id.parse().map_err(|_| type_error(id.to_owned(), "int"))?;
    let customer = u64::try_from(id)
        .map_err(|_| StoreError::NoSuchId {
            field: "customerId",
            value: id.to_string(),
        })
        .and_then(|id| store.customer(id))?;
    ok(&customer_json(&customer))
}
