//! Route recognition and Glue's request pipeline, in its order: the request document
//! ("Post data is invalid.", "Invalid type."), a missing resource id, the access token (`002`,
//! `001` — any `Authorization` header is checked, protected resource or not), the anonymous
//! header (`005`), then the operation with its validation YAML.

use super::document::{Attributes, BodyError, read_attributes};
use super::emulator::shared_error_response;
use super::errors::{GlueError, Outcome, errors_response};
use super::jwt::TokenUser;
use super::options::SprykerOptions;
use super::resources::origin;
use super::{SprykerEmulator, addresses, auth, customers, oauth, password_flows, registration};
use crate::emulator::RequestContext;
use crate::http::{ApiRequest, ApiResponse};

/// The emulated operations (spec §2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Route {
    /// `POST /access-tokens`.
    Login,
    /// `POST /refresh-tokens`.
    Refresh,
    /// `DELETE /refresh-tokens/{token}` (or `mine`).
    Revoke(Option<String>),
    /// `POST /token` (OAuth form).
    OauthToken,
    /// `POST /customers`.
    Register,
    /// `GET /customers`.
    ListCustomers,
    /// `GET /customers/{ref}`.
    ShowCustomer(String),
    /// `PATCH /customers/{ref}`.
    UpdateCustomer(Option<String>),
    /// `DELETE /customers/{ref}` (anonymize).
    DeleteCustomer(Option<String>),
    /// `POST /customers/{ref}/confirm-registration` (API Platform).
    ConfirmRegistration(String),
    /// `GET /customers/{ref}/addresses`.
    ListAddresses(String),
    /// `POST /customers/{ref}/addresses`.
    CreateAddress(String),
    /// `GET /customers/{ref}/addresses/{uuid}`.
    ShowAddress(String, String),
    /// `PATCH /customers/{ref}/addresses/{uuid}`.
    UpdateAddress(String, Option<String>),
    /// `DELETE /customers/{ref}/addresses/{uuid}`.
    DeleteAddress(String, Option<String>),
    /// `POST /customer-forgotten-password`.
    ForgottenPassword,
    /// `PATCH /customer-restore-password/{any}`.
    RestorePassword(Option<String>),
    /// `PATCH /customer-password/{ref}`.
    ChangePassword(Option<String>),
    /// `POST /customer-confirmation`.
    Confirmation,
}

fn decode(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment)
        .decode_utf8_lossy()
        .into_owned()
}

impl Route {
    /// The route for this method and raw path, if any.
    pub(crate) fn recognize(method: &str, path: &str) -> Option<Route> {
        let path = path.strip_suffix('/').unwrap_or(path);
        let segments: Vec<&str> = path.strip_prefix('/')?.split('/').collect();
        if segments.iter().any(|segment| segment.is_empty()) {
            return None;
        }
        let id = |segment: &&str| decode(segment);
        let route = match (method, segments.as_slice()) {
            ("POST", ["access-tokens"]) => Route::Login,
            ("POST", ["refresh-tokens"]) => Route::Refresh,
            ("DELETE", ["refresh-tokens"]) => Route::Revoke(None),
            ("DELETE", ["refresh-tokens", token]) => Route::Revoke(Some(id(token))),
            ("POST", ["token"]) => Route::OauthToken,
            ("POST", ["customers"]) => Route::Register,
            ("GET", ["customers"]) => Route::ListCustomers,
            ("GET", ["customers", reference]) => Route::ShowCustomer(id(reference)),
            ("PATCH", ["customers"]) => Route::UpdateCustomer(None),
            ("PATCH", ["customers", reference]) => Route::UpdateCustomer(Some(id(reference))),
            ("DELETE", ["customers"]) => Route::DeleteCustomer(None),
            ("DELETE", ["customers", reference]) => Route::DeleteCustomer(Some(id(reference))),
            ("POST", ["customers", reference, "confirm-registration"]) => {
                Route::ConfirmRegistration(id(reference))
            }
            ("GET", ["customers", reference, "addresses"]) => Route::ListAddresses(id(reference)),
            ("POST", ["customers", reference, "addresses"]) => Route::CreateAddress(id(reference)),
            ("PATCH", ["customers", reference, "addresses"]) => {
                Route::UpdateAddress(id(reference), None)
            }
            ("DELETE", ["customers", reference, "addresses"]) => {
                Route::DeleteAddress(id(reference), None)
            }
            ("GET", ["customers", reference, "addresses", uuid]) => {
                Route::ShowAddress(id(reference), id(uuid))
            }
            ("PATCH", ["customers", reference, "addresses", uuid]) => {
                Route::UpdateAddress(id(reference), Some(id(uuid)))
            }
            ("DELETE", ["customers", reference, "addresses", uuid]) => {
                Route::DeleteAddress(id(reference), Some(id(uuid)))
            }
            ("POST", ["customer-forgotten-password"]) => Route::ForgottenPassword,
            ("PATCH", ["customer-restore-password"]) => Route::RestorePassword(None),
            ("PATCH", ["customer-restore-password", key]) => Route::RestorePassword(Some(id(key))),
            ("PATCH", ["customer-password"]) => Route::ChangePassword(None),
            ("PATCH", ["customer-password", reference]) => {
                Route::ChangePassword(Some(id(reference)))
            }
            ("POST", ["customer-confirmation"]) => Route::Confirmation,
            _ => return None,
        };
        Some(route)
    }

