//! Bagisto's error bodies as the unified errors (`bagisto.md` §1.2, §1.3):
//! the storefront-key middleware's `{message, error}`, problem JSON
//! `{type, title, status, detail}` (Laravel's `{message, errors}` too), and
//! the 2xx soft failures `{success: false, message}` of login, logout and
//! the reset request. Messages are matched as the package's English
//! language file writes them.

use std::time::Duration;

use crate::backend::ApiRequest;
use crate::backend::support::{self, api_error, unrecognised_error};
use crate::error::{ApiError, Error, FieldError, body_snippet};
use crate::json::Json;
use crate::transport::HttpResponse;

/// The SDK operation of a login (its 401s and soft failures are about the
/// credentials).
pub(super) const LOGIN: &str = "auth.login";

/// The error kinds Bagisto's bodies map to.
#[derive(Clone, Copy)]
enum Kind {
    Credentials,
    Unauthenticated,
    Validation,
    NotFound,
    Forbidden,
    Conflict,
    Api,
    Server,
    Config,
}

/// Success, or the error `response` stands for whatever its status.
pub(super) fn classify(request: &ApiRequest, response: &HttpResponse) -> Result<(), Error> {
    if !(200..300).contains(&response.status) {
        return Err(error(request, response));
    }
    match soft_failure(response) {
        Some(message) => {
            let (kind, code) = soft_kind(request, &message);
            let details = match code {
                "validation_error" => field_details(&message),
                _ => Vec::new(),
            };
            Err(build(response, kind, code, &message, &message, details))
        }
        None => Ok(()),
    }
}

/// How long a 429 asks to wait: the body's `retry_after`, in seconds (the
/// key middleware sends no `Retry-After` header).
pub(super) fn body_retry_after(response: &HttpResponse) -> Option<Duration> {
    match Json::parse(&response.body)?.member("retry_after")? {
        Json::Number(seconds) if *seconds >= 0.0 => Duration::try_from_secs_f64(*seconds).ok(),
        _ => None,
    }
}

/// The message of a 2xx body with `"success": false`.
fn soft_failure(response: &HttpResponse) -> Option<String> {
    // Most successful bodies have no `success` member: skip parsing those.
    if !response
        .body
        .windows(9)
        .any(|window| window == b"\"success\"")
    {
        return None;
    }
    let json = Json::parse(&response.body)?;
    if !matches!(json.member("success")?, Json::Bool(false)) {
        return None;
    }
    Some(match json.member("message") {
        Some(Json::String(message)) => message.clone(),
        _ => String::new(),
    })
}

/// The unified kind and code of a soft failure (§2.2, §2.3, §2.5).
fn soft_kind(request: &ApiRequest, message: &str) -> (Kind, &'static str) {
    match message.trim() {
        "Invalid email or password" => (Kind::Credentials, "authentication_failed"),
        "Your account has been suspended" => (Kind::Credentials, "account_locked"),
        "Invalid login request" | "Invalid operation" | "Invalid input data" => {
            (Kind::Api, "invalid_request")
        }
        // The reset request of an unknown email (or a throttled one): the
        // reset plan turns it into success.
        "Email address not found" => (Kind::NotFound, "record_not_found"),
        "Email is required" => (Kind::Validation, "validation_error"),
        "An error occurred while sending reset link" | "Error during logout" => {
            (Kind::Server, "processing_error")
        }
        "Unauthenticated. Please login to perform this action"
        | "Token is required"
        | "Invalid token format"
        | "Token not found or already expired" => {
            (Kind::Unauthenticated, "authentication_required")
        }
        // Whatever else a login answers is about the credentials.
        _ if request.operation == LOGIN => (Kind::Credentials, "authentication_failed"),
        _ => (Kind::Api, "processing_error"),
    }
}

