#!/usr/bin/env bash
# Size budget of the npm package built by bindings/build.sh, gzip -9:
#   - wasm + JS glue: the `.wasm` file plus the JavaScript that loads and binds it;
#   - browser payload: what a browser bundle ships: the glue, the gunzip decoder and
#     the `.wasm` inlined as base64 of gzip in `storefront_accounts_wasm_gzip.js`.
# Fails when either is above the budget (default 80 KB = 81920 bytes); with
# `--report-only` it prints the verdict and exits 0, but still fails when wasm +
# glue grows past the ceiling (WASM_SIZE_CEILING, default 112 KiB = 114688 bytes:
# today's size and a little), so that the size can only go down until the budget
# is met.
# Then prints where the bytes go (bindings/tools/size-breakdown.mjs), from the
# module as wasm-bindgen wrote it, names included, before wasm-opt.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pkg_dir="$repo_root/bindings/pkg"
target_dir="${CARGO_TARGET_DIR:-$repo_root/target}"
named_module="$target_dir/wasm32-unknown-unknown/wasm-release/storefront_accounts_bg.names.wasm"
budget="${WASM_SIZE_BUDGET:-81920}"
ceiling="${WASM_SIZE_CEILING:-114688}"

gz_size() {
  cat "$@" | gzip -9 | wc -c
}

cd "$pkg_dir"
glue=(storefront_accounts.js index.js client.js snippets/*/js/errors.js)
wasm_gz="$(gz_size storefront_accounts_bg.wasm)"
glue_gz="$(gz_size "${glue[@]}")"
wasm_and_glue=$((wasm_gz + glue_gz))
browser_payload="$(($(gz_size storefront_accounts_wasm_gzip.js) + $(gz_size gunzip.js) + glue_gz))"

echo "size (gzip -9): wasm $wasm_gz + JS glue $glue_gz = $wasm_and_glue bytes; browser payload with inlined wasm $browser_payload bytes; budget $budget bytes"
if [[ -f "$named_module" ]]; then
  node "$repo_root/bindings/tools/size-breakdown.mjs" "$named_module" --top "${WASM_SIZE_TOP:-0}"
fi
status=0
for measured in "$wasm_and_glue" "$browser_payload"; do
  if ((measured > budget)); then
    status=1
  fi
done
if ((status)); then
  echo "size check failed: over the budget of $budget bytes" >&2
  if [[ "${1:-}" == "--report-only" ]]; then
    echo "(report only: not enforced)" >&2
    status=0
  fi
fi
if ((wasm_and_glue > ceiling)); then
  echo "size check failed: wasm + JS glue grew past the ceiling of $ceiling bytes" >&2
  status=1
fi
exit "$status"
