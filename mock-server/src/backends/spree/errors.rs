//! Spree's error envelope `{"error":{"code","message","details?"}}` and its codes.

use super::json::rails_json;
use crate::http::{ApiResponse, ResponseOrigin};
use serde::Serialize;
use serde::ser::SerializeMap;

/// Validation messages keyed by model attribute, in insertion order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ValidationErrors {
    entries: Vec<(&'static str, Vec<String>)>,
}

impl ValidationErrors {
    /// Adds `message` for `attribute`.
    pub(crate) fn add(&mut self, attribute: &'static str, message: impl Into<String>) {
        let message = message.into();
        match self.entries.iter_mut().find(|(name, _)| *name == attribute) {
            Some((_, messages)) => messages.push(message),
            None => self.entries.push((attribute, vec![message])),
        }
    }

    /// Whether there is no error.
    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Rails `full_messages.to_sentence`.
    pub(crate) fn full_message(&self) -> String {
        let full: Vec<String> = self
            .entries
            .iter()
            .flat_map(|(attribute, messages)| {
                messages
                    .iter()
                    .map(move |message| format!("{} {message}", human_attribute_name(attribute)))
            })
            .collect();
        to_sentence(&full)
    }
}

impl Serialize for ValidationErrors {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (attribute, messages) in &self.entries {
            map.serialize_entry(attribute, messages)?;
        }
        map.end()
    }
}

/// Rails' human attribute names for the attributes this API validates.
fn human_attribute_name(attribute: &str) -> &str {
    match attribute {
        "email" => "Email",
        "password" => "Password",
        "password_confirmation" => "Password confirmation",
        "firstname" => "First Name",
        "lastname" => "Last Name",
        "address1" => "Address",
        "city" => "City",
        "country" => "Country",
        "zipcode" => "Zip Code",
        "state" => "State",
        "phone" => "Phone",
        other => other,
    }
}

/// Rails `Array#to_sentence`: `a`, `a and b`, `a, b, and c`.
pub(crate) fn to_sentence(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [first, second] => format!("{first} and {second}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

/// An error answer of the Store API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SpreeError {
    /// 401 `invalid_token`.
    InvalidApiKey,
    /// 401 `authentication_required`.
    AuthenticationRequired,
    /// 401 `authentication_failed` with a message.
    AuthenticationFailed(&'static str),
    /// 400 `invalid_provider`.
    InvalidProvider(String),
    /// 401 `invalid_refresh_token` with a message.
    InvalidRefreshToken(&'static str),
    /// 400 `invalid_request` with a message.
    InvalidRequest(String),
    /// 404 `record_not_found` with a message.
    RecordNotFound(&'static str),
    /// 404 `not_found` for unknown routes.
    RouteNotFound,
    /// 413 `request_too_large`.
    RequestTooLarge,
    /// 422 `validation_error`.
    Validation(ValidationErrors),
    /// 422 `current_password_invalid`.
    CurrentPasswordInvalid,
    /// 422 `password_reset_token_invalid`.
    PasswordResetTokenInvalid,
    /// 422 `idempotency_key_reused`.
    IdempotencyKeyReused,
    /// 429 `rate_limit_exceeded`.
    RateLimitExceeded,
}

#[derive(Serialize)]
struct Envelope<'a> {
    error: Body<'a>,
}

#[derive(Serialize)]
struct Body<'a> {
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<&'a ValidationErrors>,
}

impl SpreeError {
    /// HTTP status, code and message.
    fn parts(&self) -> (u16, &'static str, String) {
        match self {
            Self::InvalidApiKey => (401, "invalid_token", "Valid API key required".into()),
            Self::AuthenticationRequired => (
                401,
                "authentication_required",
                "Authentication required".into(),
            ),
            Self::AuthenticationFailed(message) => {
                (401, "authentication_failed", (*message).to_owned())
            }
            Self::InvalidProvider(provider) => (
                400,
                "invalid_provider",
                format!("Unsupported authentication provider: {provider}"),
            ),
            Self::InvalidRefreshToken(message) => {
                (401, "invalid_refresh_token", (*message).to_owned())
            }
            Self::InvalidRequest(message) => (400, "invalid_request", message.clone()),
            Self::RecordNotFound(message) => (404, "record_not_found", (*message).to_owned()),
            Self::RouteNotFound => (404, "not_found", "Not found".into()),
            Self::RequestTooLarge => (413, "request_too_large", "Request body too large".into()),
            Self::Validation(errors) => (422, "validation_error", errors.full_message()),
            Self::CurrentPasswordInvalid => (
                422,
                "current_password_invalid",
                "Current password is invalid or missing".into(),
            ),
            Self::PasswordResetTokenInvalid => (
                422,
                "password_reset_token_invalid",
                "Password reset token is invalid or has expired.".into(),
            ),
            Self::IdempotencyKeyReused => (
                422,
                "idempotency_key_reused",
                "This Idempotency-Key has already been used with different request parameters."
                    .into(),
            ),
            Self::RateLimitExceeded => (
                429,
                "rate_limit_exceeded",
                "Too many requests. Please retry later.".into(),
            ),
        }
    }

    /// The response for this error.
    pub(crate) fn response(&self, origin: ResponseOrigin) -> ApiResponse {
        let (status, code, message) = self.parts();
        let details = match self {
            Self::Validation(errors) if !errors.is_empty() => Some(errors),
            _ => None,
        };
        let body = rails_json(&Envelope {
            error: Body {
                code,
                message: &message,
                details,
            },
        });
        let mut response = ApiResponse::json(status, body, origin);
        if matches!(self, Self::RequestTooLarge) {
            response.content_type = Some("application/json".to_owned());
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|item| (*item).to_owned()).collect()
    }

    #[test]
    fn to_sentence_matches_rails() {
        assert_eq!(to_sentence(&[]), "");
        assert_eq!(to_sentence(&strings(&["a"])), "a");
        assert_eq!(to_sentence(&strings(&["a", "b"])), "a and b");
        assert_eq!(to_sentence(&strings(&["a", "b", "c"])), "a, b, and c");
    }

    #[test]
    fn validation_envelope_matches_the_spec_example() {
        let mut errors = ValidationErrors::default();
        errors.add("password_confirmation", "doesn't match Password");
        errors.add("password", "is too short (minimum is 6 characters)");
        let response = SpreeError::Validation(errors).response(ResponseOrigin::Action);
        assert_eq!(response.status, 422);
        assert_eq!(
            String::from_utf8(response.body).expect("utf-8"),
            r#"{"error":{"code":"validation_error","message":"Password confirmation doesn't match Password and Password is too short (minimum is 6 characters)","details":{"password_confirmation":["doesn't match Password"],"password":["is too short (minimum is 6 characters)"]}}}"#
        );
    }

    #[test]
    fn plain_errors_have_no_details() {
        let response = SpreeError::AuthenticationRequired.response(ResponseOrigin::Filter);
        assert_eq!(
            String::from_utf8(response.body).expect("utf-8"),
            r#"{"error":{"code":"authentication_required","message":"Authentication required"}}"#
        );
    }
}
