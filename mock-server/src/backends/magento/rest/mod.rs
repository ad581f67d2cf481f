//! Magento 2 REST (`/rest/<store>/V1/…`) over the shared store: the request pipeline in the
//! order `Webapi\Controller\Rest` runs it (route, ACL, body, parameters, service), and the
//! actions of the customer-account routes.
//!
//! Layout: `routes` recognises paths and names each route's ACL; `input` reads bodies (JSON,
//! or XML through `xml`) and parameters; `accounts`, `profile` and `passwords` are the actions; `output` the response
//! shapes; `errors` the error bodies; `json` PHP's JSON encoding.

mod accounts;
pub(crate) mod errors;
mod input;
mod json;
mod output;
mod passwords;
mod profile;
pub(crate) mod routes;
mod xml;

use super::store::{MagentoStore, Principal, StoreError, StoreView};
use crate::emulator::RequestContext;
use crate::http::{ApiRequest, ApiResponse, ResponseOrigin};
use input::Body;
use routes::{Acl, Route};
use serde::Serialize;

/// What an action needs besides the store.
pub(crate) struct Call<'a> {
    /// The store view of the path.
    pub(crate) scope: &'static StoreView,
    /// Who calls (a guest unless the route needs a token or reads the caller).
    pub(crate) caller: Principal,
    /// The body parameters.
    pub(crate) body: &'a Body,
    /// Options, clock, client IP and outbox.
    pub(crate) context: &'a RequestContext<'a>,
}

/// 200 with `value` as PHP's JSON.
pub(crate) fn ok<T: Serialize + ?Sized>(value: &T) -> Result<ApiResponse, StoreError> {
    Ok(ApiResponse::json(
        200,
        json::php_json(value),
        ResponseOrigin::Action,
    ))
}

/// The bearer token as Magento reads the header: exactly two space-separated parts, the first
/// `Bearer` in any case.
fn bearer<'a>(request: &'a ApiRequest<'a>) -> Option<&'a str> {
    let value = request.header("authorization")?;
    match value.split(' ').collect::<Vec<_>>()[..] {
        [scheme, token] if scheme.eq_ignore_ascii_case("bearer") && !token.is_empty() => {
            Some(token)
        }
        _ => None,
    }
}

/// The customer id of a `self` call (the pipeline has checked it).
pub(crate) fn customer_id(call: &Call<'_>) -> Result<u64, StoreError> {
    match call.caller {
        Principal::Customer(id) => Ok(id),
        _ => Err(StoreError::NotAuthorized("self")),
    }
}

/// The response to a REST request, or `None` when no route matches.
pub(crate) fn handle(
    store: &MagentoStore,
    request: &ApiRequest<'_>,
    context: &RequestContext<'_>,
) -> Option<ApiResponse> {
    let (scope, route) = routes::recognize(request.method, request.path)?;
    if route == Route::Revoke && !context.options.magento.revoke_route {
        return None;
    }
    let acl = route.acl();
    let caller = if acl == Acl::Anonymous && route != Route::Register {
        Principal::Guest
    } else {
        store.principal(bearer(request), context.now)
    };
    let refused = match (acl, caller) {
        (Acl::Anonymous, _)
        | (Acl::Customer, Principal::Customer(_))
        | (Acl::Admin(_), Principal::Admin(_)) => None,
        (Acl::Customer, _) => Some(StoreError::NotAuthorized("self")),
        (Acl::Admin(resource), _) => Some(StoreError::NotAuthorized(resource)),
    };
    if let Some(error) = refused {
        return Some(errors::store_error_response(&error));
    }
    let body = if matches!(request.method, "POST" | "PUT") {
        match Body::parse(request) {
            Ok(body) => body,
            Err(response) => return Some(response),
        }
    } else {
        Body::default()
    };
    let call = Call {
        scope,
        caller,
        body: &body,
        context,
    };
    Some(run(store, &route, &call).unwrap_or_else(|error| errors::store_error_response(&error)))
}

fn run(store: &MagentoStore, route: &Route, call: &Call<'_>) -> Result<ApiResponse, StoreError> {
    match route {
        Route::Register => accounts::register(store, call),
        Route::EmailAvailable => accounts::email_available(store, call),
        Route::CustomerToken => accounts::customer_token(store, call),
        Route::AdminToken => accounts::admin_token(store, call),
        Route::Revoke => accounts::revoke(store, call),
        Route::ActivateMe => accounts::activate_me(store, call),
        Route::ActivateByEmail(email) => accounts::activate_by_email(store, call, email),
        Route::Me => profile::me(store, call),
        Route::SaveMe => profile::save_me(store, call),
        Route::BillingAddress => profile::default_address(store, call, true),
        Route::ShippingAddress => profile::default_address(store, call, false),
        Route::CustomerById(id) => profile::by_id(store, id),
        Route::ChangePassword => passwords::change(store, call),
        Route::RequestReset => passwords::request_reset(store, call),
        Route::ResetPassword => passwords::reset(store, call),
        Route::ValidateResetToken(id, token) => passwords::validate_token(store, call, id, token),
    }
}
