#!/usr/bin/env bash
# Builds the npm package `storefront-accounts` into bindings/pkg/, one entry per
# backend (`storefront-accounts/<entry>`), each its own wasm module with only
# that backend's code. For each entry:
#   cargo (wasm32, profile wasm-release, the one cargo feature <entry>)
#   -> wasm-bindgen (pinned, --target web) -> wasm-opt (binaryen, npm, pinned)
#   -> pkg/<entry>/: glue, .wasm, the .wasm inlined, entry files, index.d.ts.
# Then what the entries share: the error class, the host calls, the gunzip
# decoder, the namespaces (`client.js`), the shared types; the JavaScript
# minified (terser); its CommonJS form (esbuild);
# package.json, README, licences.
#
# Adding an entry: its name below, a cargo feature of the same name in
# bindings/Cargo.toml, and its types in npm/types/<entry>.d.ts.
#
# Files of an entry: `index.js` (browsers and bundlers) instantiates the module
# synchronously from bytes inlined as base64 of gzip, so it needs no fetch, no
# top-level await and no bundler configuration (a fetch of
# `new URL(..., import.meta.url)` breaks under `vite dev`, vitejs/vite#8427);
# `node.js` (Node's `import`) inlines the same bytes, so that a bundle for the
# server (`vite build --ssr`, `ssr.noExternal`) needs no file beside it, and
# decodes them with Node's zlib; `node.cjs` (Node's `require`) is its CommonJS
# form (tools/commonjs.mjs, esbuild). All instantiate the module on the first
# `createClient`, not at import, so that a bundler drops it when only the
# error class or types are imported.
# `index.d.cts` is the CommonJS copy of `index.d.ts` (`.cts` files under
# `module: node16`), as are the shared `errors.d.cts` and `shared.d.cts`.
#
# The cargo builds share one target directory: dependencies are compiled once,
# and only the SDK, this crate and the final (LTO) link are built per entry.
# Prints each entry's build time. ENTRIES="spree" builds only the listed ones.
set -euo pipefail

# The entries, the root entry (`storefront-accounts`) first: it stays Spree.
entries=(spree magento-rest magento-graphql spryker bagisto)
if [[ -n "${ENTRIES:-}" ]]; then
  read -r -a entries <<<"$ENTRIES"
fi

bindings_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$bindings_dir/.." && pwd)"
target_dir="${CARGO_TARGET_DIR:-$repo_root/target}"
release_dir="$target_dir/wasm32-unknown-unknown/wasm-release"
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

crate_version="$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)"

# The standard library is rebuilt for the module, optimized for size with the
# rest of it, and a panic stops the module at once (a wasm `unreachable` trap,
# which JavaScript sees as a `RuntimeError: unreachable`) instead of running
# the panic machinery to format a message: 4.7 to 5.1 KB gz less per entry. These
# are unstable options of the stable toolchain, taken with `RUSTC_BOOTSTRAP=1`
# for this build only (it needs the `rust-src` component, which
# scripts/install-wasm-toolchain.sh adds); the SDK itself and its tests build
# without them. With a compiler that drops one of them the build fails here,
# loudly, rather than shipping a larger module (measured with rustc 1.95).
# Side effects: RUSTC_BOOTSTRAP also reaches this build's build scripts and
# proc macros; -Zbuild-std fetches the standard library's own dependencies
# from crates.io; `-Cpanic=immediate-abort` overrides the profile's `abort`.
# Without the reference-types feature, JavaScript values live in the glue's
# heap array instead of an externref table, and exports need no externref
# shims; without multivalue, no multi-value shims: 0.9 to 1.2 KB gz less per
# entry (glue included).
rustflags=(-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Ctarget-feature=-reference-types,-multivalue)
build_std=(-Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size)
# The flags, separated by the unit separator.
encoded_rustflags="$(printf '%s\x1f' "${rustflags[@]}")"
encoded_rustflags="${encoded_rustflags%$'\x1f'}"
# The CommonJS copy of a declaration file: its relative imports of `.js`
# files name their `.cjs` forms (declared by the `.d.cts` copies), so that
# tsc reads the whole tree as CommonJS, without TS1479.
commonjs_types() {
  sed -E "s#(from |import\\()'(\\.\\.?/[^']*)\\.js'#\\1'\\2.cjs'#g" "$1"
}

