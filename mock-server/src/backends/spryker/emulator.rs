//! How Spryker plugs into the shared server: the `Emulator` impl at the host root, Glue's CORS
//! allow-list, and Glue's wording of the shared layer's errors.

use super::SprykerEmulator;
use super::errors::GlueError;
use super::routes;
use crate::emulator::{Emulator, RequestContext, SharedError};
use crate::http::{ApiRequest, ApiResponse, CorsPolicy};
use crate::options::MockOptions;

/// `GlueApplicationConfig::getCorsAllowedHeaders()` of the demo shop (`authorization` and
/// `content-type` are the shared base).
static CORS: CorsPolicy = CorsPolicy {
    allow_headers: &[
        "accept",
        "content-language",
        "accept-language",
        "x-anonymous-customer-unique-id",
    ],
    allow_header_prefixes: &[],
    expose_headers: "WWW-Authenticate, Content-Language, Date, X-Request-Id",
};

/// Glue's answer to an error of the shared layer: a body over the limit (413), an unknown
/// resource (Glue's 404 "Not Found") and unreadable JSON, which Glue decodes to nothing and
/// so refuses as "Post data is invalid.".
pub(crate) fn shared_error_response(error: &SharedError) -> ApiResponse {
    match error {
        SharedError::BodyTooLarge => GlueError::content_too_large(),
        SharedError::UnknownRoute => GlueError::not_found(),
        SharedError::MalformedRequest(_) => GlueError::post_data_invalid(),
        SharedError::HeadTooLarge => GlueError::header_fields_too_large(),
    }
    .response()
}

impl Emulator for SprykerEmulator {
    fn api_base(&self, _options: &MockOptions) -> String {
        String::new()
    }

    fn cors(&self) -> &'static CorsPolicy {
        &CORS
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

    fn check_options(&self, options: &MockOptions) -> Result<(), String> {
        SprykerEmulator::check_options(options)
    }

    fn apply_options(&self, options: &MockOptions) {
        SprykerEmulator::apply_options(self, options);
    }

    fn reset(&self, options: &MockOptions, now: i64) {
        SprykerEmulator::reset(self, options, now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::preflight_headers;

    #[test]
    fn preflights_allow_glues_headers() {
        let headers = preflight_headers(Some("X-Anonymous-Customer-Unique-Id"), &CORS);
        assert_eq!(
            headers[1].1,
            "authorization, content-type, accept, content-language, accept-language, \
             x-anonymous-customer-unique-id"
        );
    }

    #[test]
    fn shared_errors_are_glue_error_documents() {
        let cases = [
            (
                SharedError::BodyTooLarge,
                413,
                r#"{"errors":[{"status":413,"detail":"Content Too Large"}]}"#,
            ),
            (
                SharedError::UnknownRoute,
                404,
                r#"{"errors":[{"status":404,"detail":"Not Found"}]}"#,
            ),
            (
                SharedError::MalformedRequest("EOF".into()),
                400,
                r#"{"errors":[{"detail":"Post data is invalid.","status":400}]}"#,
            ),
            (
                SharedError::HeadTooLarge,
                431,
                r#"{"errors":[{"status":431,"detail":"Request Header Fields Too Large"}]}"#,
            ),
        ];
        for (error, status, body) in cases {
            let response = shared_error_response(&error);
            assert_eq!(response.status, status);
            assert_eq!(response.body, body.as_bytes());
            assert_eq!(
                response.content_type.as_deref(),
                Some("application/vnd.api+json")
            );
        }
    }
}
