//! wasm-bindgen-test suite, run in Node (default) and in headless Chromium
//! (`WASM_BINDGEN_USE_BROWSER=1`) by scripts/wasm-test.sh.

use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn reports_the_package_version() {
    assert_eq!(storefront_sdk_wasm::version(), env!("CARGO_PKG_VERSION"));
}
