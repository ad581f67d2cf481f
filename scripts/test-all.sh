#!/usr/bin/env bash
# Runs every check and test of the workspace. Works on a fresh Debian machine
# (as root): it installs what it needs first, and is idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "toolchain"
rustup component add rustfmt clippy >/dev/null 2>&1 || true
bash scripts/install-wasm-toolchain.sh

step "format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy -p storefront-sdk -p storefront-sdk-wasm --target wasm32-unknown-unknown --locked -- -D warnings
cargo check -p storefront-sdk --target wasm32-unknown-unknown --locked
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked -p storefront-sdk -p storefront-mock

step "Rust tests (SDK, mock, contract suite)"
cargo test --workspace --locked --exclude storefront-sdk-wasm --exclude wasm-bindgen-runner

step "quickstart, on every backend the mock emulates"
for backend in spree magento-rest magento-graphql bagisto; do
  cargo run --quiet --locked --example quickstart -- "$backend"
done

step "the SDK's JSON parity corpus through JSON.parse (wasm-bindgen-test in Node)"
cargo test --quiet --locked -p storefront-sdk --target wasm32-unknown-unknown --lib json::parity

step "Spree's official client against the standalone mock"
bash mock-server/conformance/run.sh

step "schema-driven fuzzing of the standalone mock (schemathesis)"
command -v st >/dev/null || python3 -m pip install --quiet --disable-pip-version-check "schemathesis==4.32.5"
report_dir="$(mktemp -d)"
ST_MAX_EXAMPLES=50 ST_REPORT_DIR="$report_dir" bash mock-server/conformance/schemathesis.sh
ST_REPORT_DIR="$report_dir" bash mock-server/conformance/schemathesis-bagisto.sh   # within 60 s
rm -rf "$report_dir"

step "schema-driven fuzzing of the standalone mock on Adobe's Magento REST Swagger (schemathesis, at most 60 s)"
report_dir="$(mktemp -d)"
ST_MAX_EXAMPLES=50 ST_MAX_TIME=60 ST_REPORT_DIR="$report_dir" bash mock-server/conformance/schemathesis-magento.sh
rm -rf "$report_dir"

step "schema-driven fuzzing of the standalone mock's /graphql from Adobe's 2.4.8 SDL (schemathesis, at most 60 s)"
report_dir="$(mktemp -d)"
ST_MAX_TIME=60 ST_REPORT_DIR="$report_dir" bash mock-server/conformance/schemathesis-magento-graphql.sh
rm -rf "$report_dir"

step "wasm package: build, size, types, wasm-bindgen-test, Node and browser end-to-end"
bash scripts/wasm-test.sh
