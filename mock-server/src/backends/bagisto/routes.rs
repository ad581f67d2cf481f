//! Route recognition and the request pipeline: the storefront-key middleware, then the
//! operation's body (read as API Platform does), then the operation.

use super::input::{Body, Field};
use super::problem::{self, Problem};
use super::{BagistoEmulator, addresses, password_reset, profile, register, sessions};
use crate::emulator::RequestContext;
use crate::http::{ApiRequest, ApiResponse};

/// Prefix of every shop API path.
pub(crate) const SHOP_PREFIX: &str = "/api/shop";

/// The operations of spec §2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Route {
    /// `POST /customers`.
    Register,
    /// `POST /customer/login`.
    Login,
    /// `POST /customer/logout`.
    Logout,
    /// `POST /verify-tokens`.
    VerifyToken,
    /// `POST /forgot-passwords`.
    ForgotPassword,
    /// `GET /customer-profile`.
    Profile,
    /// `PUT /customer-profile-updates/{id}`.
    UpdateProfile(String),
    /// `GET /customer-addresses`.
    ListAddresses,
    /// `POST /customer-addresses`.
    CreateAddress,
    /// `GET /customer-addresses/{id}`.
    ShowAddress(String),
    /// `PUT /customer-addresses/{id}`.
    UpdateAddress(String),
    /// `DELETE /customer-addresses/{id}`.
    DeleteAddress(String),
}

fn decode_segment(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment)
        .decode_utf8_lossy()
        .into_owned()
}

/// The path below `/api/shop` (without its leading slash), or `None` for a path outside it.
fn shop_path(path: &str) -> Option<&str> {
    let rest = path.strip_prefix(SHOP_PREFIX)?;
    if rest.is_empty() {
        return Some(rest);
    }
    rest.strip_prefix('/')
}

impl Route {
    /// The operation for `method` and `rest`, the path below `/api/shop/` (Laravel ignores a
    /// trailing slash).
    pub(crate) fn recognize(method: &str, rest: &str) -> Option<Route> {
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        let segments: Vec<&str> = rest.split('/').collect();
        let route = match (method, segments.as_slice()) {
            ("POST", ["customers"]) => Route::Register,
            ("POST", ["customer", "login"]) => Route::Login,
            ("POST", ["customer", "logout"]) => Route::Logout,
            ("POST", ["verify-tokens"]) => Route::VerifyToken,
            ("POST", ["forgot-passwords"]) => Route::ForgotPassword,
            ("GET", ["customer-profile"]) => Route::Profile,
            ("PUT", ["customer-profile-updates", id]) if !id.is_empty() => {
                Route::UpdateProfile(decode_segment(id))
            }
            ("GET", ["customer-addresses"]) => Route::ListAddresses,
            ("POST", ["customer-addresses"]) => Route::CreateAddress,
            ("GET", ["customer-addresses", id]) if !id.is_empty() => {
                Route::ShowAddress(decode_segment(id))
            }
            ("PUT", ["customer-addresses", id]) if !id.is_empty() => {
                Route::UpdateAddress(decode_segment(id))
            }
            ("DELETE", ["customer-addresses", id]) if !id.is_empty() => {
                Route::DeleteAddress(decode_segment(id))
            }
            _ => return None,
        };
        Some(route)
    }

    /// The body fields the operation declares; `None` for an operation that reads no body.
    fn fields(&self) -> Option<&'static [Field]> {
        match self {
            Route::Register => Some(register::FIELDS),
            Route::Login => Some(sessions::LOGIN_FIELDS),
            Route::Logout => Some(sessions::LOGOUT_FIELDS),
            Route::VerifyToken => Some(&[]),
            Route::ForgotPassword => Some(password_reset::FIELDS),
            Route::UpdateProfile(_) => Some(profile::FIELDS),
            Route::CreateAddress | Route::UpdateAddress(_) => Some(addresses::FIELDS),
            Route::Profile
            | Route::ListAddresses
            | Route::ShowAddress(_)
            | Route::DeleteAddress(_) => None,
        }
    }
}

