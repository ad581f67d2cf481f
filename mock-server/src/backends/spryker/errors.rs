//! The error catalogue (spec §1.4, `error-codes.json`) and the `{"errors":[…]}` document.
//!
//! Codes are strings with their leading zeros; the HTTP status differs from the code where the
//! catalogue says so. Each error object keeps the key order in which the emitting Spryker code
//! sets its fields (transfers serialise modified properties in that order), and Glue's own
//! errors (unknown route, unreadable body, missing id) carry no code at all.

use super::php_json::php_json;
use super::resources::JSON_API_CONTENT_TYPE;
use crate::http::{ApiResponse, ResponseOrigin};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::borrow::Cow;

/// `WWW-Authenticate` of every response with a 401 error.
const WWW_AUTHENTICATE: &str = "Bearer realm=\"Access to shop API\"";

/// Detail of code `400` since 2022-09.
pub(crate) const DUPLICATE_EMAIL_CURRENT: &str = "If this email address is already in use, you will receive a password reset link. Otherwise you must first validate your e-mail address to finish registration. Please check your e-mail.";
/// Detail of code `400` before 2022-09.
pub(crate) const DUPLICATE_EMAIL_LEGACY: &str = "Customer with this email already exists.";

/// The order in which the emitting code sets an error's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyOrder {
    /// Customers and validation errors, `003`, `004`, `4401`.
    CodeStatusDetail,
    /// `001`, `002` (`AccessTokenValidator`).
    DetailStatusCode,
    /// `005` (`SimultaneousAuthenticationRestRequestValidator`).
    StatusCodeDetail,
    /// Glue's request checks: detail set, the status added by the formatter.
    DetailStatus,
    /// Glue's error controller: status, then detail.
    StatusDetail,
}

/// One entry of an error document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GlueError {
    code: Option<&'static str>,
    status: u16,
    detail: Cow<'static, str>,
    order: KeyOrder,
}

impl GlueError {
    fn coded(code: &'static str, status: u16, detail: impl Into<Cow<'static, str>>) -> Self {
        Self {
            code: Some(code),
            status,
            detail: detail.into(),
            order: KeyOrder::CodeStatusDetail,
        }
    }

    fn glue(status: u16, detail: &'static str, order: KeyOrder) -> Self {
        Self {
            code: None,
            status,
            detail: Cow::Borrowed(detail),
            order,
        }
    }

    /// The HTTP status of this entry.
    pub(crate) fn status(&self) -> u16 {
        self.status
    }

    /// `001`/401: a token that does not verify, has expired or is not valid yet.
    pub(crate) fn access_token_invalid() -> Self {
        Self {
            order: KeyOrder::DetailStatusCode,
            ..Self::coded("001", 401, "Invalid access token.")
        }
    }

    /// `002`/403: a protected resource without `Authorization`.
    pub(crate) fn access_token_missing() -> Self {
        Self {
            order: KeyOrder::DetailStatusCode,
            ..Self::coded("002", 403, "Missing access token.")
        }
    }

    /// `003`: a failed login of any kind (401, or the unconfirmed-login status).
    pub(crate) fn login_failed(status: u16) -> Self {
        Self::coded("003", status, "Failed to authenticate user.")
    }

    /// `004`/401: an unknown, expired or spent refresh token.
    pub(crate) fn refresh_failed() -> Self {
        Self::coded("004", 401, "Failed to refresh token.")
    }

    /// `005`/400: the anonymous-customer header together with `Authorization`.
    pub(crate) fn anonymous_with_token() -> Self {
        Self {
            order: KeyOrder::StatusCodeDetail,
            ..Self::coded(
                "005",
                400,
                "Headers request error. A user can't act as logged and not logged user at the same time.",
            )
        }
    }

    /// `901`/422: one violated constraint, `"<property> => <message>"`.
    pub(crate) fn validation(property: &str, message: &str) -> Self {
        Self::coded("901", 422, format!("{property} => {message}"))
    }

    /// `4401`/429: the SecurityBlocker refuses logins from this address for a while.
    pub(crate) fn too_many_logins(minutes: i64) -> Self {
        Self::coded(
            "4401",
            429,
            format!(
                "Too many log in attempts from your address. Please wait {minutes} minutes before trying again."
            ),
        )
    }

    /// `400`/422: the email is already in use (the wording the option picks).
    pub(crate) fn customer_already_exists(detail: &'static str) -> Self {
        Self::coded("400", 422, detail)
    }

    /// `402`/404.
    pub(crate) fn customer_not_found() -> Self {
        Self::coded("402", 404, "Customer not found.")
    }

