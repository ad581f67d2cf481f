#!/usr/bin/env bash
# Builds the npm package `storefront-accounts` into bindings/pkg/:
#   cargo (wasm32, profile wasm-release) -> wasm-bindgen (pinned, --target web)
#   -> wasm-opt (Debian binaryen) -> package.json, entries, README, licences.
#
# Entries: `index.js` (browsers and bundlers) instantiates the module synchronously
# from bytes inlined as base64 of gzip, so it needs no fetch, no top-level await
# and no bundler configuration (a fetch of `new URL(..., import.meta.url)` breaks
# under `vite dev`, vitejs/vite#8427); `node.js` (the "node" export condition) reads the
# `.wasm` file with fs, because Node's fetch cannot read file: URLs.
set -euo pipefail

bindings_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$bindings_dir/.." && pwd)"
target_dir="${CARGO_TARGET_DIR:-$repo_root/target}"
out_dir="$bindings_dir/pkg"
glue_name="storefront_accounts"
cargo_quiet=(--quiet)
[[ "${VERBOSE:-}" == 1 ]] && cargo_quiet=()

cd "$repo_root"
# No stale package survives a failed build.
rm -rf "$out_dir"

cargo build "${cargo_quiet[@]}" --locked --release -p wasm-bindgen-runner
wasm_bindgen="$target_dir/release/wasm-bindgen-runner"

# The CLI must be the exact version of the `wasm-bindgen` crate in Cargo.lock.
locked_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
cli_version="$("$wasm_bindgen" --version | awk '{ print $2 }')"
if [[ "$cli_version" != "$locked_version" ]]; then
  echo "wasm-bindgen CLI $cli_version does not match the crate $locked_version in Cargo.lock" >&2
  exit 1
fi

cargo build "${cargo_quiet[@]}" --locked -p storefront-sdk-wasm --target wasm32-unknown-unknown --profile wasm-release
input_wasm="$target_dir/wasm32-unknown-unknown/wasm-release/storefront_sdk_wasm.wasm"

mkdir -p "$out_dir"
"$wasm_bindgen" "$input_wasm" \
  --out-dir "$out_dir" \
  --out-name "$glue_name" \
  --target web \
  --omit-default-module-path \
  --no-typescript \
  --remove-producers-section

wasm_file="$out_dir/${glue_name}_bg.wasm"
# Kept with its names for the size breakdown of scripts/wasm-size-check.sh;
# wasm-opt drops the name section.
cp "$wasm_file" "$target_dir/wasm32-unknown-unknown/wasm-release/${glue_name}_bg.names.wasm"
# Passes: flattening and re-looping the control flow before two rounds of -Os
# compresses 0.5 % better than -Oz on this module (measured with binaryen 108).
# Import and export names shrink to one or two letters, in the module and in the
# glue alike (wasm-bindgen's carry a hash each: 4 KB of mostly incompressible text).
wasm-opt --flatten --rereloop -Os -Os --minify-imports-and-exports-and-modules "$wasm_file" -o "$wasm_file.opt" \
  >"$target_dir/wasm32-unknown-unknown/wasm-release/${glue_name}_renaming.txt"
mv "$wasm_file.opt" "$wasm_file"
externrefs_export="$(node "$bindings_dir/tools/minify-glue.mjs" "$out_dir/$glue_name.js" \
  "$target_dir/wasm32-unknown-unknown/wasm-release/${glue_name}_renaming.txt" "$wasm_file" \
  "./${glue_name}_bg.js" --print __wbindgen_externrefs)"
node "$bindings_dir/tools/repair-externref-export.mjs" "$wasm_file" "$externrefs_export"

# Browsers get the module gzip-compressed and base64-encoded inside a JS module.
printf '// The WebAssembly module, gzip -9 then base64.\nexport default "%s";\n' \
  "$(gzip -9 -n -c "$wasm_file" | base64 -w0)" >"$out_dir/${glue_name}_wasm_gzip.js"
cp "$bindings_dir/npm/gunzip.js" "$out_dir/gunzip.js"
node --input-type=module -e "
  import { readFileSync } from 'node:fs';
  import { gunzip } from '$out_dir/gunzip.js';
  import inlined from '$out_dir/${glue_name}_wasm_gzip.js';
  const decoded = gunzip(Uint8Array.from(atob(inlined), (char) => char.charCodeAt(0)));
  if (Buffer.compare(Buffer.from(decoded), readFileSync('$wasm_file')) !== 0) throw new Error('inlined module differs');
"

# The error class is a wasm-bindgen snippet; the entries re-export that very
# module so that `instanceof` holds for errors thrown by the SDK. The types are
# hand-written in npm/index.d.ts, in the shapes of `@spree/sdk`.
errors_module="$(grep -o "'./snippets/[^']*/js/errors.js'" "$out_dir/$glue_name.js" | head -n1 | tr -d "'")"
if [[ -z "$errors_module" ]]; then
  echo "the glue does not import js/errors.js" >&2
  exit 1
fi
for entry in index.js node.js index.d.ts; do
  sed "s#__ERRORS_MODULE__#${errors_module%.js}#" "$bindings_dir/npm/$entry" >"$out_dir/$entry"
done
cp "$bindings_dir/npm/client.js" "$out_dir/client.js"
cp "$bindings_dir/js/errors.d.ts" "$out_dir/${errors_module%.js}.d.ts"

crate_version="$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)"
sed "s/__VERSION__/$crate_version/" "$bindings_dir/npm/package.json" >"$out_dir/package.json"
cp "$bindings_dir/npm/README.md" "$out_dir/README.md"
cp "$repo_root/LICENSE-MIT" "$repo_root/LICENSE-APACHE" "$out_dir/"
rm -f "$out_dir/.gitignore"

echo "built $out_dir (storefront-accounts $crate_version)"
