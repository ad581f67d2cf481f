#!/usr/bin/env bash
# Installs what the wasm package and its tests (scripts/wasm-test.sh) need, on a
# fresh Debian machine as root, each only when missing:
#   - rustfmt, clippy and rust-src (the package rebuilds the standard library,
#     bindings/build.sh), and the wasm32-unknown-unknown target (rustup);
#   - chromium and chromium-driver (Debian);
#   - Node 20 or later with npm: the machine's (this project's machines ship
#     Node 20), else Debian's when its archive has 20+ (trixie and later);
#   - the pinned wasm-bindgen CLI and test runner, built by cargo from
#     tools/wasm-bindgen-runner;
#   - the npm packages of the package build (binaryen's wasm-opt, terser,
#     esbuild) and of the test harnesses, with `npm ci` from their committed
#     lockfiles.
# Idempotent, non-interactive and quiet. Prebuilt code comes only from the npm
# lockfiles (esbuild's binary, binaryen's wasm-opt compiled to WebAssembly).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

export DEBIAN_FRONTEND=noninteractive
apt_updated=0
apt_install() {
  if ((!apt_updated)); then
    apt-get update -qq >/dev/null
    apt_updated=1
  fi
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
missing_packages() {
  local package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      echo "$package"
    fi
  done
}
node_major() {
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

installed_components="$(rustup component list --installed 2>/dev/null || true)"
for component in rustfmt clippy rust-src; do
  if ! grep -q "^$component" <<<"$installed_components"; then
    rustup component add "$component" >/dev/null 2>&1
  fi
done
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown >/dev/null 2>&1
fi

mapfile -t missing < <(missing_packages chromium chromium-driver)
if ((${#missing[@]})); then
  apt_install "${missing[@]}"
fi

if (($(node_major) < 20)) || ! command -v npm >/dev/null; then
  candidate="$(apt-cache policy nodejs 2>/dev/null | awk '/Candidate:/ { print $2 }')"
  if [[ "${candidate%%.*}" =~ ^[0-9]+$ ]] && ((${candidate%%.*} >= 20)); then
    apt_install nodejs npm
  fi
fi
if (($(node_major) < 20)); then
  echo "Node 20 or later is needed; this machine has $(node --version 2>/dev/null || echo none)" >&2
  exit 1
fi

cargo build --quiet --locked --release -p wasm-bindgen-runner

for project in bindings/tools bindings/tests/types bindings/tests/bundling bindings/tests/browser examples/browser; do
  (cd "$project" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
done