    /// `404`/404.
    pub(crate) fn address_not_found() -> Self {
        Self::coded("404", 404, "Address was not found.")
    }

    /// `405`/400: a customer path without its reference.
    pub(crate) fn customer_reference_missing() -> Self {
        Self::coded("405", 400, "Customer reference is missing.")
    }

    /// `406`/422: `field` and `confirm_field` differ.
    pub(crate) fn passwords_differ(field: &str, confirm_field: &str) -> Self {
        Self::coded(
            "406",
            422,
            format!(
                "Value in field {field} should be identical to value in the {confirm_field} field."
            ),
        )
    }

    /// `408`/400: the current password is wrong (or the new one is a single character).
    pub(crate) fn invalid_password() -> Self {
        Self::coded("408", 400, "Invalid password")
    }

    /// `409`/400: the address could not be saved (an unknown country).
    pub(crate) fn address_not_saved() -> Self {
        Self::coded("409", 400, "Failed to save customer address.")
    }

    /// `411`: the reference is not the caller's (403, or 404 on an API Platform read).
    pub(crate) fn customer_unauthorized(status: u16) -> Self {
        Self::coded("411", status, "Unauthorized request.")
    }

    /// `412`/400: an address path without its UUID.
    pub(crate) fn address_uuid_missing() -> Self {
        Self::coded("412", 400, "Address UUID is missing.")
    }

    /// `413`/400: `acceptedTerms` missing or null.
    pub(crate) fn terms_not_accepted() -> Self {
        Self::coded("413", 400, "Terms and Conditions was not accepted.")
    }

    /// `415`/422: unknown, used or expired restore key.
    pub(crate) fn restore_key_invalid() -> Self {
        Self::coded("415", 422, "Restore password key is not valid.")
    }

    /// `416`/422: an address the Zed layer refuses after Glue accepted it.
    pub(crate) fn email_invalid() -> Self {
        Self::coded("416", 422, "Invalid Email address format.")
    }

    /// `417`/422: an email over 100 characters.
    pub(crate) fn email_too_long() -> Self {
        Self::coded(
            "417",
            422,
            "Email is too long. It should have 100 characters or less.",
        )
    }

    /// `419`/400: the Zed policy's maximum length.
    pub(crate) fn password_too_long() -> Self {
        Self::coded("419", 400, "The password is too long.")
    }

    /// `423`/422: unknown or used registration key.
    pub(crate) fn confirmation_invalid() -> Self {
        Self::coded(
            "423",
            422,
            "This email confirmation code is invalid or has been already used.",
        )
    }

    /// `424`/422: a registration key PHP reads as false (`"0"`).
    pub(crate) fn confirmation_key_missing() -> Self {
        Self::coded("424", 422, "Token is invalid.")
    }

    /// Glue's 404 for an unknown resource, type or method.
    pub(crate) fn not_found() -> Self {
        Self::glue(404, "Not Found", KeyOrder::StatusDetail)
    }

    /// Glue's 400 for a body without `data.type` and `data.attributes`.
    pub(crate) fn post_data_invalid() -> Self {
        Self::glue(400, "Post data is invalid.", KeyOrder::DetailStatus)
    }

    /// Glue's 400 for a `data.type` that is not the resource's.
    pub(crate) fn invalid_type() -> Self {
        Self::glue(400, "Invalid type.", KeyOrder::DetailStatus)
    }

    /// Glue's 400 for `PATCH`/`DELETE` without a resource id.
    pub(crate) fn resource_id_missing() -> Self {
        Self::glue(400, "Resource id is not specified.", KeyOrder::DetailStatus)
    }

    /// 413 for a body over the mock's size limit.
    pub(crate) fn content_too_large() -> Self {
        Self::glue(413, "Content Too Large", KeyOrder::StatusDetail)
    }

    /// 431 for a request head over the mock's limits.
    pub(crate) fn header_fields_too_large() -> Self {
        Self::glue(
            431,
            "Request Header Fields Too Large",
            KeyOrder::StatusDetail,
        )
    }
}

