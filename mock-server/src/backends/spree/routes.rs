//! Route recognition and the request pipeline, in the order a Spree 5.6.1 server applies it
//! (the body-size limit before it is the shared layer's).

use super::emulator::{STORE_PREFIX, shared_error_response};
use super::errors::SpreeError;
use super::idempotency::{self, Lookup, Scope};
use super::params::Params;
use super::rate_limit::{Caller, Throttle, Verdict};
use super::{RequestContext, SpreeEmulator, SpreeState, accounts, addresses};
use crate::http::{ApiRequest, ApiResponse, ResponseOrigin};
use crate::options::MockOptions;
use subtle::ConstantTimeEq;
/// Longest accepted `Idempotency-Key`.
const MAX_IDEMPOTENCY_KEY_LENGTH: usize = 255;

/// The 13 operations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Route {
    /// `POST /customers`.
    Register,
    /// `POST /auth/login`.
    Login,
    /// `POST /auth/refresh`.
    Refresh,
    /// `POST /auth/logout`.
    Logout,
    /// `POST /password_resets`.
    RequestPasswordReset,
    /// `PATCH|PUT /password_resets/{token}`.
    CompletePasswordReset(String),
    /// `GET /customers/me`.
    ShowProfile,
    /// `PATCH /customers/me`.
    UpdateProfile,
    /// `GET /customers/me/addresses`.
    ListAddresses,
    /// `POST /customers/me/addresses`.
    CreateAddress,
    /// `GET /customers/me/addresses/{id}`.
    ShowAddress(String),
    /// `PATCH|PUT /customers/me/addresses/{id}`.
    UpdateAddress(String),
    /// `DELETE /customers/me/addresses/{id}`.
    DeleteAddress(String),
}

fn decode_segment(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment)
        .decode_utf8_lossy()
        .into_owned()
}

impl Route {
    /// The route for this method and raw path, if any.
    pub(crate) fn recognize(method: &str, path: &str) -> Option<Route> {
        let rest = path.strip_prefix(STORE_PREFIX)?;
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        let rest = rest.strip_prefix('/')?;
        let segments: Vec<&str> = rest.split('/').collect();
        let route = match (method, segments.as_slice()) {
            ("POST", ["customers"]) => Route::Register,
            ("POST", ["auth", "login"]) => Route::Login,
            ("POST", ["auth", "refresh"]) => Route::Refresh,
            ("POST", ["auth", "logout"]) => Route::Logout,
            ("POST", ["password_resets"]) => Route::RequestPasswordReset,
            ("PATCH" | "PUT", ["password_resets", token]) if !token.is_empty() => {
                Route::CompletePasswordReset(decode_segment(token))
            }
            ("GET", ["customers", "me"]) => Route::ShowProfile,
            ("PATCH", ["customers", "me"]) => Route::UpdateProfile,
            ("GET", ["customers", "me", "addresses"]) => Route::ListAddresses,
            ("POST", ["customers", "me", "addresses"]) => Route::CreateAddress,
            ("GET", ["customers", "me", "addresses", id]) if !id.is_empty() => {
                Route::ShowAddress(decode_segment(id))
            }
            ("PATCH" | "PUT", ["customers", "me", "addresses", id]) if !id.is_empty() => {
                Route::UpdateAddress(decode_segment(id))
            }
            ("DELETE", ["customers", "me", "addresses", id]) if !id.is_empty() => {
                Route::DeleteAddress(decode_segment(id))
            }
            _ => return None,
        };
        Some(route)
    }

    /// Whether the route needs a customer JWT (checked before the API key).
    fn needs_customer(&self) -> bool {
        matches!(
            self,
            Route::ShowProfile
                | Route::UpdateProfile
                | Route::ListAddresses
                | Route::CreateAddress
                | Route::ShowAddress(_)
                | Route::UpdateAddress(_)
                | Route::DeleteAddress(_)
        )
    }

    /// Controller name, for the per-controller rate-limit counter.
    fn controller(&self) -> &'static str {
        match self {
            Route::Login | Route::Refresh | Route::Logout => "auth",
            Route::Register | Route::ShowProfile | Route::UpdateProfile => "customers",
            Route::RequestPasswordReset | Route::CompletePasswordReset(_) => "password_resets",
            _ => "addresses",
        }
    }

    fn throttle(&self) -> Option<Throttle> {
        match self {
            Route::Login => Some(Throttle::Login),
            Route::Register => Some(Throttle::Register),
            Route::Refresh | Route::Logout => Some(Throttle::Refresh),
            Route::RequestPasswordReset | Route::CompletePasswordReset(_) => {
                Some(Throttle::PasswordReset)
            }
            _ => None,
        }
    }
}

