//! Password change, reset request, reset completion and reset-token validation.

use super::input::{self, check_missing};
use super::{Call, customer_id, errors::type_error, ok};
use crate::backends::magento::store::{MagentoStore, StoreError};
use crate::http::ApiResponse;

/// `PUT /V1/customers/me/password` (`changePasswordById(customerId, currentPassword,
/// newPassword)`): `true`.
pub(crate) fn change(store: &MagentoStore, call: &Call<'_>) -> Result<ApiResponse, StoreError> {
    let mut missing = Vec::new();
    let current = call.body.required_string("currentPassword", &mut missing)?;
    let new = call.body.required_string("newPassword", &mut missing)?;
    check_missing(missing)?;
    store.change_password(call.context, customer_id(call)?, &current, &new)?;
    ok(&true)
}

/// `PUT /V1/customers/password` (`initiatePasswordReset(email, template, websiteId = null)`;
/// Swagger requires both `email` and `template`): `true`.
pub(crate) fn request_reset(
    store: &MagentoStore,
    call: &Call<'_>,
) -> Result<ApiResponse, StoreError> {
    let mut missing = Vec::new();
    let email = call.body.required_string("email", &mut missing)?;
    let template = call.body.required_string("template", &mut missing)?;
    check_missing(missing)?;
    let website = call.body.get("websiteId").map(input::int).transpose()?;
    store.request_password_reset(call.context, call.scope, &email, &template, website)?;
    ok(&true)
}

/// `POST /V1/customers/resetPassword` (`resetPassword(email, resetToken, newPassword)`; an
/// empty email finds the customer by the token): `true`.
pub(crate) fn reset(store: &MagentoStore, call: &Call<'_>) -> Result<ApiResponse, StoreError> {
    let mut missing = Vec::new();
    let email = call.body.required_string("email", &mut missing)?;
    let token = call.body.required_string("resetToken", &mut missing)?;
    let new = call.body.required_string("newPassword", &mut missing)?;
    check_missing(missing)?;
    store.reset_password(call.context, call.scope, email.trim(), &token, &new)?;
    ok(&true)
}

/// `GET /V1/customers/:customerId/password/resetLinkToken/:token`: `true`.
pub(crate) fn validate_token(
    store: &MagentoStore,
    call: &Call<'_>,
    id: &str,
    token: &str,
) -> Result<ApiResponse, StoreError> {
    let id: i64 = id.parse().map_err(|_| type_error(id.to_owned(), "int"))?;
    store.validate_reset_token(call.context, id, token)?;
    ok(&true)
}
