//! How Magento plugs into the shared server: the `Emulator` impl, Magento's CORS needs and
//! its wording of shared-layer errors.

use super::MagentoEmulator;
use super::graphql::StoreAccounts;
use super::rest::{self, errors::webapi_error, routes::REST_PREFIX};
use crate::emulator::{Emulator, RequestContext, SharedError};
use crate::http::{ApiRequest, ApiResponse, CorsPolicy};
use crate::options::MockOptions;

/// The API base the mock reports: the default store's REST root.
const API_BASE: &str = "/rest/default";
/// The GraphQL endpoint.
const GRAPHQL_PATH: &str = "/graphql";

/// What storefront clients of Magento send (spec §1.2, magento-graphql §1) and read.
static CORS: CorsPolicy = CorsPolicy {
    allow_headers: &[
        "accept",
        "store",
        "x-recaptcha",
        "x-captcha",
        "x-requested-with",
        "content-currency",
    ],
    allow_header_prefixes: &[],
    expose_headers: "Date, X-Request-Id",
};

/// Magento's answer for an error of the shared layer: always a JSON `message`.
pub(crate) fn shared_error_response(error: &SharedError) -> ApiResponse {
    match error {
        SharedError::BodyTooLarge => webapi_error(413, "Request body is too large."),
        SharedError::UnknownRoute => rest::errors::no_route(),
        SharedError::MalformedRequest(_) => webapi_error(400, "Decoding error."),
    }
}

impl Emulator for MagentoEmulator {
    fn api_base(&self, _options: &MockOptions) -> String {
        API_BASE.to_owned()
    }

    fn cors(&self) -> &'static CorsPolicy {
        &CORS
    }

    fn body_limit_applies(&self, path: &str) -> bool {
        path.starts_with(REST_PREFIX) || path == GRAPHQL_PATH
    }

    fn handle(
        &self,
        request: &ApiRequest<'_>,
        context: &RequestContext<'_>,
    ) -> Option<ApiResponse> {
        if request.path == GRAPHQL_PATH {
            let accounts = StoreAccounts::new(&self.store, context);
            return Some(
                self.graphql
                    .handle(request, &accounts, &context.options.magento.graphql),
            );
        }
        rest::handle(&self.store, request, context)
    }

    fn error_response(&self, error: &SharedError) -> ApiResponse {
        shared_error_response(error)
    }

    fn apply_options(&self, options: &MockOptions) {
        self.store.apply_options(options);
    }

    fn reset(&self, options: &MockOptions, now: i64) {
        self.store.reset(options, now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::preflight_headers;

    #[test]
    fn preflights_allow_magentos_headers() {
        let headers = preflight_headers(Some("Store, X-ReCaptcha, X-Evil"), &CORS);
        assert_eq!(
            headers[1].1,
            "authorization, content-type, accept, store, x-recaptcha, x-captcha, x-requested-with, content-currency"
        );
    }

    #[test]
    fn shared_errors_are_messages() {
        for (error, status, body) in [
            (
                SharedError::UnknownRoute,
                404,
                r#"{"message":"Request does not match any route."}"#,
            ),
            (
                SharedError::MalformedRequest("x".into()),
                400,
                r#"{"message":"Decoding error."}"#,
            ),
            (
                SharedError::BodyTooLarge,
                413,
                r#"{"message":"Request body is too large."}"#,
            ),
        ] {
            let response = shared_error_response(&error);
            assert_eq!(
                (response.status, response.body.as_slice()),
                (status, body.as_bytes())
            );
        }
    }
}