/// What an action needs besides the state.
pub(crate) struct ActionInput<'a> {
    /// Body parameters.
    pub(crate) params: &'a Params,
    /// The authenticated customer (always set on `/customers/me/**`).
    pub(crate) customer_id: Option<u64>,
    /// `X-Spree-Currency` or the store default.
    pub(crate) currency: &'a str,
    /// The request (for query parameters).
    pub(crate) request: &'a ApiRequest<'a>,
    /// A login's password, already verified outside the state lock.
    pub(crate) password_check: Option<&'a accounts::PasswordCheck>,
}

/// Whether `given` is the active publishable key and not deactivated (constant-time compares).
fn api_key_valid(given: Option<&str>, options: &MockOptions) -> bool {
    let matches =
        |key: &str, candidate: &str| bool::from(key.as_bytes().ct_eq(candidate.as_bytes()));
    given.is_some_and(|given| {
        matches(given, &options.publishable_key)
            && !options
                .inactive_publishable_keys
                .iter()
                .any(|inactive| matches(given, inactive))
    })
}

/// The bearer token: the value must start with `Bearer `; the token is its last space-separated part.
fn bearer_token<'a>(request: &'a ApiRequest<'a>) -> Option<&'a str> {
    let value = request.header("authorization")?;
    if !value.starts_with("Bearer ") {
        return None;
    }
    value.rsplit(' ').next().filter(|token| !token.is_empty())
}

fn run_action(
    route: &Route,
    state: &mut SpreeState,
    context: &RequestContext<'_>,
    input: &ActionInput<'_>,
) -> Result<ApiResponse, SpreeError> {
    match route {
        Route::Register => accounts::register(state, context, input),
        Route::Login => accounts::login(state, context, input),
        Route::Refresh => accounts::refresh(state, context, input),
        Route::Logout => Ok(accounts::logout(state, input)),
        Route::RequestPasswordReset => Ok(accounts::request_password_reset(state, context, input)),
        Route::CompletePasswordReset(token) => {
            accounts::complete_password_reset(state, context, input, token)
        }
        Route::ShowProfile => accounts::show_profile(state, context, input),
        Route::UpdateProfile => accounts::update_profile(state, context, input),
        Route::ListAddresses => addresses::list(state, context, input),
        Route::CreateAddress => addresses::create(state, context, input),
        Route::ShowAddress(id) => addresses::show(state, context, input, id),
        Route::UpdateAddress(id) => addresses::update(state, context, input, id),
        Route::DeleteAddress(id) => addresses::delete(state, input, id),
    }
}

/// Whether an error is rendered by the action (and so cached and decorated like a success).
fn rendered_by_action(error: &SpreeError) -> bool {
    !matches!(error, SpreeError::RecordNotFound(_))
}

/// The whole pipeline for one request under `/api/v3/store`; `None` for an unknown route.
pub(crate) fn handle(
    backend: &SpreeEmulator,
    request: &ApiRequest<'_>,
    context: &RequestContext<'_>,
) -> Option<ApiResponse> {
    let route = Route::recognize(request.method, request.path)?;
    Some(run_pipeline(backend, &route, request, context))
}