mkdir -p "$out_dir"
for entry in "${entries[@]}"; do
  if [[ ! -f "$bindings_dir/npm/types/$entry.d.ts" ]]; then
    echo "entry $entry has no types (bindings/npm/types/$entry.d.ts)" >&2
    exit 1
  fi
  started=$SECONDS
  # The module is one crate-type output without a hash in its name, written
  # anew for each feature set: it is copied away before the next entry builds.
  RUSTC_BOOTSTRAP=1 CARGO_ENCODED_RUSTFLAGS="$encoded_rustflags" \
    cargo build "${cargo_quiet[@]}" --locked -p storefront-sdk-wasm --target wasm32-unknown-unknown \
    --profile wasm-release --no-default-features --features "$entry" "${build_std[@]}"
  cargo_seconds=$((SECONDS - started))
  input_wasm="$release_dir/${glue_name}_${entry}.wasm"
  cp "$release_dir/storefront_sdk_wasm.wasm" "$input_wasm"

  entry_dir="$out_dir/$entry"
  "$wasm_bindgen" "$input_wasm" \
    --out-dir "$entry_dir" \
    --out-name "$glue_name" \
    --target web \
    --omit-default-module-path \
    --no-typescript \
    --encode-into always \
    --remove-producers-section

  wasm_file="$entry_dir/${glue_name}_bg.wasm"
  # Kept with its names for the size breakdown of scripts/wasm-size-check.sh;
  # wasm-opt drops the name section.
  cp "$wasm_file" "$release_dir/${glue_name}_${entry}_bg.names.wasm"
  # wasm-opt is binaryen 132 (npm, pinned in tools/package-lock.json). First,
  # import and export names shrink to one or two letters, in the module and in
  # the glue alike (wasm-bindgen's carry a hash each: 4 KB of mostly
  # incompressible text). Then the passes: whole-program type inference (GUFA),
  # -Os, flattening and re-looping the control flow, two more rounds of -Os,
  # all repeated while the module shrinks (-c): 1.7 % smaller in gzip than -Oz
  # (measured on the spree and magento-rest entries; GUFA and -Os before the
  # flattening save 80 to 120 B gz on every entry but spryker, which gains
  # 117). One assumption, 0.4 % more: no address computation wraps around
  # into the lowest kilobyte (--low-memory-unused; the module's memory is a
  # few megabytes, and Rust places its 1 MiB stack first, so that kilobyte is
  # only reached by a stack overflow). Not -iit: it may move a load or a
  # division out from behind the check that guards it. The target-features
  # section, which only tools read, goes.
  renaming="$release_dir/${glue_name}_${entry}_renaming.json"
  wasm_opt="$bindings_dir/tools/node_modules/.bin/wasm-opt"
  "$wasm_opt" --minify-imports-and-exports-and-modules "$wasm_file" -o "$wasm_file.opt" >"$renaming"
  "$wasm_opt" --low-memory-unused --gufa -Os --flatten --rereloop -Os -Os -c \
    --strip-target-features "$wasm_file.opt" -o "$wasm_file.opt"
  mv "$wasm_file.opt" "$wasm_file"
  node "$bindings_dir/tools/minify-glue.mjs" "$entry_dir/$glue_name.js" "$renaming" "$wasm_file" \
    "./${glue_name}_bg.js"

  # Browsers get the module gzip-compressed and base64-encoded inside a JS module.
  printf '// The WebAssembly module, gzip -9 then base64.\nexport default "%s";\n' \
    "$(gzip -9 -n -c "$wasm_file" | base64 -w0)" >"$entry_dir/${glue_name}_wasm_gzip.js"
  node --input-type=module -e "
    import { readFileSync } from 'node:fs';
    import { gunzip } from '$bindings_dir/npm/gunzip.js';
    import inlined from '$entry_dir/${glue_name}_wasm_gzip.js';
    const decoded = gunzip(Uint8Array.from(atob(inlined), (char) => char.charCodeAt(0)));
    if (Buffer.compare(Buffer.from(decoded), readFileSync('$wasm_file')) !== 0) throw new Error('inlined module differs');
  "

  # The error class (js/errors.js), the host calls (js/host.js) and, where
  # the backend refreshes, the refresh lock (js/lock.js) are wasm-bindgen
  # snippets. Every entry imports the one copy of each at the package root
  # instead, so that one error class serves them all (`instanceof` holds
  # across entries); the entries re-export it.
  mapfile -t snippets < <(grep -o "'./snippets/[^']*/js/[a-z_]*\.js'" "$entry_dir/$glue_name.js" | tr -d "'" | sort -u)
  for required in errors.js host.js; do
    if ! printf '%s\n' "${snippets[@]##*/}" | grep -qx "$required"; then
      echo "the glue of $entry does not import js/$required" >&2
      exit 1
    fi
  done
  for snippet in "${snippets[@]}"; do
    if [[ ! " errors.js host.js lock.js " == *" ${snippet##*/} "* ]] ||
      ! cmp -s "$entry_dir/$snippet" "$bindings_dir/js/${snippet##*/}"; then
      echo "the snippet $snippet of $entry is not one of js/errors.js, js/host.js, js/lock.js" >&2
      exit 1
    fi
    sed -i "s#'${snippet}'#'../${snippet##*/}'#" "$entry_dir/$glue_name.js"
  done
  rm -rf "$entry_dir/snippets" "$entry_dir/.gitignore"

  for file in index.js node.js; do
    sed -e "s#__ENTRY__#$entry#g" -e "s#__VERSION__#$crate_version#g" "$bindings_dir/npm/$file" >"$entry_dir/$file"
  done
  cp "$bindings_dir/npm/types/$entry.d.ts" "$entry_dir/index.d.ts"
  commonjs_types "$entry_dir/index.d.ts" >"$entry_dir/index.d.cts"
  echo "entry $entry: built in $((SECONDS - started)) s (cargo $cargo_seconds s)"