    /// The resource type a request document must name (`None`: the route reads no body).
    fn body_type(&self) -> Option<&'static str> {
        Some(match self {
            Route::Login => "access-tokens",
            Route::Refresh => "refresh-tokens",
            Route::Register | Route::UpdateCustomer(_) => "customers",
            Route::ConfirmRegistration(_) => "customers-confirm-registration",
            Route::CreateAddress(_) | Route::UpdateAddress(..) => "addresses",
            Route::ForgottenPassword => "customer-forgotten-password",
            Route::RestorePassword(_) => "customer-restore-password",
            Route::ChangePassword(_) => "customer-password",
            Route::Confirmation => "customer-confirmation",
            _ => return None,
        })
    }

    /// Whether the resource needs an access token (`002` without one).
    fn protected(&self) -> bool {
        matches!(
            self,
            Route::Revoke(_)
                | Route::ListCustomers
                | Route::ShowCustomer(_)
                | Route::UpdateCustomer(_)
                | Route::DeleteCustomer(_)
                | Route::ListAddresses(_)
                | Route::CreateAddress(_)
                | Route::ShowAddress(..)
                | Route::UpdateAddress(..)
                | Route::DeleteAddress(..)
                | Route::ChangePassword(_)
        )
    }

    /// Whether Glue itself refuses the request for a missing resource id (the routes whose
    /// module has no code of its own for it).
    fn lacks_resource_id(&self) -> bool {
        matches!(
            self,
            Route::Revoke(None) | Route::RestorePassword(None) | Route::ChangePassword(None)
        )
    }
}

/// One request on its way through the operations.
pub(crate) struct Call<'a> {
    /// The emulator (state, keys).
    pub(crate) emulator: &'a SprykerEmulator,
    /// The request.
    pub(crate) request: &'a ApiRequest<'a>,
    /// Options, clock, outbox.
    pub(crate) context: &'a RequestContext<'a>,
    /// The Spryker options in force.
    pub(crate) options: &'a SprykerOptions,
    /// `http://<Host>` for links.
    pub(crate) origin: String,
    /// The customer of a valid access token, if one was sent.
    pub(crate) user: Option<TokenUser>,
}

impl Call<'_> {
    /// Mock-clock time.
    pub(crate) fn now(&self) -> i64 {
        self.context.now
    }

    /// The authenticated customer of a protected route.
    ///
    /// # Errors
    /// `002` (the pipeline already refused requests without a token).
    pub(crate) fn caller(&self) -> Result<&TokenUser, GlueError> {
        self.user
            .as_ref()
            .ok_or_else(GlueError::access_token_missing)
    }
}

/// The `Authorization` header as PHP sees it: `None` when absent or empty.
fn authorization<'a>(request: &'a ApiRequest<'a>) -> Option<Result<&'a str, ()>> {
    let value = request.headers.get("authorization")?;
    if value.is_empty() {
        return None;
    }
    Some(value.to_str().map_err(|_| ()))
}

/// The customer of the request's access token; `Ok(None)` without one.
fn authenticate(
    emulator: &SprykerEmulator,
    request: &ApiRequest<'_>,
    now: i64,
) -> Result<Option<TokenUser>, GlueError> {
    let Some(header) = authorization(request) else {
        return Ok(None);
    };
    let mut parts = header.ok().unwrap_or_default().split_whitespace();
    let (Some(_kind), Some(token)) = (parts.next(), parts.next()) else {
        return Err(GlueError::access_token_invalid());
    };
    emulator
        .verify_token(token, now)
        .map(Some)
        .ok_or_else(GlueError::access_token_invalid)
}

/// The access-token and header checks: the caller, or `001`, `002` or `005`.
fn glue_checks(
    emulator: &SprykerEmulator,
    route: &Route,
    request: &ApiRequest<'_>,
    now: i64,
) -> Result<Option<TokenUser>, GlueError> {
    let user = authenticate(emulator, request, now)?;
    if route.protected() && user.is_none() {
        return Err(GlueError::access_token_missing());
    }
    let anonymous = request
        .header("x-anonymous-customer-unique-id")
        .is_some_and(|value| !value.is_empty());
    if anonymous && authorization(request).is_some() {
        return Err(GlueError::anonymous_with_token());
    }
    Ok(user)
}