/// Everything after route recognition.
fn run_pipeline(
    backend: &SpreeEmulator,
    route: &Route,
    request: &ApiRequest<'_>,
    context: &RequestContext<'_>,
) -> ApiResponse {
    let options = context.options;
    let spree = &options.spree;
    // Parsed before the lock (its error is still reported in its place below), so that a
    // login's password is hashed without holding the state.
    let parsed = Params::parse(request);
    let password_check = match (route, &parsed) {
        (Route::Login, Ok(params)) => accounts::check_login_password(backend, params, spree),
        _ => None,
    };
    let mut state = backend.lock();
    let api_key = request.header("x-spree-api-key");
    let key_valid = api_key_valid(api_key, options);
    let customer_id = if route.needs_customer() {
        let customer = bearer_token(request)
            .and_then(|token| state.jwt.verify(token, context.now))
            .filter(|id| state.customers.contains_key(id));
        if customer.is_none() {
            return SpreeError::AuthenticationRequired.response(ResponseOrigin::Filter);
        }
        customer
    } else {
        None
    };
    if !key_valid {
        return SpreeError::InvalidApiKey.response(ResponseOrigin::Filter);
    }
    let api_key = api_key.unwrap_or_default();
    let mutating = matches!(request.method, "POST" | "PUT" | "PATCH" | "DELETE");
    let idempotency_key = request
        .header("idempotency-key")
        .filter(|key| mutating && !key.trim().is_empty());
    if idempotency_key.is_some_and(|key| key.chars().count() > MAX_IDEMPOTENCY_KEY_LENGTH) {
        return SpreeError::InvalidRequest(
            "Idempotency-Key must be 255 characters or less.".into(),
        )
        .response(ResponseOrigin::Filter);
    }
    let params = match parsed {
        Ok(params) => params,
        Err(error) => return shared_error_response(&error),
    };
    let verdict = state.rate_limiter.check(
        spree.rate_limit_mode,
        &spree.limits,
        &Caller {
            controller: route.controller(),
            api_key,
            client_ip: context.client_ip,
            throttle: route.throttle(),
        },
        context.now,
    );
    let rate_limit_headers = match verdict {
        Verdict::Off => Vec::new(),
        Verdict::Proceed(headers) => headers,
        Verdict::Throttled(headers) => {
            let mut response = SpreeError::RateLimitExceeded.response(ResponseOrigin::Filter);
            for (name, value) in headers {
                response = response.with_header(name, value);
            }
            return response;
        }
    };
    let cache_slot = match idempotency_key {
        Some(key) => {
            let principal = customer_id.map(|id| id.to_string());
            let scope = Scope::of(options.idempotency_scope, principal.as_deref());
            let cache_key = idempotency::cache_key(api_key, &scope, key);
            let fingerprint = idempotency::fingerprint(request.method, request.path, request.body);
            match state
                .idempotency
                .lookup(&cache_key, &fingerprint, context.now)
            {
                Lookup::Replay(cached) => {
                    let mut response = ApiResponse::empty(cached.status, ResponseOrigin::Filter)
                        .with_header("idempotent-replayed", "true");
                    response.body = cached.body;
                    response.content_type = cached.content_type;
                    response.replayed = true;
                    return response;
                }
                Lookup::Reused => {
                    return SpreeError::IdempotencyKeyReused.response(ResponseOrigin::Filter);
                }
                Lookup::Miss => Some((cache_key, fingerprint)),
            }
        }
        None => None,
    };
    let currency = request
        .header("x-spree-currency")
        .filter(|currency| !currency.trim().is_empty())
        .unwrap_or("USD")
        .to_owned();
    let input = ActionInput {
        params: &params,
        customer_id,
        currency: &currency,
        request,
        password_check: password_check.as_ref(),
    };
    let (mut response, cacheable) = match run_action(route, &mut state, context, &input) {
        Ok(response) => (response, true),
        Err(error) if rendered_by_action(&error) => (error.response(ResponseOrigin::Action), true),
        Err(error) => (error.response(ResponseOrigin::Filter), false),
    };
    if let Some((cache_key, fingerprint)) = cache_slot
        && cacheable
        && response.status < 500
    {
        state.idempotency.store(
            cache_key,
            fingerprint,
            &response,
            context.now.saturating_add(spree.idempotency_ttl),
            spree.idempotency_cache_size,
        );
    }
    for (name, value) in rate_limit_headers {
        response = response.with_header(name, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_follow_rails_conventions() {
        assert_eq!(
            Route::recognize("POST", "/api/v3/store/customers"),
            Some(Route::Register)
        );
        assert_eq!(
            Route::recognize("POST", "/api/v3/store/customers/"),
            Some(Route::Register)
        );
        assert_eq!(
            Route::recognize("PUT", "/api/v3/store/password_resets/a%3Db"),
            Some(Route::CompletePasswordReset("a=b".into()))
        );
        assert_eq!(Route::recognize("PUT", "/api/v3/store/customers/me"), None);
        assert_eq!(Route::recognize("GET", "/api/v3/store/customers"), None);
        assert_eq!(
            Route::recognize("GET", "/api/v3/store/customers/me/addresses/x/y"),
            None
        );
        assert_eq!(Route::recognize("GET", "/elsewhere"), None);
    }
}
