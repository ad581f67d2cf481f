//! Spryker's error catalogue (§1.4) as the SDK's errors: the string code
//! decides (never parsed as a number; the HTTP status differs from it),
//! except that a 5xx is a server error and a 429 a rate limit whatever the
//! code; the raw code is kept as `backend_code`, and every entry of a
//! multi-error document adds its detail to the one error.

use std::time::Duration;

use super::wire::{self, WireError};
use crate::backend::ApiRequest;
use crate::backend::support::{self, api_error, unrecognised_error};
use crate::error::{ApiError, Error, FieldError};
use crate::json::Json;
use crate::transport::HttpResponse;

/// The operation of `PATCH /customer-password`, where `password` is the
/// current password and `newPassword` the new one.
pub(super) const PASSWORD_CHANGE: &str = "customer.password";

/// What an error code stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Unauthenticated,
    Forbidden,
    InvalidCredentials,
    SessionExpired,
    Validation,
    NotFound,
    RateLimited,
    Api,
}

use Kind::*;

/// The catalogue (§1.4): a code, what it stands for, its unified code, and
/// the attribute a validation code is about (empty for none). Codes not
/// listed fall back on the HTTP status.
#[rustfmt::skip]
const CATALOGUE: &[(&str, Kind, &str, &str)] = &[
    ("001", Unauthenticated, "authentication_required", ""),
    // The token was not sent: a client bug, never a reason to refresh.
    ("002", Forbidden, "authentication_required", ""),
    ("003", InvalidCredentials, "authentication_failed", ""),
    ("004", SessionExpired, "invalid_refresh_token", ""),
    ("005", Api, "invalid_request", ""),
    ("402", NotFound, "record_not_found", ""),
    ("404", NotFound, "record_not_found", ""),
    ("408", Api, "current_password_invalid", ""),
    ("411", Forbidden, "access_denied", ""),
    ("415", Api, "password_reset_token_invalid", ""),
    ("4401", RateLimited, "rate_limit_exceeded", ""),
    // A property path and a message in the detail (`email => ...`).
    ("901", Validation, "validation_error", ""),
    // `400` is the (deliberately vague) duplicate email.
    ("400", Validation, "validation_error", "email"),
    ("416", Validation, "validation_error", "email"),
    ("417", Validation, "validation_error", "email"),
    ("406", Validation, "validation_error", "confirmPassword"),
    ("413", Validation, "validation_error", "acceptedTerms"),
    ("414", Validation, "validation_error", "gender"),
    // The Zed password policy (on the new password of a change).
    ("418", Validation, "validation_error", "password"),
    ("419", Validation, "validation_error", "password"),
    ("420", Validation, "validation_error", "password"),
    ("421", Validation, "validation_error", "password"),
    ("422", Validation, "validation_error", "password"),
];

/// Spryker's attribute names as the SDK's request fields (`password` is the
/// current one on a password change).
#[rustfmt::skip]
const REQUEST_FIELDS: &[(&str, &str)] = &[
    ("password", "password"), ("newPassword", "password"),
    ("confirmPassword", "password_confirmation"),
    ("email", "email"), ("username", "email"),
    ("firstName", "first_name"), ("lastName", "last_name"),
    ("salutation", "salutation"), ("gender", "gender"),
    ("dateOfBirth", "date_of_birth"), ("phone", "phone"),
    ("acceptedTerms", "accepted_terms"),
    // The SDK's `address1` is Spryker's street and house number.
    ("address1", "address1"), ("address2", "address1"), ("address3", "address2"),
    ("zipCode", "postal_code"), ("city", "city"), ("iso2Code", "country_iso"),
    ("company", "company"),
    ("isDefaultShipping", "is_default_shipping"), ("isDefaultBilling", "is_default_billing"),
];

/// The catalogue entry of `code`.
fn entry(code: &str) -> Option<&'static (&'static str, Kind, &'static str, &'static str)> {
    CATALOGUE.iter().find(|entry| entry.0 == code)
}

