//! How Spree plugs into the shared server: the `Emulator` impl, Spree's CORS needs, Rails'
//! security headers, Spree's wording of shared-layer errors and its control route.

use super::SpreeEmulator;
use super::errors::SpreeError;
use super::routes;
use crate::control::{ControlError, ControlResult};
use crate::emulator::{Emulator, RequestContext, SharedError};
use crate::http::{ApiRequest, ApiResponse, CorsPolicy, ResponseOrigin};
use crate::options::MockOptions;

/// Prefix of every Store API path.
pub(crate) const STORE_PREFIX: &str = "/api/v3/store";

/// Paths whose `Content-Length` the body-size middleware checks (spec §2.8).
const BODY_LIMIT_PREFIX: &str = "/api/v3/";

/// What `@spree/sdk` and other browser clients send and read.
static CORS: CorsPolicy = CorsPolicy {
    allow_headers: &[
        "idempotency-key",
        "x-spree-api-key",
        "x-spree-locale",
        "x-spree-currency",
        "x-spree-country",
        "x-spree-channel",
    ],
    allow_header_prefixes: &["x-spree-"],
    expose_headers: "Date, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, Idempotent-Replayed, X-Request-Id",
};

/// Security headers Rails adds to action-produced responses (spec §2.4; no HSTS on plain HTTP).
const SECURITY_HEADERS: &[(&str, &str)] = &[
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=()",
    ),
];

/// Spree's response for an error of the shared layer.
pub(crate) fn shared_error_response(error: &SharedError) -> ApiResponse {
    match error {
        SharedError::BodyTooLarge => {
            SpreeError::RequestTooLarge.response(ResponseOrigin::Middleware)
        }
        SharedError::UnknownRoute => SpreeError::RouteNotFound.response(ResponseOrigin::Filter),
        SharedError::MalformedRequest(detail) => SpreeError::InvalidRequest(format!(
            "Error occurred while parsing request parameters: {detail}"
        ))
        .response(ResponseOrigin::Filter),
        SharedError::HeadTooLarge => {
            let mut response =
                SpreeError::InvalidRequest("Request header fields too large".to_owned())
                    .response(ResponseOrigin::Middleware);
            response.status = 431;
            response
        }
    }
}

impl Emulator for SpreeEmulator {
    fn api_base(&self, _options: &MockOptions) -> String {
        STORE_PREFIX.to_owned()
    }

    fn cors(&self) -> &'static CorsPolicy {
        &CORS
    }

    fn body_limit_applies(&self, path: &str) -> bool {
        path.starts_with(BODY_LIMIT_PREFIX)
    }

    fn framework_headers(&self, origin: ResponseOrigin) -> &'static [(&'static str, &'static str)] {
        match origin {
            ResponseOrigin::Action => SECURITY_HEADERS,
            _ => &[],
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

    fn apply_options(&self, options: &MockOptions) {
        SpreeEmulator::apply_options(self, options);
    }

    fn reset(&self, options: &MockOptions, now: i64) {
        SpreeEmulator::reset(self, options, now);
    }

    /// `POST /__mock/addresses/{id}/complete_order`: the address is now referenced by a
    /// completed order, so its next update returns a new id (spec §4.12).
    fn control(
        &self,
        request: &ApiRequest<'_>,
        route: &[&str],
        _context: &RequestContext<'_>,
    ) -> Option<ControlResult> {
        let ("POST", ["addresses", id, "complete_order"]) = (request.method, route) else {
            return None;
        };
        let id = percent_encoding::percent_decode_str(id).decode_utf8_lossy();
        Some(if self.mark_address_ordered(&id) {
            Ok(Some(serde_json::json!({ "id": id, "ordered": true })))
        } else {
            Err(ControlError::not_found("Address not found"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::preflight_headers;

    #[test]
    fn preflight_echoes_spree_headers() {
        let headers = preflight_headers(Some("X-Spree-Custom, X-Evil"), &CORS);
        let allowed = &headers[1].1;
        assert_eq!(
            allowed,
            "authorization, content-type, idempotency-key, x-spree-api-key, x-spree-locale, \
             x-spree-currency, x-spree-country, x-spree-channel, x-spree-custom"
        );
        assert!(!allowed.contains("x-evil"));
    }

    #[test]
    fn shared_errors_use_the_spree_envelope() {
        let too_large = shared_error_response(&SharedError::BodyTooLarge);
        assert_eq!(too_large.status, 413);
        assert_eq!(too_large.origin, ResponseOrigin::Middleware);
        assert_eq!(too_large.content_type.as_deref(), Some("application/json"));
        assert_eq!(
            too_large.body,
            br#"{"error":{"code":"request_too_large","message":"Request body too large"}}"#
        );
        let unknown = shared_error_response(&SharedError::UnknownRoute);
        assert_eq!(
            (unknown.status, unknown.body.as_slice()),
            (
                404,
                &br#"{"error":{"code":"not_found","message":"Not found"}}"#[..]
            )
        );
        let malformed = shared_error_response(&SharedError::MalformedRequest("EOF".into()));
        assert_eq!(
            (malformed.status, malformed.body.as_slice()),
            (
                400,
                &br#"{"error":{"code":"invalid_request","message":"Error occurred while parsing request parameters: EOF"}}"#[..]
            )
        );
        let head = shared_error_response(&SharedError::HeadTooLarge);
        assert_eq!(
            (head.status, head.body.as_slice()),
            (
                431,
                &br#"{"error":{"code":"invalid_request","message":"Request header fields too large"}}"#[..]
            )
        );
    }
}
