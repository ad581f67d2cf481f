#!/usr/bin/env bash
# Schema-driven fuzzing of the standalone storefront-mock with schemathesis against Spree's
# OpenAPI subset. Checks: not_a_server_error, response_schema_conformance.
# Run by scripts/test-all.sh (CI) with ST_MAX_EXAMPLES=50; by hand: mock-server/conformance/schemathesis.sh [extra st args]
# Needs: pip install schemathesis (tested with 4.32.5), cargo, python3.
# Env: SPEC (default ../shared/spec/spree-store-accounts.openapi.yaml next to the workspace),
#      ST_MAX_EXAMPLES (default 100), ST_SEED (default 1).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
spec="${SPEC:-$here/contracts/spree-store-accounts.openapi.yaml}"
[ -f "$spec" ] || { echo "spec not found: $spec (set SPEC)" >&2; exit 2; }
command -v st >/dev/null || { echo "schemathesis not installed: pip install schemathesis" >&2; exit 2; }
# shellcheck source=start-mock.sh
source "$here/start-mock.sh"

# A real customer, so that the bearer endpoints are exercised past the 401.
jwt="$(curl -sf -X POST "$MOCK_URL/api/v3/store/customers" \
  -H 'X-Spree-Api-Key: pk_test' -H 'Content-Type: application/json' \
  -d '{"email":"fuzz@example.com","password":"password123"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
# The JWT lives 3600 s of mock time, longer than this run.

report="${ST_REPORT_DIR:-$here/schemathesis-report}"
# st and hypothesis keep caches (.schemathesis/, .hypothesis/) in the working directory: keep
# them out of the source tree
work="$(mktemp -d)"
set +e
(cd "$work" && st run "$spec" \
  --url "$MOCK_URL" \
  -H "X-Spree-Api-Key: pk_test" \
  -H "Authorization: Bearer $jwt" \
  --checks not_a_server_error,response_schema_conformance \
  --max-examples "${ST_MAX_EXAMPLES:-100}" \
  --seed "${ST_SEED:-1}" \
  --workers 1 \
  --request-timeout 10 \
  --report junit --report-dir "$report" \
  --no-color \
  "$@")
rc=$?
rm -rf "$work"
set -e
server_errors="$(curl -sf "$MOCK_URL/__mock/requests" | python3 -c 'import json,sys; r=json.load(sys.stdin)["requests"]; print(sum(1 for x in r if x["status"]>=500), "of", len(r))')"
echo "mock journal: $server_errors journaled requests were 5xx"
exit $rc
