#!/usr/bin/env bash
# Size budget of the npm package built by bindings/build.sh, per entry
# (`storefront-accounts/<entry>`: what a storefront that imports it downloads),
# gzip -9:
#   - wasm + JS glue: the entry's `.wasm` file plus the JavaScript that loads
#     and binds it (its glue and index.js, the shared client.js, and the
#     shared modules its glue imports: errors.js, host.js, lock.js; the
#     measure the budget is set in: fails above 80 KB = 81920 bytes, or
#     WASM_SIZE_BUDGET, for any entry);
#   - browser payload, reported: what a browser bundle ships of the entry: the
#     glue, the gunzip decoder and the `.wasm` inlined as base64 of gzip in
#     `<entry>/storefront_accounts_wasm_gzip.js`.
# Then prints where the bytes go (bindings/tools/size-breakdown.mjs), from each
# module as wasm-bindgen wrote it, names included, before wasm-opt.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pkg_dir="$repo_root/bindings/pkg"
target_dir="${CARGO_TARGET_DIR:-$repo_root/target}"
budget="${WASM_SIZE_BUDGET:-81920}"
gz_size() {
  cat "$@" | gzip -9 | wc -c
}

cd "$pkg_dir"
# The entries the package has (every directory with a module).
mapfile -t entries < <(find . -mindepth 2 -maxdepth 2 -name storefront_accounts_bg.wasm -printf '%h\n' | sed 's#^\./##' | sort)
if ((${#entries[@]} == 0)); then
  echo "size check failed: no entries in $pkg_dir" >&2
  exit 1
fi
over=()
for entry in "${entries[@]}"; do
  # The shared modules the entry's glue imports (errors.js, host.js, and
  # lock.js where the backend refreshes).
  mapfile -t shared < <(grep -o "from\"\.\./[a-z]*\.js\"" "$entry/storefront_accounts.js" | sed 's#from"\.\./##; s#"##' | sort -u)
  glue=("$entry/storefront_accounts.js" "$entry/index.js" client.js "${shared[@]}")
  wasm_gz="$(gz_size "$entry/storefront_accounts_bg.wasm")"
  glue_gz="$(gz_size "${glue[@]}")"
  wasm_and_glue=$((wasm_gz + glue_gz))
  browser_payload="$(($(gz_size "$entry/storefront_accounts_wasm_gzip.js") + $(gz_size gunzip.js) + glue_gz))"
  echo "size of $entry (gzip -9): wasm $wasm_gz + JS glue $glue_gz = $wasm_and_glue bytes (budget $budget, $((budget - wasm_and_glue)) to spare); browser payload with inlined wasm and its gunzip $browser_payload bytes"
  if ((wasm_and_glue > budget)); then
    over+=("$entry")
  fi
done
for entry in "${entries[@]}"; do
  named_module="$target_dir/wasm32-unknown-unknown/wasm-release/storefront_accounts_${entry}_bg.names.wasm"
  if [[ -f "$named_module" ]]; then
    echo "where the bytes of $entry go:"
    node "$repo_root/bindings/tools/size-breakdown.mjs" "$named_module" --top "${WASM_SIZE_TOP:-0}"
  fi
done
if ((${#over[@]})); then
  echo "size check failed: wasm + JS glue of ${over[*]} is over the budget of $budget bytes" >&2
  exit 1
fi
