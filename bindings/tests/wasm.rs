//! wasm-bindgen-test suite, run in Node (default) and in headless Chromium
//! (`WASM_BINDGEN_USE_BROWSER=1`) by scripts/wasm-test.sh. The unit tests in
//! `src/` (storage, errors, argument reading) run the same way.
#![cfg(target_arch = "wasm32")]

use js_sys::{JSON, Promise, Reflect};
use storefront_sdk_wasm::{ClientCore, op};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

fn config(source: &str) -> JsValue {
    JSON::parse(source).unwrap()
}

/// `core.call(op, first)`, `first` as JSON text.
fn call(client: &ClientCore, op: u8, first: &str) -> Promise {
    let first = if first == "undefined" {
        JsValue::UNDEFINED
    } else {
        config(first)
    };
    client.call(op, first, JsValue::UNDEFINED, JsValue::UNDEFINED)
}

/// The backend of the Spree entry, as its `createClient` passes it.
const SPREE: &str = "spree";

fn code(error: &JsValue) -> String {
    Reflect::get(error, &JsValue::from_str("code"))
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
fn reports_the_package_version() {
    assert_eq!(storefront_sdk_wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn an_invalid_configuration_is_a_config_error() {
    for bad in [
        r#"{"publishableKey":"pk_test"}"#,
        r#"{"baseUrl":"ftp://shop","publishableKey":"pk_test"}"#,
        r#"{"baseUrl":"http://shop","publishableKey":"pk_test","storage":"indexeddb"}"#,
        r#"{"baseUrl":"http://shop","publishableKey":"pk_test","storage":{"getItem":1}}"#,
    ] {
        let error = ClientCore::new(config(bad), SPREE).err().expect(bad);
        assert_eq!(code(&error), "config_error", "{bad}");
    }
    let error = ClientCore::new(config(r#"{"baseUrl":"http://shop"}"#), "sap")
        .err()
        .unwrap();
    assert_eq!(code(&error), "config_error");
}

/// Magento's store code is optional (`default`); it needs no publishable key.
#[cfg(feature = "magento-rest")]
#[wasm_bindgen_test]
async fn a_magento_client_needs_only_a_base_url() {
    for source in [
        r#"{"baseUrl":"http://127.0.0.1:9"}"#,
        r#"{"baseUrl":"http://127.0.0.1:9","storeCode":"de"}"#,
    ] {
        let client = ClientCore::new(config(source), "magento-rest").unwrap();
        let session = JsFuture::from(call(&client, op::GET_SESSION, "undefined"));
        assert!(session.await.unwrap().is_null());
        client.dispose();
    }
    let error = ClientCore::new(
        config(r#"{"baseUrl":"http://127.0.0.1:9","storeCode":7}"#),
        "magento-rest",
    )
    .err()
    .unwrap();
    assert_eq!(code(&error), "config_error");
}

#[wasm_bindgen_test]
async fn a_new_client_is_signed_out_in_every_storage_mode() {
    for storage in ["memory", "local", "session"] {
        let client = ClientCore::new(
            config(&format!(
                r#"{{"baseUrl":"http://127.0.0.1:9","publishableKey":"pk_test","storage":"{storage}","storageKey":"wasm-test-{storage}"}}"#
            )),
            SPREE,
        )
        .unwrap();
        let session = JsFuture::from(call(&client, op::GET_SESSION, "undefined"))
            .await
            .unwrap();
        assert!(session.is_null(), "{storage}");
        let token = JsFuture::from(call(&client, op::GET_ACCESS_TOKEN, "undefined"))
            .await
            .unwrap();
        assert!(token.is_null(), "{storage}");
        client.dispose();
    }
}

#[wasm_bindgen_test]
async fn invalid_call_arguments_reject_without_a_request() {
    let client = ClientCore::new(
        config(r#"{"baseUrl":"http://127.0.0.1:9","publishableKey":"pk_test"}"#),
        SPREE,
    )
    .unwrap();
    let rejected: Promise = call(&client, op::LOGIN, r#"{"email":"a@b.c"}"#);
    let error = JsFuture::from(rejected).await.unwrap_err();
    assert_eq!(code(&error), "invalid_input");
    let rejected = client.call(
        op::GET_CUSTOMER,
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
        config(r#"{"headers":{"X-ReCaptcha":false}}"#),
    );
    let error = JsFuture::from(rejected).await.unwrap_err();
    assert_eq!(code(&error), "invalid_input");
    let rejected = call(&client, op::GET_ADDRESS, "7");
    let error = JsFuture::from(rejected).await.unwrap_err();
    assert_eq!(code(&error), "invalid_input");
    client.dispose();
}

#[wasm_bindgen_test]
async fn calls_after_dispose_reject_with_client_disposed() {
    let client = ClientCore::new(
        config(r#"{"baseUrl":"http://127.0.0.1:9","publishableKey":"pk_test"}"#),
        SPREE,
    )
    .unwrap();
    client.dispose();
    let rejected = call(
        &client,
        op::LOGIN,
        r#"{"email":"a@b.c","password":"Password1!"}"#,
    );
    let error = JsFuture::from(rejected).await.unwrap_err();
    assert_eq!(code(&error), "client_disposed");
}
