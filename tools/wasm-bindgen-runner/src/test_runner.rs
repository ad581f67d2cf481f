//! `wasm-bindgen-test-runner`: runs `wasm-bindgen-test` suites in Node or a
//! headless browser, at the version pinned in `Cargo.toml`.
//!
//! Used as the cargo runner for `wasm32-unknown-unknown` (see `.cargo/config.toml`).

use std::{env, process};

fn main() {
    if let Err(error) =
        wasm_bindgen_cli::wasm_bindgen_test_runner::run_cli_with_args(env::args_os())
    {
        eprintln!("error: {error:?}");
        process::exit(1);
    }
}
