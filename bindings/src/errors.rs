//! Errors thrown to JavaScript as `StorefrontError` (see `js/errors.js`).

use js_sys::Array;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    /// The JavaScript `Error` subclass thrown by every call.
    pub type StorefrontError;

    /// `StorefrontError.fromSdk`: the error, its field errors given as
    /// `[attribute, field, messages]` entries (the class keys `details` by
    /// the field and `backendDetails` by the attribute; no entries, no
    /// details).
    #[wasm_bindgen(static_method_of = StorefrontError, js_name = fromSdk)]
    #[allow(clippy::too_many_arguments)]
    fn from_sdk(
        name: &str,
        message: &str,
        code: &str,
        backend_code: Option<&str>,
        status: Option<u16>,
        fields: &Array,
        retry_after: Option<f64>,
        is_transient: bool,
    ) -> JsValue;
}

/// The `name` of the errors of this build: `SpreeError` in the Spree entry,
/// after `@spree/sdk`, `StorefrontError` in the others. Decided per build:
/// each npm entry is a build with one backend.
pub const NAME: &str = if cfg!(feature = "unified") {
    "StorefrontError"
} else {
    "SpreeError"
};

fn error(message: &str, code: &str) -> JsValue {
    StorefrontError::from_sdk(NAME, message, code, None, None, &Array::new(), None, false)
}

/// A `config_error`: the `createClient` configuration is wrong.
pub fn config_error(message: &str) -> JsValue {
    error(message, "config_error")
}

/// An `invalid_input`: a call's arguments are wrong (a wrong type, a
/// missing field); nothing was sent.
pub fn invalid_input(message: &str) -> JsValue {
    error(message, "invalid_input")
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
    // `[attribute, field, messages]` entries (none: no details).
    let fields = Array::new();
    for detail in error.details() {
        let messages = Array::new();
        for message in &detail.messages {
            messages.push(&JsValue::from_str(message));
        }
        let field = detail
            .field
            .as_deref()
            .map_or(JsValue::UNDEFINED, JsValue::from_str);
        fields.push(&Array::of3(
            &JsValue::from_str(&detail.attribute),
            &field,
            &messages,
        ));
    }
    StorefrontError::from_sdk(
        NAME,
        &message,
        error.code(),
        error.backend_code(),
        error.status(),
        &fields,
        error.retry_after().map(|wait| wait.as_secs_f64()),
        error.is_transient(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use js_sys::Reflect;
    use std::time::Duration;
    use storefront_sdk::{ApiError, Error, FieldError};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn property(value: &JsValue, key: &str) -> JsValue {
        Reflect::get(value, &JsValue::from_str(key)).unwrap()
    }

    /// The keys of `object`, in order.
    fn keys(object: &JsValue) -> Vec<String> {
        js_sys::Object::keys(object.unchecked_ref::<js_sys::Object>())
            .iter()
            .map(|key| key.as_string().unwrap())
            .collect()
    }

    /// The messages of `details[key]`.
    fn messages(details: &JsValue, key: &str) -> Vec<String> {
        let messages: Array = property(details, key).unchecked_into();
        messages.iter().map(|m| m.as_string().unwrap()).collect()
    }

    #[wasm_bindgen_test]
    fn api_errors_keep_code_backend_code_status_and_details() {
        let error = Error::Validation(Box::new(
            ApiError::new(
                422,
                "validation_error",
                "validation_error",
                "Zip Code is invalid",
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
        assert_eq!(property(&thrown, "message"), "Zip Code is invalid");
        assert_eq!(property(&thrown, "isTransient"), false);
        assert!(property(&thrown, "retryAfter").is_null());
        // By the request field; an attribute without one keeps its name.
        let details = property(&thrown, "details");
        assert_eq!(keys(&details), ["postal_code", "country"]);
        assert_eq!(messages(&details, "postal_code"), ["is invalid"]);
        assert_eq!(messages(&details, "country"), ["is blank"]);
        // By the API's attribute.
        let raw = property(&thrown, "backendDetails");
        assert_eq!(keys(&raw), ["zipcode", "country"]);
        assert_eq!(messages(&raw, "zipcode"), ["is invalid"]);
    }

    #[wasm_bindgen_test]
    fn attributes_of_one_field_share_its_key() {
        // Magento's `region` and `region_id` are both the caller's `state_abbr`.
        let error = Error::Validation(Box::new(
            ApiError::new(400, "validation_error", "template", "").with_details(vec![
                FieldError::new("region", Some("state_abbr"), vec!["is required".into()]),
                FieldError::new("region_id", Some("state_abbr"), vec!["is invalid".into()]),
            ]),
        ));
        let thrown = to_js(&error);
        let details = property(&thrown, "details");
        assert_eq!(
            messages(&details, "state_abbr"),
            ["is required", "is invalid"]
        );
        let raw = property(&thrown, "backendDetails");
        assert_eq!(messages(&raw, "region"), ["is required"]);
        assert_eq!(messages(&raw, "region_id"), ["is invalid"]);
    }

    #[wasm_bindgen_test]
    fn errors_without_field_errors_have_no_details() {
        let thrown = to_js(&Error::NotFound(Box::new(ApiError::new(
            404,
            "record_not_found",
            "record_not_found",
            "Address not found",
        ))));
        assert!(property(&thrown, "details").is_undefined());
        assert!(property(&thrown, "backendDetails").is_undefined());
        let thrown = invalid_input("credentials.password is required");
        assert_eq!(property(&thrown, "code"), "invalid_input");
        assert_eq!(property(&thrown, "name"), NAME);
    }

    /// The codes `StorefrontErrorCode` in `js/errors.d.ts` lists: each
    /// `| '<code>'` line of the type, up to the line that ends it.
    fn declared_codes() -> Vec<&'static str> {
        let source = include_str!("../js/errors.d.ts");
        let start = source
            .find("export type StorefrontErrorCode =")
            .expect("errors.d.ts declares StorefrontErrorCode");
        let mut codes = Vec::new();
        for line in source[start..].lines().map(str::trim).skip(1) {
            if let Some(code) = line.strip_prefix("| '").and_then(|l| l.strip_suffix('\'')) {
                codes.push(code);
            }
            if line.ends_with(';') {
                assert_eq!(line, "| (string & {});", "the union ends open");
                return codes;
            }
        }
        panic!("StorefrontErrorCode has no end");
    }

    #[wasm_bindgen_test]
    fn the_declared_code_union_is_the_sdk_vocabulary() {
        let mut declared = declared_codes();
        declared.sort_unstable();
        let mut vocabulary = Error::CODES.to_vec();
        vocabulary.sort_unstable();
        assert_eq!(declared, vocabulary);
        // The codes the bindings make themselves are in it.
        for thrown in [config_error(""), invalid_input(""), aborted()] {
            let code = property(&thrown, "code").as_string().unwrap();
            assert!(vocabulary.contains(&code.as_str()), "{code}");
        }
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
