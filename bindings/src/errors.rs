//! Errors thrown to JavaScript as `StorefrontError` (see `js/errors.js`).

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    /// The JavaScript `Error` subclass thrown by every call.
    pub type StorefrontError;

    #[wasm_bindgen(constructor)]
    fn new(
        message: &str,
        code: &str,
        status: Option<u16>,
        details: JsValue,
        retry_after: Option<f64>,
        is_transient: bool,
    ) -> StorefrontError;
}

/// A `config_error` for invalid arguments given by the caller.
pub fn config_error(message: &str) -> JsValue {
    StorefrontError::new(
        message,
        "config_error",
        None,
        JsValue::UNDEFINED,
        None,
        false,
    )
    .into()
}

/// The `aborted` error of a call cancelled through its `AbortSignal`.
pub fn aborted() -> JsValue {
    StorefrontError::new(
        "the call was aborted",
        "aborted",
        None,
        JsValue::UNDEFINED,
        None,
        false,
    )
    .into()
}

/// Translates an SDK error; the message never holds secrets (the SDK redacts them).
pub fn to_js(error: &storefront_sdk::Error) -> JsValue {
    let message = error
        .api()
        .map_or_else(|| error.to_string(), |api| api.message.clone());
    let details = if error.details().is_empty() {
        JsValue::UNDEFINED
    } else {
        let details = Object::new();
        for field in error.details() {
            let messages: Array = field
                .messages
                .iter()
                .map(|m| JsValue::from_str(m))
                .collect();
            let _ = Reflect::set(&details, &JsValue::from_str(&field.attribute), &messages);
        }
        details.into()
    };
    StorefrontError::new(
        &message,
        error.code(),
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
    use storefront_sdk::{ApiError, Error, FieldError};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn property(value: &JsValue, key: &str) -> JsValue {
        Reflect::get(value, &JsValue::from_str(key)).unwrap()
    }

    #[wasm_bindgen_test]
    fn api_errors_keep_code_status_and_details() {
        let error = Error::Validation(Box::new(ApiError {
            status: 422,
            code: "validation_error".into(),
            message: "Zipcode is invalid".into(),
            details: vec![FieldError {
                attribute: "zipcode".into(),
                field: Some("postal_code".into()),
                messages: vec!["is invalid".into()],
            }],
            request_id: None,
        }));
        let thrown = to_js(&error);
        assert!(thrown.is_instance_of::<js_sys::Error>());
        assert_eq!(property(&thrown, "name"), "SpreeError");
        assert_eq!(property(&thrown, "code"), "validation_error");
        assert_eq!(property(&thrown, "status"), 422);
        assert_eq!(property(&thrown, "message"), "Zipcode is invalid");
        assert_eq!(property(&thrown, "isTransient"), false);
        assert!(property(&thrown, "retryAfter").is_null());
        let details = property(&thrown, "details");
        let zipcode: js_sys::Array = property(&details, "zipcode").unchecked_into();
        assert_eq!(zipcode.get(0), "is invalid");
    }

    #[wasm_bindgen_test]
    fn failures_without_a_response_have_fixed_codes_and_no_status() {
        let thrown = to_js(&Error::Cancelled);
        assert_eq!(property(&thrown, "code"), "aborted");
        assert!(property(&thrown, "status").is_null());
        assert!(property(&thrown, "details").is_undefined());
        let thrown = to_js(&Error::RateLimited {
            retry_after: Some(std::time::Duration::from_secs(60)),
            api: None,
        });
        assert_eq!(property(&thrown, "retryAfter"), 60);
        assert_eq!(property(&thrown, "isTransient"), true);
    }
}