/// The error of a non-2xx response.
fn error(request: &ApiRequest, response: &HttpResponse) -> Error {
    let Some(json) = Json::parse(&response.body) else {
        return unrecognised_error(response, "not JSON: is the base URL the shop API's origin?");
    };
    let text = |name: &str| match json.member(name) {
        Some(Json::String(text)) => Some(text.as_str()),
        _ => None,
    };
    let status = response.status;
    // The storefront-key middleware (§1.2): `error` is its code.
    if let Some(code) = text("error") {
        let message = text("message").unwrap_or_default();
        let (kind, unified) = match status {
            401 | 403 => (Kind::Config, "invalid_token"),
            429 => (Kind::Api, "rate_limit_exceeded"),
            _ => (Kind::Api, "invalid_request"),
        };
        let mut error = build(response, kind, unified, code, message, Vec::new());
        if let Error::RateLimited { retry_after, .. } = &mut error {
            *retry_after = body_retry_after(response);
        }
        return error;
    }
    // Problem JSON (`title` is the raw code), else Laravel's own
    // `{message, errors}` (the message is).
    let (backend_code, message) = match (text("title"), text("detail"), text("message")) {
        (Some(title), detail, _) => (title.to_owned(), detail.unwrap_or(title)),
        (None, Some(detail), _) => (status.to_string(), detail),
        (None, None, Some(message)) => (message.to_owned(), message),
        (None, None, None) => return unrecognised_error(response, "not a Bagisto error body"),
    };
    let (kind, code) = status_kind(request, status, message);
    let details = match code {
        "validation_error" => match json.member("errors") {
            Some(Json::Object(errors)) => errors
                .iter()
                .map(|(attribute, messages)| {
                    let messages = match messages {
                        Json::Array(items) => items
                            .iter()
                            .filter_map(|item| match item {
                                Json::String(message) => Some(message.clone()),
                                _ => None,
                            })
                            .collect(),
                        Json::String(message) => vec![message.clone()],
                        _ => Vec::new(),
                    };
                    FieldError::new(attribute.as_str(), request_field(attribute), messages)
                })
                .collect(),
            _ => field_details(message),
        },
        _ => Vec::new(),
    };
    build(response, kind, code, &backend_code, message, details)
}

/// The unified kind and code of a problem (or Laravel) body.
fn status_kind(request: &ApiRequest, status: u16, message: &str) -> (Kind, &'static str) {
    match status {
        401 if request.operation == LOGIN => (Kind::Credentials, "authentication_failed"),
        // A body `id` that is not the caller's; never a reason to sign out.
        401 if message.starts_with("Unauthorized: Cannot update") => {
            (Kind::Forbidden, "access_denied")
        }
        401 => (Kind::Unauthenticated, "authentication_required"),
        // An unknown address and another customer's are both 403 (§2.9).
        403 if request.operation.starts_with("customer.addresses.")
            || message.starts_with("Address not found") =>
        {
            (Kind::NotFound, "record_not_found")
        }
        403 => (Kind::Forbidden, "access_denied"),
        404 => (Kind::NotFound, "record_not_found"),
        409 => (Kind::Conflict, "conflict"),
        413 => (Kind::Api, "request_too_large"),
        429 => (Kind::Api, "rate_limit_exceeded"),
        500.. => (Kind::Server, "server_error"),
        400 | 422 => match message {
            "The current password you entered is incorrect" => {
                (Kind::Api, "current_password_invalid")
            }
            "Address ID is required" | "Customer ID is required" => (Kind::Api, "invalid_request"),
            _ if message.starts_with("Invalid ID format") => (Kind::Api, "invalid_request"),
            _ => (Kind::Validation, "validation_error"),
        },
        _ => (Kind::Api, "invalid_request"),
    }
}