/// The request field of `attribute` in `operation`.
fn request_field(operation: &str, attribute: &str) -> Option<&'static str> {
    if operation == PASSWORD_CHANGE && attribute == "password" {
        return Some("current_password");
    }
    REQUEST_FIELDS
        .iter()
        .find(|(name, _)| *name == attribute)
        .map(|&(_, field)| field)
}

/// The attribute of a `901` property path (`email`, `[email]`,
/// `data.attributes.email`, `[data][attributes][email]`).
fn attribute_of_path(path: &str) -> &str {
    path.split(['[', ']', '.'])
        .rfind(|segment| !segment.trim().is_empty())
        .unwrap_or(path)
        .trim()
}

/// Adds the detail an error entry carries, if any, to `details` (messages
/// about one attribute gathered in one detail).
fn add_detail(details: &mut Vec<FieldError>, operation: &str, error: &WireError) {
    let (attribute, message) = match error.code {
        Some("901") => match support::split_once(error.detail, " => ") {
            Some((path, message)) => (attribute_of_path(path), message),
            None => return,
        },
        Some(code) => match entry(code) {
            Some(&(_, _, _, "password")) if operation == PASSWORD_CHANGE => {
                ("newPassword", error.detail)
            }
            Some(&(_, _, _, attribute)) if !attribute.is_empty() => (attribute, error.detail),
            _ => return,
        },
        None => return,
    };
    match details
        .iter_mut()
        .find(|detail| detail.attribute == attribute)
    {
        Some(detail) => detail.messages.push(message.to_owned()),
        None => details.push(FieldError::new(
            attribute,
            request_field(operation, attribute),
            vec![message.to_owned()],
        )),
    }
}

/// The error a non-2xx response stands for: the first entry's code decides
/// (5xx is a server error and 429 a rate limit whatever the code); every
/// entry adds its detail.
pub(super) fn error(request: &ApiRequest, response: &HttpResponse) -> Error {
    let json = Json::parse(&response.body);
    let Some(errors) = json.as_ref().and_then(wire::errors) else {
        return unrecognised_error(response, "not Spryker's error document");
    };
    let code = errors[0].code.unwrap_or_default();
    let (kind, unified) = match (response.status, entry(code)) {
        (500.., _) => (Api, "processing_error"),
        (429, _) => (RateLimited, "rate_limit_exceeded"),
        (_, Some(&(_, kind, unified, _))) => (kind, unified),
        (404, None) => (NotFound, "record_not_found"),
        _ => (Api, "processing_error"),
    };
    let mut details = Vec::new();
    let mut message = String::new();
    for (index, error) in errors.iter().enumerate() {
        add_detail(&mut details, request.operation, error);
        if index > 0 {
            message.push_str("; ");
        }
        message.push_str(error.detail);
    }
    let api = ApiError::new(response.status, unified, code, message).with_details(details);
    api_error(response, api, |api| match kind {
        Unauthenticated => Error::Unauthenticated {
            refreshed: false,
            api: Some(api),
        },
        SessionExpired => Error::SessionExpired { api: Some(api) },
        RateLimited => Error::RateLimited {
            retry_after: None,
            api: Some(api),
        },
        InvalidCredentials => Error::InvalidCredentials(api),
        Validation => Error::Validation(api),
        NotFound => Error::NotFound(api),
        Forbidden => Error::Forbidden(api),
        Api => Error::Api(api),
    })
}