impl Serialize for GlueError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        let detail = self.detail.as_ref();
        match (self.order, self.code) {
            (KeyOrder::CodeStatusDetail, Some(code)) => {
                map.serialize_entry("code", code)?;
                map.serialize_entry("status", &self.status)?;
                map.serialize_entry("detail", detail)?;
            }
            (KeyOrder::DetailStatusCode, Some(code)) => {
                map.serialize_entry("detail", detail)?;
                map.serialize_entry("status", &self.status)?;
                map.serialize_entry("code", code)?;
            }
            (KeyOrder::StatusCodeDetail, Some(code)) => {
                map.serialize_entry("status", &self.status)?;
                map.serialize_entry("code", code)?;
                map.serialize_entry("detail", detail)?;
            }
            (KeyOrder::StatusDetail, _) => {
                map.serialize_entry("status", &self.status)?;
                map.serialize_entry("detail", detail)?;
            }
            _ => {
                map.serialize_entry("detail", detail)?;
                map.serialize_entry("status", &self.status)?;
            }
        }
        map.end()
    }
}

/// The errors an operation ends with (one, or several `901`s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Errors(pub(crate) Vec<GlueError>);

impl From<GlueError> for Errors {
    fn from(error: GlueError) -> Self {
        Self(vec![error])
    }
}

impl From<Vec<GlueError>> for Errors {
    fn from(errors: Vec<GlueError>) -> Self {
        Self(errors)
    }
}

/// What an operation answers: its response, or its errors.
pub(crate) type Outcome = Result<ApiResponse, Errors>;

#[derive(serde::Serialize)]
struct ErrorDocument<'a> {
    errors: &'a [GlueError],
}

/// The error document for `errors` (never empty in practice): the status of the last entry,
/// as Glue's formatter keeps it, and `WWW-Authenticate` when any entry is a 401.
pub(crate) fn errors_response(errors: &[GlueError]) -> ApiResponse {
    let status = errors.last().map_or(400, GlueError::status);
    let mut response = ApiResponse::json(
        status,
        php_json(&ErrorDocument { errors }),
        ResponseOrigin::Action,
    );
    response.content_type = Some(JSON_API_CONTENT_TYPE.to_owned());
    if errors.iter().any(|error| error.status == 401) {
        response = response.with_header("www-authenticate", WWW_AUTHENTICATE);
    }
    response
}

impl GlueError {
    /// The document of this one error.
    pub(crate) fn response(self) -> ApiResponse {
        errors_response(std::slice::from_ref(&self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(response: &ApiResponse) -> &str {
        std::str::from_utf8(&response.body).expect("ASCII")
    }

    #[test]
    fn codes_keep_their_leading_zeros_and_the_emitters_key_order() {
        let invalid = GlueError::access_token_invalid().response();
        assert_eq!(invalid.status, 401);
        assert_eq!(
            body(&invalid),
            r#"{"errors":[{"detail":"Invalid access token.","status":401,"code":"001"}]}"#
        );
        assert!(
            invalid
                .headers
                .contains(&("www-authenticate".into(), WWW_AUTHENTICATE.into()))
        );
        let anonymous = GlueError::anonymous_with_token().response();
        assert!(body(&anonymous).starts_with(r#"{"errors":[{"status":400,"code":"005","detail":"#));
        assert!(anonymous.headers.is_empty());
        assert_eq!(
            body(&GlueError::customer_not_found().response()),
            r#"{"errors":[{"code":"402","status":404,"detail":"Customer not found."}]}"#
        );
        assert_eq!(
            body(&GlueError::not_found().response()),
            r#"{"errors":[{"status":404,"detail":"Not Found"}]}"#
        );
        assert_eq!(
            body(&GlueError::post_data_invalid().response()),
            r#"{"errors":[{"detail":"Post data is invalid.","status":400}]}"#
        );
    }

    #[test]
    fn statuses_differ_from_codes_where_the_catalogue_says() {
        assert_eq!(
            GlueError::customer_already_exists(DUPLICATE_EMAIL_CURRENT).status(),
            422
        );
        assert_eq!(GlueError::passwords_differ("a", "b").status(), 422);
        assert_eq!(GlueError::invalid_password().status(), 400);
        assert_eq!(GlueError::customer_unauthorized(404).code, Some("411"));
        assert_eq!(GlueError::too_many_logins(5).status(), 429);
    }

    /// PHP's `JSON_HEX_TAG` writes the `>` of `=>` as `\u003E` on the wire.
    #[test]
    fn several_errors_answer_with_the_last_status() {
        let response = errors_response(&[
            GlueError::validation("email", "This value should not be blank."),
            GlueError::validation("password", "This field is missing."),
        ]);
        assert_eq!(response.status, 422);
        assert_eq!(
            body(&response),
            r#"{"errors":[{"code":"901","status":422,"detail":"email =\u003E This value should not be blank."},{"code":"901","status":422,"detail":"password =\u003E This field is missing."}]}"#
        );
        assert_eq!(
            response.content_type.as_deref(),
            Some(JSON_API_CONTENT_TYPE)
        );
    }
}