/// The error of `kind` (5xx and 429 by status whatever the kind).
fn build(
    response: &HttpResponse,
    kind: Kind,
    code: &str,
    backend_code: &str,
    message: &str,
    details: Vec<FieldError>,
) -> Error {
    let api = ApiError::new(response.status, code, backend_code, message).with_details(details);
    api_error(response, api, |api| match kind {
        Kind::Credentials => Error::InvalidCredentials(api),
        Kind::Unauthenticated => Error::Unauthenticated {
            refreshed: false,
            api: Some(api),
        },
        Kind::Validation => Error::Validation(api),
        Kind::NotFound => Error::NotFound(api),
        Kind::Forbidden => Error::Forbidden(api),
        Kind::Conflict => Error::Conflict(api),
        Kind::Api => Error::Api(api),
        Kind::Server => Error::Server {
            status: response.status,
            retry_after: None,
            api: Some(api),
            body_snippet: body_snippet(&response.body),
        },
        Kind::Config => Error::Config {
            message: "the storefront key (X-STOREFRONT-KEY) is missing or was rejected".into(),
            api: Some(api),
        },
    })
}

/// Custom messages, thrown one at a time, by how they start, and the
/// attribute they are about.
const CUSTOM: [(&str, &str); 6] = [
    (
        "Password and confirm password do not match",
        "password_confirmation",
    ),
    ("Confirm password is required", "password_confirmation"),
    ("Current password is required", "current_password"),
    ("Mobile number can only contain digits", "phone"),
    ("Invalid gender value", "gender"),
    ("Email is required", "email"),
];

/// Laravel's attribute names as its messages spell them (`The first name
/// field is required.`).
const SPELLED: [(&str, &str); 9] = [
    ("first name", "first_name"),
    ("last name", "last_name"),
    ("email", "email"),
    ("phone", "phone"),
    ("password", "password"),
    ("date of birth", "date_of_birth"),
    ("gender", "gender"),
    ("current password", "current_password"),
    ("confirm password", "password_confirmation"),
];

/// The fields a validation message names: a custom message whole, else
/// each of Laravel's messages (joined by single spaces) on the attribute it
/// names.
fn field_details(message: &str) -> Vec<FieldError> {
    if let Some((_, attribute)) = CUSTOM.iter().find(|(start, _)| message.starts_with(start)) {
        return vec![FieldError::new(
            *attribute,
            request_field(attribute),
            vec![message.to_owned()],
        )];
    }
    let mut details: Vec<FieldError> = Vec::new();
    for sentence in support::split_inclusive(message, ". ").map(str::trim) {
        let Some(attribute) = attribute_of(sentence) else {
            continue;
        };
        match details
            .iter_mut()
            .find(|known| known.attribute == attribute)
        {
            Some(known) => known.messages.push(sentence.to_owned()),
            None => details.push(FieldError::new(
                attribute.as_str(),
                request_field(&attribute),
                vec![sentence.to_owned()],
            )),
        }
    }
    details
}

/// The attribute one Laravel or API Platform message is about.
fn attribute_of(sentence: &str) -> Option<String> {
    let rest = sentence.strip_prefix("The ")?;
    // API Platform quotes the wire name: `The "address1" field must be…`.
    if let Some(quoted) = rest.strip_prefix('"') {
        return quoted.split_once('"').map(|(name, _)| name.to_owned());
    }
    if support::contains(rest, "confirmation does not match") {
        return Some("password_confirmation".into());
    }
    let rest = rest.strip_prefix("selected ").unwrap_or(rest);
    let spelled = SPELLED
        .iter()
        .filter(|(spelled, _)| {
            rest.strip_prefix(spelled)
                .is_some_and(|after| after.starts_with(' '))
        })
        .max_by_key(|(spelled, _)| spelled.len());
    match spelled {
        Some((_, attribute)) => Some((*attribute).into()),
        // Another attribute: `The device token field must be a string.`
        None => support::split_once(rest, " field ").map(|(name, _)| name.replace(' ', "_")),
    }
}