done

cp "$bindings_dir/js/errors.d.ts" "$bindings_dir/js/host.js" "$bindings_dir/js/lock.js" \
  "$bindings_dir/npm/gunzip.js" "$bindings_dir/npm/client.js" "$out_dir/"
# The error class, registered once per process (npm/errors.js), as an ES
# module and as CommonJS (esbuild, from bindings/tools).
node "$bindings_dir/tools/commonjs.mjs" errors "$out_dir" "$bindings_dir/js/errors.js" "$bindings_dir/npm/errors.js" \
  "$crate_version"
cp "$bindings_dir/npm/types/shared.d.ts" "$out_dir/shared.d.ts"
for types in errors shared; do
  commonjs_types "$out_dir/$types.d.ts" >"$out_dir/$types.d.cts"
done

# The JavaScript as shipped: minified (terser, from bindings/tools: npm ci there,
# as scripts/install-wasm-toolchain.sh does). The inlined modules are data.
mapfile -t scripts < <(cd "$out_dir" && find . -name '*.js' ! -name "${glue_name}_wasm_gzip.js" | sort)
(cd "$out_dir" && node "$bindings_dir/tools/minify-js.mjs" "${scripts[@]}")

# The CommonJS form of each entry (esbuild), bundled from the minified modules.
for entry in "${entries[@]}"; do
  node "$bindings_dir/tools/commonjs.mjs" entry "$out_dir" "$entry"
done

# package.json: `exports` and `files` from the entries; the root entry is the first.
node --input-type=module - "$bindings_dir/npm/package.json" "$out_dir/package.json" "$crate_version" "${entries[@]}" <<'EOF'
import { readFileSync, writeFileSync } from 'node:fs';

const [template, output, version, ...entries] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(template, 'utf8'));
// Node gets its entries (`node.js`, or `node.cjs` for `require`); everything
// else the ES module that decodes the inlined module in JavaScript, for
// `require` too (bundlers for browsers accept it). Types per condition:
// `.d.cts` for `require`, so that a `.cts` file compiles under `module: node16`.
const conditions = (entry) => ({
  import: { types: `./${entry}/index.d.ts`, node: `./${entry}/node.js`, default: `./${entry}/index.js` },
  require: { types: `./${entry}/index.d.cts`, node: `./${entry}/node.cjs`, default: `./${entry}/index.js` },
  default: `./${entry}/index.js`,
});
manifest.version = version;
manifest.main = `./${entries[0]}/index.js`;
manifest.types = `./${entries[0]}/index.d.ts`;
manifest.exports = { '.': conditions(entries[0]) };
for (const entry of entries) manifest.exports[`./${entry}`] = conditions(entry);
manifest.exports['./package.json'] = './package.json';
// The `.wasm` files stay out: every entry inlines its module.
manifest.files = [
  ...manifest.files,
  ...entries.flatMap((entry) => ['js', 'cjs', 'd.ts', 'd.cts'].map((extension) => `${entry}/*.${extension}`)),
];
// Nothing runs at import that matters unless what the module exports is
// used (the error class registers itself for the module that uses it): a
// bundler may drop what is not used.
manifest.sideEffects = false;
writeFileSync(output, `${JSON.stringify(manifest, null, 2)}\n`);
EOF
cp "$bindings_dir/npm/README.md" "$out_dir/README.md"
cp "$repo_root/LICENSE-MIT" "$repo_root/LICENSE-APACHE" "$out_dir/"

echo "built $out_dir (storefront-accounts $crate_version: ${entries[*]})"
