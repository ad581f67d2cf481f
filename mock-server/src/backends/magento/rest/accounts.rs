//! Registration, the token services, revocation, activation and email availability.

use super::input::{self, check_missing};
use super::output::customer_json;
use super::{Call, customer_id, ok};
use crate::backends::magento::store::AccountRef;
use crate::backends::magento::store::{MagentoStore, StoreError};
use crate::http::ApiResponse;

/// `POST /V1/customers` (`createAccount(customer, password = null, redirectUrl = '')`).
pub(crate) fn register(store: &MagentoStore, call: &Call<'_>) -> Result<ApiResponse, StoreError> {
    let Some(customer) = call.body.get("customer") else {
        return Err(StoreError::required("customer"));
    };
    let customer = input::customer(customer)?;
    let password = call.body.get("password").map(input::string).transpose()?;
    let created = store.register(
        call.context,
        call.scope,
        call.caller,
        &customer,
        password.as_deref(),
    )?;
    ok(&customer_json(&created))
}

/// The two parameters of a token request.
fn credentials(call: &Call<'_>) -> Result<(String, String), StoreError> {
    let mut missing = Vec::new();
    let username = call.body.required_string("username", &mut missing)?;
    let password = call.body.required_string("password", &mut missing)?;
    check_missing(missing)?;
    Ok((username, password))
}

/// `POST /V1/integration/customer/token`: the token as a bare JSON string.
pub(crate) fn customer_token(
    store: &MagentoStore,
    call: &Call<'_>,
) -> Result<ApiResponse, StoreError> {
    let (username, password) = credentials(call)?;
    ok(&store.customer_token(call.context, call.scope, &username, &password)?)
}

/// `POST /V1/integration/admin/token`.
pub(crate) fn admin_token(
    store: &MagentoStore,
    call: &Call<'_>,
) -> Result<ApiResponse, StoreError> {
    let (username, password) = credentials(call)?;
    ok(&store.admin_token(call.context, &username, &password)?)
}

/// `POST /V1/integration/customer/revoke-customer-token`: `true`.
pub(crate) fn revoke(store: &MagentoStore, call: &Call<'_>) -> Result<ApiResponse, StoreError> {
    store.revoke_customer_tokens(call.context, customer_id(call)?);
    ok(&true)
}

fn confirmation_key(call: &Call<'_>) -> Result<String, StoreError> {
    let mut missing = Vec::new();
    let key = call.body.required_string("confirmationKey", &mut missing)?;
    check_missing(missing)?;
    Ok(key)
}

/// `PUT /V1/customers/me/activate`.
pub(crate) fn activate_me(
    store: &MagentoStore,
    call: &Call<'_>,
) -> Result<ApiResponse, StoreError> {
    let key = confirmation_key(call)?;
    let customer = store.activate(call.context, AccountRef::Id(customer_id(call)?), &key)?;
    ok(&customer_json(&customer))
}

/// `PUT /V1/customers/:email/activate` (admin).
pub(crate) fn activate_by_email(
    store: &MagentoStore,
    call: &Call<'_>,
    email: &str,
) -> Result<ApiResponse, StoreError> {
    let key = confirmation_key(call)?;
    let customer = store.activate(call.context, AccountRef::Email(email, call.scope), &key)?;
    ok(&customer_json(&customer))
}

/// `POST /V1/customers/isEmailAvailable`: `true` or `false`.
pub(crate) fn email_available(
    store: &MagentoStore,
    call: &Call<'_>,
) -> Result<ApiResponse, StoreError> {
    let mut missing = Vec::new();
    let email = call.body.required_string("customerEmail", &mut missing)?;
    check_missing(missing)?;
    let website = call.body.get("websiteId").map(input::int).transpose()?;
    ok(&store.is_email_available(call.context, call.scope, &email, website))
}
