//! Errors thrown to JavaScript as `StorefrontError` (see `js/errors.js`).

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    /// The JavaScript `Error` subclass thrown by every call.
    pub type StorefrontError;

    #[wasm_bindgen(constructor)]
    #[allow(clippy::too_many_arguments)]
    fn new(
        name: &str,
        message: &str,
        code: &str,
        backend_code: Option<&str>,
        status: Option<u16>,
        details: JsValue,
        retry_after: Option<f64>,
        is_transient: bool,
    ) -> StorefrontError;
}

/// Errors as the Spree entry has them, after `@spree/sdk`: named
/// `SpreeError`, `details` keyed by Spree's attribute names. The other
/// entries name them `StorefrontError` and key `details` by the request
/// field (`postal_code`, `email`), the same on every backend. Decided per
/// build: each npm entry is a build with one backend.
const SPREE_STYLE: bool = cfg!(not(feature = "unified"));

/// The `name` of the errors of this build.
pub const NAME: &str = if SPREE_STYLE {
    "SpreeError"
} else {
    "StorefrontError"
};

fn error(message: &str, code: &str) -> JsValue {
    StorefrontError::new(
        NAME,
        message,
        code,
        None,
        None,
        JsValue::UNDEFINED,
        None,
        false,
    )
    .into()
}

/// A `config_error` for invalid arguments given by the caller.
pub fn config_error(message: &str) -> JsValue {
    error(message, "config_error")
}

/// The `aborted` error of a call cancelled through its `AbortSignal`.
pub fn aborted() -> JsValue {
    error("the call was aborted", "aborted")
}

/// The message of an error the API did not report: what the SDK knows, in
/// words written here (the SDK's `Display` would bring its formatting code
/// into the package). Never holds secrets (the SDK redacts them).
fn message_of(error: &storefront_sdk::Error) -> String {
    use storefront_sdk::Error;
    match error {
        Error::Network { message, .. }
        | Error::Config { message, .. }
        | Error::Decode { message, .. }
        | Error::Storage { message }
        | Error::InvalidInput { message } => message.clone(),
        Error::Unsupported { operation, backend } => {
            let mut text = String::from(*operation);
            text.push_str(" is not supported by the ");
            text.push_str(backend);
            text.push_str(" backend");
            text
        }
        Error::Timeout { .. } => "the request timed out".into(),
        Error::Cancelled => "the request was cancelled".into(),
        Error::RateLimited { .. } => "rate limited".into(),
        Error::Unauthenticated { .. } => "not signed in, or the session was rejected".into(),
        Error::SessionExpired { .. } => "the session has expired".into(),
        Error::Server { .. } => "the server failed".into(),
        Error::Disposed => "the client was disposed".into(),
        other => other.code().into(),
    }
}

/// Translates an SDK error; the message never holds secrets (the SDK redacts them).
pub fn to_js(error: &storefront_sdk::Error) -> JsValue {
    let message = error
        .api()
        .map_or_else(|| message_of(error), |api| api.message.clone());
    let details = if error.details().is_empty() {
        JsValue::UNDEFINED
    } else {
        let details = Object::new();
        for field in error.details() {
            let key = match &field.field {
                Some(field) if !SPREE_STYLE => field,
                _ => &field.attribute,
            };
            let mut messages: Array = field
                .messages
                .iter()
                .map(|m| JsValue::from_str(m))
                .collect();
            if !SPREE_STYLE {
                // Attributes of one request field (Magento's `region` and
                // `region_id`) share its key.
                if let Some(earlier) = Reflect::get(&details, &JsValue::from_str(key))
                    .ok()
                    .filter(Array::is_array)
                {
                    messages = Array::from(&earlier).concat(&messages);
                }
            }
            let _ = Reflect::set(&details, &JsValue::from_str(key), &messages);
        }
        details.into()
    };
    StorefrontError::new(
        NAME,
        &message,
        error.code(),
        error.backend_code(),
        error.status(),
        details,
        error.retry_after().map(|wait| wait.as_secs_f64()),
        error.is_transient(),
    )
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use storefront_sdk::{ApiError, Error, FieldError};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn property(value: &JsValue, key: &str) -> JsValue {
        Reflect::get(value, &JsValue::from_str(key)).unwrap()
    }

    #[wasm_bindgen_test]
    fn api_errors_keep_code_backend_code_status_and_details() {
        let error = Error::Validation(Box::new(
            ApiError::new(
                422,
                "validation_error",
                "validation_error",
                "Zipcode is invalid",
            )
            .with_details(vec![
                FieldError::new("zipcode", Some("postal_code"), vec!["is invalid".into()]),
                FieldError::new("country", None, vec!["is blank".into()]),
            ]),
        ));
        let thrown = to_js(&error);
        assert!(thrown.is_instance_of::<js_sys::Error>());
        assert_eq!(property(&thrown, "name"), NAME);
        assert_eq!(property(&thrown, "code"), "validation_error");
        assert_eq!(property(&thrown, "backendCode"), "validation_error");
        assert_eq!(property(&thrown, "status"), 422);
        assert_eq!(property(&thrown, "message"), "Zipcode is invalid");
        assert_eq!(property(&thrown, "isTransient"), false);
        assert!(property(&thrown, "retryAfter").is_null());
        let details = property(&thrown, "details");
        // Spree's attribute names in the Spree entry, request fields elsewhere.
        let key = if SPREE_STYLE {
            "zipcode"
        } else {
            "postal_code"
        };
        let postal: js_sys::Array = property(&details, key).unchecked_into();
        assert_eq!(postal.get(0), "is invalid");
        let country: js_sys::Array = property(&details, "country").unchecked_into();
        assert_eq!(country.get(0), "is blank");
    }

    #[wasm_bindgen_test]
    fn a_backend_code_differs_from_the_unified_one() {
        let error = Error::InvalidCredentials(Box::new(ApiError::new(
            401,
            "authentication_failed",
            "The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.",
            "The account sign-in was incorrect",
        )));
        let thrown = to_js(&error);
        assert_eq!(property(&thrown, "code"), "authentication_failed");
        assert!(
            property(&thrown, "backendCode")
                .as_string()
                .unwrap()
                .starts_with("The account sign-in was incorrect or")
        );
    }

    #[wasm_bindgen_test]
    fn failures_without_a_response_have_fixed_codes_and_status_0() {
        let thrown = to_js(&Error::Cancelled);
        assert_eq!(property(&thrown, "code"), "aborted");
        assert_eq!(property(&thrown, "status"), 0);
        assert!(property(&thrown, "backendCode").is_null());
        assert!(property(&thrown, "details").is_undefined());
        let thrown = to_js(&Error::RateLimited {
            retry_after: Some(Duration::from_secs(60)),
            api: None,
        });
        assert_eq!(property(&thrown, "retryAfter"), 60);
        assert_eq!(property(&thrown, "isTransient"), true);
        assert_eq!(
            property(&to_js(&Error::Disposed), "code"),
            "client_disposed"
        );
    }

    #[wasm_bindgen_test]
    fn a_server_error_with_retry_after_carries_it() {
        let thrown = to_js(&Error::Server {
            status: 503,
            retry_after: Some(Duration::from_secs(120)),
            api: None,
            body_snippet: String::new(),
        });
        assert_eq!(property(&thrown, "code"), "server_error");
        assert_eq!(property(&thrown, "status"), 503);
        assert_eq!(property(&thrown, "retryAfter"), 120);
        assert_eq!(property(&thrown, "isTransient"), true);
    }
}
