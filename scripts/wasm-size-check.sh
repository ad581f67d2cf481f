#!/usr/bin/env bash
# Size budget of the npm package built by bindings/build.sh, gzip -9:
#   - wasm + JS glue: the `.wasm` file plus the JavaScript that loads and binds it
#     (the measure the budget is set in: fails above 80 KB = 81920 bytes, or
#     WASM_SIZE_BUDGET);
#   - browser payload, reported: what a browser bundle ships of the package: the
#     glue, the gunzip decoder and the `.wasm` inlined as base64 of gzip in
#     `storefront_accounts_wasm_gzip.js`.
# Then prints where the bytes go (bindings/tools/size-breakdown.mjs), from the
# module as wasm-bindgen wrote it, names included, before wasm-opt.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pkg_dir="$repo_root/bindings/pkg"
target_dir="${CARGO_TARGET_DIR:-$repo_root/target}"
named_module="$target_dir/wasm32-unknown-unknown/wasm-release/storefront_accounts_bg.names.wasm"
budget="${WASM_SIZE_BUDGET:-81920}"

gz_size() {
  cat "$@" | gzip -9 | wc -c
}

cd "$pkg_dir"
glue=(storefront_accounts.js index.js client.js snippets/*/js/errors.js)
wasm_gz="$(gz_size storefront_accounts_bg.wasm)"
glue_gz="$(gz_size "${glue[@]}")"
wasm_and_glue=$((wasm_gz + glue_gz))
browser_payload="$(($(gz_size storefront_accounts_wasm_gzip.js) + $(gz_size gunzip.js) + glue_gz))"

echo "size (gzip -9): wasm $wasm_gz + JS glue $glue_gz = $wasm_and_glue bytes (budget $budget, $((budget - wasm_and_glue)) to spare); browser payload with inlined wasm and its gunzip $browser_payload bytes"
if [[ -f "$named_module" ]]; then
  node "$repo_root/bindings/tools/size-breakdown.mjs" "$named_module" --top "${WASM_SIZE_TOP:-0}"
fi
if ((wasm_and_glue > budget)); then
  echo "size check failed: wasm + JS glue is over the budget of $budget bytes" >&2
  exit 1
fi
