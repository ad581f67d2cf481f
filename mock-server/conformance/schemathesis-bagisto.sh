#!/usr/bin/env bash
# Schema-driven fuzzing of the standalone storefront-mock --backend bagisto with schemathesis
# against the operations bagisto-api declares in its own #[ApiResource] attributes (the
# declared OpenAPI of shared/contracts/bagisto/). Check: not_a_server_error (the document
# declares response examples only, no response schemas). Every request carries the storefront
# key and a real customer's Sanctum token.
# Logout is fuzzed last, in a pass of its own, so that it cannot end the session the other
# operations run with.
# Run by scripts/test-all.sh (CI) within 60 s; by hand: mock-server/conformance/schemathesis-bagisto.sh [extra st args]
# Needs: pip install schemathesis (tested with 4.32.5), cargo, python3.
# Env: SPEC (default ../shared/contracts/bagisto/bagisto-shop-customer-account.declared-openapi.json
#      next to the workspace), ST_MAX_EXAMPLES (default 50), ST_MAX_TIME (seconds of the main
#      pass, default 30; the logout pass gets 5), ST_SEED (default 1).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
spec="${SPEC:-$here/contracts/bagisto-shop-customer-account.declared-openapi.json}"
[ -f "$spec" ] || { echo "spec not found: $spec (set SPEC)" >&2; exit 2; }
command -v st >/dev/null || { echo "schemathesis not installed: pip install schemathesis" >&2; exit 2; }
MOCK_ARGS="--backend bagisto ${MOCK_ARGS:-}"
# shellcheck source=start-mock.sh
source "$here/start-mock.sh"
key=pk_test

# A real customer with two addresses, so that the bearer operations run past the 401. Its
# password is the one the declared profile-update example gives as the current password.
token="$(curl -sf -X POST "$MOCK_URL/api/shop/customers" \
  -H "X-STOREFRONT-KEY: $key" -H 'Content-Type: application/json' \
  -d '{"firstName":"Fuzz","lastName":"Er","email":"fuzz@example.com","password":"OldPassword123!"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
for _ in 1 2; do
  curl -sf -o /dev/null -X POST "$MOCK_URL/api/shop/customer-addresses" \
    -H "X-STOREFRONT-KEY: $key" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"firstName":"Fuzz","lastName":"Er","address1":"1 Main St","city":"Berlin","postcode":"10117","country":"DE"}'
done
# Sanctum tokens never expire by default.

report="${ST_REPORT_DIR:-$here/schemathesis-report}"
# st and hypothesis keep caches (.schemathesis/, .hypothesis/) in the working directory: keep
# them out of the source tree
work="$(mktemp -d)"
fuzz() {
  (cd "$work" && st run "$spec" \
    --url "$MOCK_URL" \
    -H "X-STOREFRONT-KEY: $key" \
    -H "Authorization: Bearer $token" \
    --checks not_a_server_error \
    --max-examples "${ST_MAX_EXAMPLES:-50}" \
    --seed "${ST_SEED:-1}" \
    --workers 1 \
    --request-timeout 10 \
    --report junit --report-dir "$report" \
    --no-color \
    "$@")
}
set +e
fuzz --exclude-path /api/shop/customer/logout --max-time "${ST_MAX_TIME:-30}" "$@"
rc=$?
fuzz --include-path /api/shop/customer/logout --max-time 5 "$@"
rc_logout=$?
rm -rf "$work"
set -e
server_errors="$(curl -sf "$MOCK_URL/__mock/requests" | python3 -c 'import json,sys; r=json.load(sys.stdin)["requests"]; print(sum(1 for x in r if x["status"]>=500), "of", len(r))')"
echo "mock journal: $server_errors journaled requests were 5xx"
if [ "$rc" -ne 0 ]; then exit "$rc"; fi
exit "$rc_logout"
