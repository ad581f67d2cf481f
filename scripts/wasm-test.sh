#!/usr/bin/env bash
# Everything of the wasm package, in order: toolchain, lint, package build
# (one module per npm entry), size budget per entry, types (tsc --strict),
# wasm-bindgen-test in Node and headless Chromium, the packed package in Node
# against the mock (each entry against its backend's emulation), the package
# bundled (a Vite SSR server bundle run alone, tree-shaking of the error class)
# and required as CommonJS, the browser end-to-end test (Vite build and dev,
# Playwright, Chromium) and the two-tab test of one session over localStorage
# (Playwright, Chromium).
# Runs every stage even after a failure and closes with "N passed, M failed".
set -uo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
target_dir="${CARGO_TARGET_DIR:-$repo_root/target}"
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
passed=0
failed=0

# Runs one stage: `stage NAME COUNTER COMMAND...`, where COUNTER is `single`
# (the stage is one check) or `cargo` / `node` (count the runner's results).
stage() {
  local name="$1" counter="$2"
  shift 2
  local log="$logs/$name.log" status=0 stage_passed stage_failed stage_skipped=0
  echo "== $name"
  "$@" >"$log" 2>&1 || status=$?
  case "$counter" in
    cargo)
      stage_passed="$(grep -o '[0-9]* passed' "$log" | awk '{ sum += $1 } END { print sum + 0 }')"
      stage_failed="$(grep -o '[0-9]* failed' "$log" | awk '{ sum += $1 } END { print sum + 0 }')"
      ;;
    node)
      stage_passed="$(awk '/^# pass / { sum += $3 } END { print sum + 0 }' "$log")"
      stage_failed="$(awk '/^# fail / { sum += $3 } END { print sum + 0 }' "$log")"
      stage_skipped="$(awk '/^# skipped / { sum += $3 } END { print sum + 0 }' "$log")"
      ;;
    *)
      stage_passed=$((status == 0))
      stage_failed=$((status != 0))
      ;;
  esac
  if ((status != 0 && stage_failed == 0)); then
    stage_failed=1
  fi
  if ((stage_failed > 0)); then
    tail -n 60 "$log"
  elif [[ "$name" == size ]]; then
    cat "$log"
  else
    grep -E '^(built|entry )' "$log" || true
  fi
  if ((stage_skipped > 0)); then
    # Skipped tests say why (e.g. a backend the mock does not emulate yet).
    grep -E '^ *ok .* # SKIP' "$log" | sed 's/^ */   /' || true
    echo "   $stage_passed passed, $stage_failed failed, $stage_skipped skipped"
  else
    echo "   $stage_passed passed, $stage_failed failed"
  fi
  passed=$((passed + stage_passed))
  failed=$((failed + stage_failed))
}

# Packs the package and unpacks the tarball into the harnesses' node_modules,
# as npm would (the package has no dependencies): their own dependencies come
# from `npm ci` (scripts/install-wasm-toolchain.sh), and nothing is resolved
# here. bindings/tests/node installs the tarball with npm into a fresh project.
install_tarball() {
  local tarball project
  tarball="$(cd bindings/pkg && npm pack --silent --pack-destination "$logs" | tail -n1)"
  for project in bindings/tests/types bindings/tests/bundling examples/browser; do
    rm -rf "$project/node_modules/storefront-accounts"
    mkdir -p "$project/node_modules/storefront-accounts"
    tar -xzf "$logs/$tarball" -C "$project/node_modules/storefront-accounts" --strip-components=1 || return 1
  done
}

wasm_bindgen_tests() {
  cargo test --locked -p storefront-sdk-wasm --target wasm32-unknown-unknown --lib --test wasm
}

export STOREFRONT_MOCK_BIN="$target_dir/debug/storefront-mock"
# The wasm-bindgen-test runner where scripts/install-wasm-toolchain.sh built it:
# .cargo/config.toml names it under the default target directory only.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="$target_dir/release/wasm-bindgen-test-runner"

stage toolchain single bash scripts/install-wasm-toolchain.sh
stage fmt single cargo fmt -p storefront-sdk-wasm -p wasm-bindgen-runner --check
# As CI lints: the SDK and the bindings for wasm32 (the bindings' tests too),
# and natively, where the bindings crate is empty.
stage clippy-wasm32 single cargo clippy --quiet --locked -p storefront-sdk -p storefront-sdk-wasm \
  --target wasm32-unknown-unknown -- -D warnings
stage clippy-wasm32-tests single cargo clippy --quiet --locked -p storefront-sdk-wasm \
  --target wasm32-unknown-unknown --all-targets -- -D warnings
stage clippy-native single cargo clippy --quiet --locked -p storefront-sdk-wasm -p wasm-bindgen-runner \
  --all-targets -- -D warnings
stage build single bash bindings/build.sh
stage size single bash scripts/wasm-size-check.sh
stage pack single install_tarball
stage types single bash -c 'cd bindings/tests/types && node_modules/.bin/tsc -p .'
stage wasm-bindgen-test-node cargo wasm_bindgen_tests
stage wasm-bindgen-test-chromium cargo env WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --locked -p storefront-sdk-wasm --target wasm32-unknown-unknown --lib --test wasm
stage mock single cargo build --quiet --locked -p storefront-mock --bin storefront-mock
stage node-package node node --test --test-reporter=tap bindings/tests/node/
# Vite SSR build and tree-shaking, CommonJS without require-of-ESM, .cts types.
stage bundling node node --test --test-reporter=tap bindings/tests/bundling/
stage e2e-browser node bash -c 'cd examples/browser && node --test --test-reporter=tap e2e/'
stage cross-tab node bash -c 'cd bindings/tests/browser && node --test --test-reporter=tap'

echo "$passed passed, $failed failed"
((failed == 0))
