#!/usr/bin/env bash
# Starts the standalone storefront-mock on a free port, runs Spree's official @spree/sdk
# through a full account lifecycle against it (lifecycle.mjs), and stops the server.
# Usage: mock-server/conformance/run.sh   (needs cargo, python3, node >= 18, npm)
# Exit status: 0 only if every step passed ("N passed, 0 failed").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ ! -d "$here/node_modules/@spree/sdk" ] || [ ! -d "$here/node_modules/zod" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --omit=dev --loglevel=error >/dev/null)
fi
# shellcheck source=start-mock.sh
source "$here/start-mock.sh"
STOREFRONT_MOCK_URL="$MOCK_URL" SPREE_PUBLISHABLE_KEY=pk_test node "$here/lifecycle.mjs"
