#!/usr/bin/env bash
# Installs what the wasm package and its tests need, on a fresh Debian machine as
# root: the wasm32 target, Debian's binaryen (wasm-opt), chromium and
# chromium-driver, Node 20+ when missing, the pinned wasm-bindgen CLI and test
# runner (built by cargo from tools/wasm-bindgen-runner) and the npm packages of
# the test harnesses (from their committed lockfiles).
# Idempotent, non-interactive and quiet; downloads no prebuilt binaries.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown >/dev/null 2>&1
fi

missing=()
for package in binaryen chromium chromium-driver; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if ((node_major < 20)); then
  missing+=(nodejs npm)
fi
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if ((node_major < 20)); then
  echo "Node 20 or later is needed; this machine has $(node --version 2>/dev/null || echo none)" >&2
  exit 1
fi

cargo build --quiet --release -p wasm-bindgen-runner

for project in bindings/tests/types examples/browser; do
  (cd "$project" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
done