/// Runs the operation of `route`.
fn dispatch(route: &Route, call: &Call<'_>, attributes: &Attributes) -> Outcome {
    match route {
        Route::Login => auth::login(call, attributes),
        Route::Refresh => auth::refresh(call, attributes),
        Route::Revoke(token) => auth::revoke(call, token.as_deref().unwrap_or_default()),
        Route::OauthToken => Ok(oauth::token(call)),
        Route::Register => registration::register(call, attributes),
        Route::Confirmation => registration::confirm(call, attributes),
        Route::ConfirmRegistration(reference) => {
            registration::confirm_registration(call, reference, attributes)
        }
        Route::ListCustomers => customers::list(call),
        Route::ShowCustomer(reference) => customers::show(call, reference),
        Route::UpdateCustomer(reference) => {
            customers::update(call, reference.as_deref(), attributes)
        }
        Route::DeleteCustomer(reference) => customers::anonymize(call, reference.as_deref()),
        Route::ListAddresses(reference) => addresses::list(call, reference),
        Route::ShowAddress(reference, uuid) => addresses::show(call, reference, uuid),
        Route::CreateAddress(reference) => addresses::create(call, reference, attributes),
        Route::UpdateAddress(reference, uuid) => {
            addresses::update(call, reference, uuid.as_deref(), attributes)
        }
        Route::DeleteAddress(reference, uuid) => {
            addresses::delete(call, reference, uuid.as_deref())
        }
        Route::ForgottenPassword => password_flows::forgotten(call, attributes),
        Route::RestorePassword(_) => password_flows::restore(call, attributes),
        Route::ChangePassword(reference) => {
            password_flows::change(call, reference.as_deref().unwrap_or_default(), attributes)
        }
    }
}

/// The whole pipeline for one request; `None` for an unknown route (Glue's 404).
pub(crate) fn handle(
    emulator: &SprykerEmulator,
    request: &ApiRequest<'_>,
    context: &RequestContext<'_>,
) -> Option<ApiResponse> {
    let route = Route::recognize(request.method, request.path)?;
    let options = &context.options.spryker;
    if matches!(route, Route::ConfirmRegistration(_)) && !options.api_platform {
        return None;
    }
    let attributes = match route.body_type() {
        Some(kind) => match read_attributes(request, kind) {
            Ok(attributes) => attributes,
            Err(BodyError::Glue(error)) => return Some(error.response()),
            Err(BodyError::Shared(error)) => return Some(shared_error_response(&error)),
        },
        None => Attributes::default(),
    };
    if route.lacks_resource_id() {
        return Some(GlueError::resource_id_missing().response());
    }
    // `POST /token` answers in OAuth's own format, before Glue's token checks.
    let user = if route == Route::OauthToken {
        None
    } else {
        match glue_checks(emulator, &route, request, context.now) {
            Ok(user) => user,
            Err(error) => return Some(error.response()),
        }
    };
    let call = Call {
        emulator,
        request,
        context,
        options,
        origin: origin(request),
        user,
    };
    Some(dispatch(&route, &call, &attributes).unwrap_or_else(|errors| errors_response(&errors.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_operations_with_decoded_ids() {
        assert_eq!(
            Route::recognize("POST", "/access-tokens"),
            Some(Route::Login)
        );
        assert_eq!(
            Route::recognize("POST", "/access-tokens/"),
            Some(Route::Login)
        );
        assert_eq!(
            Route::recognize("GET", "/customers/DE--21"),
            Some(Route::ShowCustomer("DE--21".into()))
        );
        assert_eq!(
            Route::recognize("DELETE", "/refresh-tokens/mine"),
            Some(Route::Revoke(Some("mine".into())))
        );
        assert_eq!(
            Route::recognize("PATCH", "/customer-restore-password/a%2Fb"),
            Some(Route::RestorePassword(Some("a/b".into())))
        );
        assert_eq!(
            Route::recognize("DELETE", "/customers/DE--1/addresses"),
            Some(Route::DeleteAddress("DE--1".into(), None))
        );
        for (method, path) in [
            ("GET", "/access-tokens"),
            ("PUT", "/customers/DE--1"),
            ("GET", "/customers//addresses"),
            ("GET", "/customers/DE--1/addresses/x/y"),
            ("GET", ""),
            ("GET", "/"),
            ("POST", "/customers/DE--1"),
        ] {
            assert_eq!(Route::recognize(method, path), None, "{method} {path}");
        }
    }
}
