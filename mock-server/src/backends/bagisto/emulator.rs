//! How Bagisto plugs into the shared server: the `Emulator` impl, the CORS allow-list of the
//! package's clients, Laravel's `Cache-Control`, and Bagisto's wording of shared-layer errors.

use super::BagistoEmulator;
use super::problem::{self, Problem};
use super::routes::{self, SHOP_PREFIX};
use crate::emulator::{Emulator, RequestContext, SharedError};
use crate::http::{ApiRequest, ApiResponse, CorsPolicy, ResponseOrigin};
use crate::options::MockOptions;

/// What storefront clients send (`X-STOREFRONT-KEY` and the optional context headers) and
/// read (the rate-limit headers).
static CORS: CorsPolicy = CorsPolicy {
    allow_headers: &["x-storefront-key", "x-locale", "x-currency", "x-channel"],
    allow_header_prefixes: &[],
    expose_headers: "X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset",
};

/// Laravel's default `Cache-Control` on every response it produces.
const LARAVEL_HEADERS: &[(&str, &str)] = &[("cache-control", "no-cache, private")];

/// Bagisto's response for an error of the shared layer: an HTML page for a body over the limit
/// or an unknown route, `Syntax error` problem JSON for a body that does not parse.
pub(crate) fn shared_error_response(error: &SharedError) -> ApiResponse {
    match error {
        SharedError::BodyTooLarge => problem::too_large_page(),
        SharedError::UnknownRoute => problem::not_found_page(),
        SharedError::MalformedRequest(_) => Problem::bad_request("Syntax error").response(),
    }
}

impl Emulator for BagistoEmulator {
    fn api_base(&self, _options: &MockOptions) -> String {
        SHOP_PREFIX.to_owned()
    }

    fn cors(&self) -> &'static CorsPolicy {
        &CORS
    }

    fn framework_headers(&self, origin: ResponseOrigin) -> &'static [(&'static str, &'static str)] {
        match origin {
            ResponseOrigin::Action | ResponseOrigin::Filter => LARAVEL_HEADERS,
            ResponseOrigin::Middleware | ResponseOrigin::Mock => &[],
        }
    }

    fn handle(
        &self,
        request: &ApiRequest<'_>,
        context: &RequestContext<'_>,
    ) -> Option<ApiResponse> {
        routes::handle(self, request, context)
    }

    fn error_response(&self, error: &SharedError) -> ApiResponse {
        shared_error_response(error)
    }

    /// Nothing stored depends on the options: token expiry and rate limits read them per
    /// request.
    fn apply_options(&self, _options: &MockOptions) {}

    fn reset(&self, options: &MockOptions, _now: i64) {
        BagistoEmulator::reset(self, options);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::preflight_headers;

    #[test]
    fn preflights_allow_the_storefront_headers() {
        let headers = preflight_headers(Some("X-STOREFRONT-KEY, X-Evil"), &CORS);
        assert_eq!(
            headers[1].1,
            "authorization, content-type, x-storefront-key, x-locale, x-currency, x-channel"
        );
    }

    #[test]
    fn shared_errors_never_answer_5xx() {
        for error in [
            SharedError::BodyTooLarge,
            SharedError::UnknownRoute,
            SharedError::MalformedRequest("EOF".into()),
        ] {
            let response = shared_error_response(&error);
            assert!(response.status < 500, "{error:?}");
        }
        let malformed = shared_error_response(&SharedError::MalformedRequest("EOF".into()));
        assert_eq!(malformed.status, 400);
    }
}