/// Whether `rest` is a documentation path, which GET requests reach without a key.
fn is_documentation(method: &str, rest: &str) -> bool {
    method == "GET" && matches!(rest, "" | "docs")
}

/// The whole pipeline for one request; `None` for a path outside `/api/shop` or a
/// documentation path (the shared layer answers those with the storefront's 404 page).
pub(crate) fn handle(
    backend: &BagistoEmulator,
    request: &ApiRequest<'_>,
    context: &RequestContext<'_>,
) -> Option<ApiResponse> {
    let rest = shop_path(request.path)?;
    if is_documentation(request.method, rest) {
        return None;
    }
    let limit_headers = match backend.admit(request, context) {
        Ok(headers) => headers,
        Err(refusal) => return Some(refusal),
    };
    let mut response = match Route::recognize(request.method, rest) {
        Some(route) => {
            run(backend, &route, request, context).unwrap_or_else(|problem| problem.response())
        }
        None => problem::not_found_page(),
    };
    for (name, value) in limit_headers {
        response = response.with_header(name, value);
    }
    Some(response)
}

/// Reads the body the operation declares, then runs the operation.
fn run(
    backend: &BagistoEmulator,
    route: &Route,
    request: &ApiRequest<'_>,
    context: &RequestContext<'_>,
) -> Result<ApiResponse, Problem> {
    let body = match route.fields() {
        Some(fields) => Body::read(request, fields)?,
        None => Body::default(),
    };
    match route {
        Route::Register => register::register(&mut backend.lock(), context, &body),
        Route::Login => sessions::login(backend, context, &body),
        Route::Logout => Ok(sessions::logout(&mut backend.lock(), request, context)),
        Route::VerifyToken => Ok(sessions::verify(&backend.lock(), request, context)),
        Route::ForgotPassword => Ok(password_reset::request(
            &mut backend.lock(),
            request,
            context,
            &body,
        )),
        Route::Profile => profile::show(&backend.lock(), request, context),
        Route::UpdateProfile(id) => {
            profile::update(&mut backend.lock(), request, context, &body, id)
        }
        Route::ListAddresses => addresses::list(&backend.lock(), request, context),
        Route::CreateAddress => addresses::create(&mut backend.lock(), request, context, &body),
        Route::ShowAddress(id) => addresses::show(&backend.lock(), request, context, id),
        Route::UpdateAddress(id) => {
            addresses::update(&mut backend.lock(), request, context, &body, id)
        }
        Route::DeleteAddress(id) => addresses::delete(&mut backend.lock(), request, context, id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_recognised_below_the_shop_prefix() {
        assert_eq!(shop_path("/api/shop"), Some(""));
        assert_eq!(shop_path("/api/shop/customers"), Some("customers"));
        assert_eq!(shop_path("/api/shopping"), None);
        assert_eq!(shop_path("/api/customers"), None);
        assert_eq!(Route::recognize("POST", "customers"), Some(Route::Register));
        assert_eq!(
            Route::recognize("POST", "customers/"),
            Some(Route::Register)
        );
        assert_eq!(Route::recognize("GET", "customers"), None);
        assert_eq!(
            Route::recognize("PUT", "customer-profile-updates/12"),
            Some(Route::UpdateProfile("12".into()))
        );
        assert_eq!(
            Route::recognize("DELETE", "customer-addresses/a%20b"),
            Some(Route::DeleteAddress("a b".into()))
        );
        assert_eq!(Route::recognize("PATCH", "customer-addresses/1"), None);
        assert_eq!(Route::recognize("GET", "customer-addresses/1/2"), None);
        assert_eq!(Route::recognize("POST", "reset-password"), None);
        assert!(is_documentation("GET", "docs"));
        assert!(!is_documentation("POST", "docs"));
    }
}
