//! wasm-bindgen-test suite, run in Node (default) and in headless Chromium
//! (`WASM_BINDGEN_USE_BROWSER=1`) by scripts/wasm-test.sh. The unit tests in
//! `src/` (storage, errors, argument reading) run the same way.
#![cfg(target_arch = "wasm32")]

use js_sys::{JSON, Promise, Reflect};
use storefront_sdk_wasm::ClientCore;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

fn config(source: &str) -> JsValue {
    JSON::parse(source).unwrap()
}

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
        let error = ClientCore::new(config(bad)).err().expect(bad);
        assert_eq!(code(&error), "config_error", "{bad}");
    }
}

#[wasm_bindgen_test]
async fn a_new_client_is_signed_out_in_every_storage_mode() {
    for storage in ["memory", "local", "session"] {
        let client = ClientCore::new(config(&format!(
            r#"{{"baseUrl":"http://127.0.0.1:9","publishableKey":"pk_test","storage":"{storage}","storageKey":"wasm-test-{storage}"}}"#
        )))
        .unwrap();
        let session = JsFuture::from(client.get_session()).await.unwrap();
        assert!(session.is_null(), "{storage}");
        let token = JsFuture::from(client.get_access_token()).await.unwrap();
        assert!(token.is_null(), "{storage}");
        client.dispose();
    }
}

#[wasm_bindgen_test]
async fn invalid_call_arguments_reject_without_a_request() {
    let client = ClientCore::new(config(
        r#"{"baseUrl":"http://127.0.0.1:9","publishableKey":"pk_test"}"#,
    ))
    .unwrap();
    let rejected: Promise = client.login(config(r#"{"email":"a@b.c"}"#), JsValue::UNDEFINED);
    let error = JsFuture::from(rejected).await.unwrap_err();
    assert_eq!(code(&error), "config_error");
    client.dispose();
}