/// Bagisto's attribute names (validator keys and wire names) as the SDK's
/// request fields.
fn request_field(attribute: &str) -> Option<&'static str> {
    Some(match attribute {
        "first_name" | "firstName" => "first_name",
        "last_name" | "lastName" => "last_name",
        "email" => "email",
        "phone" => "phone",
        "password" => "password",
        "password_confirmation" | "confirm_password" | "confirmPassword" => "password_confirmation",
        "current_password" | "currentPassword" => "current_password",
        "date_of_birth" | "dateOfBirth" => "date_of_birth",
        "gender" => "gender",
        "subscribedToNewsLetter" => "accepts_email_marketing",
        "address1" => "address1",
        "address2" => "address2",
        "city" => "city",
        "postcode" => "postal_code",
        "country" => "country_iso",
        "state" => "state_abbr",
        "companyName" | "company_name" => "company",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::Method;

    fn response(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    fn request(operation: &'static str) -> ApiRequest {
        ApiRequest::new(operation, Method::Post, "/")
    }

    /// The error `body` at `status` stands for on `operation`.
    fn failure(operation: &'static str, status: u16, body: &str) -> Error {
        classify(&request(operation), &response(status, body)).unwrap_err()
    }

    /// Kind (its `code()` and the debug name's start), backend code.
    fn assert_error(error: &Error, kind: &str, code: &str, backend_code: &str) {
        assert!(format!("{error:?}").starts_with(kind), "{kind}: {error:?}");
        assert_eq!(error.code(), code, "{error:?}");
        assert_eq!(error.backend_code(), Some(backend_code), "{error:?}");
    }

    #[test]
    fn every_soft_failure_of_the_spec_is_a_failure_at_201() {
        let cases: [(&str, &str, &str, &str); 15] = [
            (
                LOGIN,
                "Invalid email or password",
                "InvalidCredentials",
                "authentication_failed",
            ),
            (
                LOGIN,
                "Your account has been suspended",
                "InvalidCredentials",
                "account_locked",
            ),
            (LOGIN, "Invalid login request", "Api", "invalid_request"),
            (
                "auth.logout",
                "Unauthenticated. Please login to perform this action",
                "Unauthenticated",
                "authentication_required",
            ),
            (
                "auth.logout",
                "Token not found or already expired",
                "Unauthenticated",
                "authentication_required",
            ),
            (
                "auth.logout",
                "Token is required",
                "Unauthenticated",
                "authentication_required",
            ),
            (
                "auth.logout",
                "Invalid token format",
                "Unauthenticated",
                "authentication_required",
            ),
            (
                "auth.logout",
                "Error during logout",
                "Server",
                "processing_error",
            ),
            ("auth.logout", "Invalid operation", "Api", "invalid_request"),
            (
                "password_resets.create",
                "Email address not found",
                "NotFound",
                "record_not_found",
            ),
            (
                "password_resets.create",
                "Email is required",
                "Validation",
                "validation_error",
            ),
            (
                "password_resets.create",
                "An error occurred while sending reset link",
                "Server",
                "processing_error",
            ),
            (
                "password_resets.create",
                "Invalid input data",
                "Api",
                "invalid_request",
            ),
            (
                "password_resets.create",
                "Something new",
                "Api",
                "processing_error",
            ),
            (
                LOGIN,
                "Ungültige E-Mail oder Passwort",
                "InvalidCredentials",
                "authentication_failed",
            ),
        ];
        for (operation, message, kind, code) in cases {
            let body = match operation {
                LOGIN => format!(
                    r#"{{"id":0,"_id":0,"apiToken":"","token":"","success":false,"message":"{message}"}}"#
                ),
                _ => format!(r#"{{"success":false,"message":"{message}"}}"#),
            };
            let error = failure(operation, 201, &body);
            assert_error(&error, kind, code, message);
            assert_eq!(error.status(), Some(201));
            assert_eq!(error.api().unwrap().message, message);
        }
        let required = failure(
            "password_resets.create",
            201,
            r#"{"success":false,"message":"Email is required"}"#,
        );
        assert_eq!(required.details()[0].field.as_deref(), Some("email"));
        assert!(
            failure(
                "auth.logout",
                201,
                r#"{"success":false,"message":"Error during logout"}"#
            )
            .is_transient(),
            "a failure of the server's own"
        );
    }

    #[test]
    fn successful_bodies_pass_whatever_they_hold() {
        for (status, body) in [
            (
                201,
                r#"{"id":1191,"_id":1191,"apiToken":"x","token":"3627|Dfk","success":true,"message":"You have logged in successfully"}"#,
            ),
            (
                201,
                r#"{"success":true,"message":"Logged out successfully"}"#,
            ),
            (
                200,
                r#"[{"id":"1529","email":"a@b.c","success":null,"message":null}]"#,
            ),
            (
                200,
                r#"{"id":"1529","success":true,"message":"Customer profile updated successfully"}"#,
            ),
            (
                201,
                r#"{"id":1529,"token":"3761|0aJ","note":"success: false"}"#,
            ),
            (204, ""),
            (200, "<html>not json</html>"),
        ] {
            assert!(
                classify(&request("x"), &response(status, body)).is_ok(),
                "{body}"
            );
        }
    }

    #[test]
    fn key_middleware_bodies_are_configuration_errors_never_sign_outs() {
        let missing = failure(
            "customer.get",
            401,
            r#"{"message":"X-STOREFRONT-KEY header is required","error":"missing_key","header_name":"X-STOREFRONT-KEY","key_type":"shop"}"#,
        );
        assert!(matches!(missing, Error::Config { .. }), "{missing:?}");
        assert_error(&missing, "Config", "invalid_token", "missing_key");
        assert_eq!(missing.status(), Some(401));
        for message in [
            "Invalid or inactive shop API key",
            "IP address not allowed for this key",
            "Validation error: key format",
        ] {
            let body = format!(r#"{{"message":"{message}","error":"invalid_key"}}"#);
            let invalid = failure("customer.get", 403, &body);
            assert_error(&invalid, "Config", "invalid_token", "invalid_key");
            assert_eq!(invalid.api().unwrap().message, message);
        }
    }

    #[test]
    fn the_rate_limit_waits_as_long_as_its_body_says() {
        let throttled = response(
            429,
            r#"{"message":"Rate limit exceeded","error":"rate_limit_exceeded","retry_after":1742}"#,
        );
        assert_eq!(
            body_retry_after(&throttled),
            Some(Duration::from_secs(1742))
        );
        let error = classify(&request(LOGIN), &throttled).unwrap_err();
        assert_error(
            &error,
            "RateLimited",
            "rate_limit_exceeded",
            "rate_limit_exceeded",
        );
        assert_eq!(error.retry_after(), Some(Duration::from_secs(1742)));
        assert!(error.is_transient());
        for body in [
            r#"{"retry_after":-1}"#,
            r#"{"retry_after":"60"}"#,
            "{}",
            "<html>",
            r#"{"retry_after":1e300}"#,
        ] {
            assert_eq!(body_retry_after(&response(429, body)), None, "{body}");
        }
        assert_eq!(
            body_retry_after(&response(429, r#"{"retry_after":0.5}"#)),
            Some(Duration::from_millis(500))
        );
        let html = failure(LOGIN, 429, "<html>Too Many Requests</html>");
        assert!(matches!(html, Error::RateLimited { .. }), "{html:?}");
    }

    fn problem(status: u16, title: &str, detail: &str) -> String {
        format!(
            r#"{{"type":"/errors/{status}","title":"{title}","status":{status},"detail":"{detail}"}}"#
        )
    }

    #[test]
    fn validation_problems_name_the_fields_their_messages_name() {
        let duplicate = failure(
            "customers.create",
            400,
            &problem(400, "Bad Request", "The email has already been taken."),
        );
        assert_error(&duplicate, "Validation", "validation_error", "Bad Request");
        let detail = &duplicate.details()[0];
        assert_eq!(
            (detail.attribute.as_str(), detail.field.as_deref()),
            ("email", Some("email"))
        );
        assert_eq!(detail.messages, ["The email has already been taken."]);

        let missing = failure(
            LOGIN,
            400,
            &problem(
                400,
                "Bad Request",
                "The email field is required. The password field is required. The password field must be at least 6 characters.",
            ),
        );
        let fields: Vec<_> = missing
            .details()
            .iter()
            .map(|d| (d.field.as_deref().unwrap(), d.messages.len()))
            .collect();
        assert_eq!(fields, [("email", 1), ("password", 2)]);
        assert_eq!(
            missing.details()[1].messages[1],
            "The password field must be at least 6 characters."
        );

        for (detail, attribute, field) in [
            (
                "Password and confirm password do not match",
                "password_confirmation",
                "password_confirmation",
            ),
            (
                "Current password is required to change your password",
                "current_password",
                "current_password",
            ),
            (
                "Confirm password is required when changing password",
                "password_confirmation",
                "password_confirmation",
            ),
            (
                "Mobile number can only contain digits. Special characters are not allowed",
                "phone",
                "phone",
            ),
            (
                r#"Invalid gender value \"X\". Allowed values are: Male, Female, Other"#,
                "gender",
                "gender",
            ),
            (
                "The first name field is required. The last name field is required.",
                "first_name",
                "first_name",
            ),
            ("The phone has already been taken.", "phone", "phone"),
            ("The selected gender is invalid.", "gender", "gender"),
            (
                "The password field confirmation does not match.",
                "password_confirmation",
                "password_confirmation",
            ),
            (
                "The date of birth field must be a valid date.",
                "date_of_birth",
                "date_of_birth",
            ),
        ] {
            let error = failure("customer.update", 400, &problem(400, "Bad Request", detail));
            assert_eq!(error.code(), "validation_error", "{detail}");
            let first = &error.details()[0];
            assert_eq!(
                (first.attribute.as_str(), first.field.as_deref()),
                (attribute, Some(field)),
                "{detail}"
            );
            assert_eq!(
                error.details().len(),
                if detail.contains("last name") { 2 } else { 1 },
                "{detail}"
            );
        }

        let unknown = failure(
            "customer.update",
            400,
            &problem(
                400,
                "Bad Request",
                "The device token field must be a string.",
            ),
        );
        assert_eq!(unknown.details()[0].attribute, "device_token");
        assert_eq!(unknown.details()[0].field, None);

        let types = failure(
            "customer.addresses.create",
            422,
            &problem(
                422,
                "Unprocessable Entity",
                r#"The \"address1\" field must be of type string, array given."#,
            ),
        );
        assert_error(
            &types,
            "Validation",
            "validation_error",
            "Unprocessable Entity",
        );
        assert_eq!(types.details()[0].attribute, "address1");
        assert_eq!(types.details()[0].field.as_deref(), Some("address1"));

        let laravel = failure(
            "customers.create",
            422,
            r#"{"message":"The email has already been taken.","errors":{"email":["The email has already been taken."],"postcode":"bad"}}"#,
        );
        let fields: Vec<_> = laravel
            .details()
            .iter()
            .map(|d| d.field.as_deref())
            .collect();
        assert_eq!(fields, [Some("email"), Some("postal_code")]);
    }

    #[test]
    fn other_problems_map_by_status_and_message() {
        let wrong = failure(
            "customer.update",
            400,
            &problem(
                400,
                "Bad Request",
                "The current password you entered is incorrect",
            ),
        );
        assert_error(&wrong, "Api", "current_password_invalid", "Bad Request");
        let id = failure(
            "customer.addresses.update",
            400,
            &problem(400, "Bad Request", "Address ID is required"),
        );
        assert_error(&id, "Api", "invalid_request", "Bad Request");

        for detail in [
            "Invalid or expired token",
            "Unauthenticated. Please login to perform this action",
            "Authentication token is required. Please provide token in query input",
            r#"Authentication token is required. Please provide the token in the Authorization header as \"Bearer <token>\""#,
            "Authentication token is required",
        ] {
            let error = failure("customer.get", 401, &problem(401, "Unauthorized", detail));
            assert!(
                matches!(
                    error,
                    Error::Unauthenticated {
                        refreshed: false,
                        ..
                    }
                ),
                "{error:?}"
            );
            assert_error(
                &error,
                "Unauthenticated",
                "authentication_required",
                "Unauthorized",
            );
        }
        let sanctum = failure("customer.get", 401, r#"{"message":"Unauthenticated."}"#);
        assert_error(
            &sanctum,
            "Unauthenticated",
            "authentication_required",
            "Unauthenticated.",
        );
        let login = failure(
            LOGIN,
            401,
            &problem(401, "Unauthorized", "Invalid email or password"),
        );
        assert_error(
            &login,
            "InvalidCredentials",
            "authentication_failed",
            "Unauthorized",
        );
        let other = failure(
            "customer.update",
            401,
            &problem(
                401,
                "Unauthorized",
                "Unauthorized: Cannot update another customer profile",
            ),
        );
        assert_error(&other, "Forbidden", "access_denied", "Unauthorized");

        let foreign = problem(
            403,
            "Forbidden",
            "Address not found or does not belong to this customer",
        );
        for operation in [
            "customer.addresses.get",
            "customer.addresses.update",
            "customer.addresses.delete",
            "customer.get",
        ] {
            assert_error(
                &failure(operation, 403, &foreign),
                "NotFound",
                "record_not_found",
                "Forbidden",
            );
        }
        let forbidden = failure("customer.get", 403, &problem(403, "Forbidden", "No."));
        assert_error(&forbidden, "Forbidden", "access_denied", "Forbidden");
        let missing = failure(
            "customer.addresses.get",
            404,
            &problem(404, "Not Found", "Not Found"),
        );
        assert_error(&missing, "NotFound", "record_not_found", "Not Found");
        let untitled = failure("customer.get", 404, r#"{"detail":"gone"}"#);
        assert_eq!(untitled.backend_code(), Some("404"));
        let server = failure(
            "customer.get",
            500,
            &problem(500, "Internal Server Error", "boom"),
        );
        assert!(
            matches!(
                server,
                Error::Server {
                    status: 500,
                    api: Some(_),
                    ..
                }
            ),
            "{server:?}"
        );
        assert!(server.is_transient());
        assert_error(
            &failure("x", 405, &problem(405, "Method Not Allowed", "No route")),
            "Api",
            "invalid_request",
            "Method Not Allowed",
        );
    }

    #[test]
    fn bodies_that_are_not_bagisto_json_keep_their_type() {
        // A wrong base path answers with the storefront's HTML pages (§9.8).
        let not_found = failure(
            "customer.get",
            404,
            "<!DOCTYPE html><html>Page not found</html>",
        );
        assert!(
            matches!(not_found, Error::Decode { status: 404, .. }),
            "{not_found:?}"
        );
        assert!(!not_found.is_transient());
        let crashed = failure("customer.get", 500, "<html>Server Error</html>");
        assert!(
            matches!(
                crashed,
                Error::Server {
                    status: 500,
                    api: None,
                    ..
                }
            ),
            "{crashed:?}"
        );
        assert!(crashed.is_transient());
        let unknown = failure("customer.get", 400, r#"[1,2]"#);
        assert!(
            matches!(unknown, Error::Decode { status: 400, .. }),
            "{unknown:?}"
        );
    }
}