/// The wait a SecurityBlocker lockout (`4401`) names in its detail:
/// "Please wait N minutes before trying again."
pub(super) fn lockout_wait(response: &HttpResponse) -> Option<Duration> {
    let json = Json::parse(&response.body)?;
    let errors = wire::errors(&json)?;
    let lockout = errors.iter().find(|error| error.code == Some("4401"))?;
    let after = lockout
        .detail
        .get(support::find(lockout.detail, "wait ")? + 5..)?;
    let end = after
        .bytes()
        .position(|byte| !byte.is_ascii_digit())
        .unwrap_or(after.len());
    let minutes: u64 = support::parse_whole(after.get(..end)?)?;
    Some(Duration::from_secs(minutes.saturating_mul(60)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::Method;

    fn response(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: vec![("content-type".into(), "application/vnd.api+json".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    fn classify(operation: &'static str, status: u16, code: &str, detail: &str) -> Error {
        let body =
            format!(r#"{{"errors":[{{"code":"{code}","status":{status},"detail":"{detail}"}}]}}"#);
        error(
            &ApiRequest::new(operation, Method::Post, "/"),
            &response(status, &body),
        )
    }

    /// The kind of an error, as a name.
    fn kind(error: &Error) -> &'static str {
        match error {
            Error::Unauthenticated { .. } => "Unauthenticated",
            Error::Forbidden(_) => "Forbidden",
            Error::InvalidCredentials(_) => "InvalidCredentials",
            Error::SessionExpired { .. } => "SessionExpired",
            Error::Validation(_) => "Validation",
            Error::NotFound(_) => "NotFound",
            Error::RateLimited { .. } => "RateLimited",
            Error::Server { .. } => "Server",
            Error::Api(_) => "Api",
            _ => "other",
        }
    }

    /// (operation, HTTP status, code, kind, unified code, detail field).
    type Case = (
        &'static str,
        u16,
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
    );

    #[test]
    fn every_catalogue_code_maps_to_its_kind_code_and_detail() {
        #[rustfmt::skip]
        let table: &[Case] = &[
            ("customer.get", 401, "001", "Unauthenticated", "authentication_required", None),
            ("customer.get", 403, "002", "Forbidden", "authentication_required", None),
            ("auth.login", 401, "003", "InvalidCredentials", "authentication_failed", None),
            // An unconfirmed account, as seed 003 words it.
            ("auth.login", 403, "003", "InvalidCredentials", "authentication_failed", None),
            ("auth.refresh", 401, "004", "SessionExpired", "invalid_refresh_token", None),
            ("customer.get", 400, "005", "Api", "invalid_request", None),
            ("customers.create", 422, "901", "Validation", "validation_error", Some("email")),
            ("customers.create", 422, "400", "Validation", "validation_error", Some("email")),
            ("customers.create", 500, "401", "Server", "processing_error", None),
            ("customer.get", 404, "402", "NotFound", "record_not_found", None),
            ("customer.addresses.list", 404, "403", "NotFound", "record_not_found", None),
            ("customer.addresses.get", 404, "404", "NotFound", "record_not_found", None),
            ("customer.update", 400, "405", "Api", "processing_error", None),
            ("customers.create", 422, "406", "Validation", "validation_error", Some("password_confirmation")),
            ("customers.create", 400, "406", "Validation", "validation_error", Some("password_confirmation")),
            ("customer.password", 400, "407", "Api", "processing_error", None),
            ("customer.password", 400, "408", "Api", "current_password_invalid", None),
            ("customer.addresses.create", 400, "409", "Api", "processing_error", None),
            ("customer.update", 422, "410", "Api", "processing_error", None),
            ("customer.get", 403, "411", "Forbidden", "access_denied", None),
            ("customer.get", 404, "411", "Forbidden", "access_denied", None),
            ("customer.addresses.delete", 400, "412", "Api", "processing_error", None),
            ("customers.create", 400, "413", "Validation", "validation_error", Some("accepted_terms")),
            ("customers.create", 400, "414", "Validation", "validation_error", Some("gender")),
            ("password_resets.update", 422, "415", "Api", "password_reset_token_invalid", None),
            ("customers.create", 422, "416", "Validation", "validation_error", Some("email")),
            ("customers.create", 422, "417", "Validation", "validation_error", Some("email")),
            ("customers.create", 400, "418", "Validation", "validation_error", Some("password")),
            ("customers.create", 400, "419", "Validation", "validation_error", Some("password")),
            ("customers.create", 400, "420", "Validation", "validation_error", Some("password")),
            ("customer.password", 400, "421", "Validation", "validation_error", Some("password")),
            ("customers.create", 400, "422", "Validation", "validation_error", Some("password")),
            ("customers.confirm", 422, "423", "Api", "processing_error", None),
            ("customers.confirm", 422, "424", "Api", "processing_error", None),
            ("customers.confirm", 422, "425", "Api", "processing_error", None),
            ("auth.login", 429, "4401", "RateLimited", "rate_limit_exceeded", None),
            // 429 is a rate limit whatever the code, 5xx a server error.
            ("auth.login", 429, "003", "RateLimited", "rate_limit_exceeded", None),
            ("customer.get", 503, "001", "Server", "processing_error", None),
            ("customer.get", 404, "007", "NotFound", "record_not_found", None),
            ("customer.get", 400, "999", "Api", "processing_error", None),
        ];
        for &(operation, status, code, expected_kind, unified, field) in table {
            let detail = match code {
                "901" => "email => This value is not a valid email address.",
                _ => "Something.",
            };
            let error = classify(operation, status, code, detail);
            let case = format!("{code} at {status}");
            assert_eq!(kind(&error), expected_kind, "{case}");
            assert_eq!(error.code(), unified, "{case}");
            assert_eq!(
                error.backend_code(),
                Some(code),
                "{case}: the raw code, zeros kept"
            );
            assert_eq!(error.status(), Some(status), "{case}");
            let fields: Vec<_> = error.details().iter().map(|d| d.field.as_deref()).collect();
            match field {
                Some(field) => assert_eq!(fields, [Some(field)], "{case}"),
                None => assert!(fields.is_empty(), "{case}"),
            }
        }
    }

    #[test]
    fn no_error_that_must_not_refresh_is_unauthenticated() {
        for code in ["002", "003", "004", "005"] {
            let error = classify("customer.get", 403, code, "x");
            assert!(!matches!(error, Error::Unauthenticated { .. }), "{code}");
        }
        assert!(!classify("customer.get", 403, "002", "x").is_transient());
    }

    #[test]
    fn several_errors_are_one_error_with_a_detail_each() {
        let body = r#"{"errors":[
            {"code":"901","status":422,"detail":"email => This value is not a valid email address."},
            {"status":422,"detail":"[password] => This value is too short. It should have 12 characters or more.","code":"901"},
            {"code":"901","status":422,"detail":"data.attributes.password => Your password must include at least one uppercase letter."},
            {"code":"901","status":422,"detail":"acceptedTerms => This value should be true."},
            {"code":"406","status":422,"detail":"Value in field password should be identical to value in the confirmPassword field."}
        ]}"#;
        let error = error(
            &ApiRequest::new("customers.create", Method::Post, "/customers"),
            &response(422, body),
        );
        assert!(matches!(error, Error::Validation(_)));
        assert_eq!(error.backend_code(), Some("901"));
        let details: Vec<_> = error
            .details()
            .iter()
            .map(|d| (d.attribute.as_str(), d.field.as_deref(), d.messages.len()))
            .collect();
        assert_eq!(
            details,
            [
                ("email", Some("email"), 1),
                ("password", Some("password"), 2),
                ("acceptedTerms", Some("accepted_terms"), 1),
                ("confirmPassword", Some("password_confirmation"), 1),
            ]
        );
        assert_eq!(
            error.details()[0].messages,
            ["This value is not a valid email address."]
        );
        assert!(error.api().unwrap().message.contains("; "));
    }

    #[test]
    fn password_change_attributes_name_the_current_and_the_new_password() {
        let current = classify(
            PASSWORD_CHANGE,
            422,
            "901",
            "password => This value should not be blank.",
        );
        assert_eq!(
            current.details()[0].field.as_deref(),
            Some("current_password")
        );
        let new = classify(
            PASSWORD_CHANGE,
            422,
            "901",
            "newPassword => This value is too short.",
        );
        assert_eq!(new.details()[0].field.as_deref(), Some("password"));
        let policy = classify(PASSWORD_CHANGE, 400, "418", "The password is too short.");
        assert_eq!(policy.details()[0].attribute, "newPassword");
        let street = classify(
            "customer.addresses.create",
            422,
            "901",
            "address2 => This value should not be blank.",
        );
        assert_eq!(street.details()[0].field.as_deref(), Some("address1"));
    }

    #[test]
    fn bodies_that_are_not_error_documents_keep_their_typing() {
        let request = ApiRequest::new("customer.get", Method::Get, "/customers/DE--1");
        let html = error(&request, &response(502, "<html>Bad Gateway</html>"));
        assert!(matches!(html, Error::Server { status: 502, .. }) && html.is_transient());
        let throttled = error(&request, &response(429, ""));
        assert!(matches!(throttled, Error::RateLimited { api: None, .. }));
        let odd = error(&request, &response(400, r#"{"data":null}"#));
        assert!(matches!(odd, Error::Decode { status: 400, .. }));
        let flat = error(
            &request,
            &response(
                401,
                r#"{"code":"001","status":401,"detail":"Invalid access token."}"#,
            ),
        );
        assert!(matches!(flat, Error::Unauthenticated { .. }));
        let numeric = error(
            &request,
            &response(
                401,
                r#"{"errors":[{"code":1,"status":401,"detail":"Invalid access token."}]}"#,
            ),
        );
        assert_eq!(
            numeric.code(),
            "processing_error",
            "a code that is not a string is no code"
        );
    }

    #[test]
    fn error_documents_without_entries_are_decode_errors() {
        let request = ApiRequest::new("customer.get", Method::Get, "/customers/DE--1");
        for body in [
            r#"{"errors":[]}"#,
            r#"{"errors":{"code":"001"}}"#,
            r#"{"errors":[{"status":400}]}"#,
        ] {
            let error = error(&request, &response(400, body));
            assert!(matches!(error, Error::Decode { status: 400, .. }), "{body}");
        }
    }

    #[test]
    fn the_message_joins_every_detail_and_the_request_id_is_kept() {
        let mut throttled = response(
            429,
            r#"{"errors":[{"code":"901","status":422,"detail":"email => Too fast."},{"code":"005"},{"code":"417","detail":"Taken."}]}"#,
        );
        throttled
            .headers
            .push(("x-request-id".into(), "req-9".into()));
        let error = error(
            &ApiRequest::new("customers.create", Method::Post, "/customers"),
            &throttled,
        );
        assert!(matches!(error, Error::RateLimited { .. }));
        let api = error.api().unwrap();
        assert_eq!(api.message, "email => Too fast.; ; Taken.");
        assert_eq!(api.request_id.as_deref(), Some("req-9"));
        let details: Vec<_> = error
            .details()
            .iter()
            .map(|detail| (detail.field.as_deref(), detail.messages.clone()))
            .collect();
        assert_eq!(
            details,
            [(
                Some("email"),
                vec!["Too fast.".to_owned(), "Taken.".to_owned()]
            )],
            "a rate limit keeps the details of its entries"
        );
    }

    #[test]
    fn a_lockout_names_its_wait_in_minutes() {
        let locked = response(
            429,
            r#"{"errors":[{"code":"4401","status":429,"detail":"Too many log in attempts from your address. Please wait 5 minutes before trying again."}]}"#,
        );
        assert_eq!(lockout_wait(&locked), Some(Duration::from_secs(300)));
        let unnamed = response(
            429,
            r#"{"errors":[{"code":"4401","status":429,"detail":"Too many."}]}"#,
        );
        assert_eq!(lockout_wait(&unnamed), None);
        let overflowing = response(
            429,
            r#"{"errors":[{"code":"4401","status":429,"detail":"Please wait 99999999999999999999 minutes."}]}"#,
        );
        assert_eq!(lockout_wait(&overflowing), None);
        assert_eq!(lockout_wait(&response(429, "")), None);
    }
}
