//! `wasm-bindgen-runner`: the wasm-bindgen CLI at the version pinned in `Cargo.toml`.
//!
//! Accepts the same arguments as upstream `wasm-bindgen`; the bin cannot be
//! named `wasm-bindgen` because that clashes with the library crate name.

use std::{env, process};

fn main() {
    if let Err(error) = wasm_bindgen_cli::wasm_bindgen::run_cli_with_args(env::args_os()) {
        eprintln!("error: {error:?}");
        process::exit(1);
    }
}
