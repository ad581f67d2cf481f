#!/usr/bin/env bash
# Schema-driven fuzzing of the standalone storefront-mock's GraphQL endpoint (--backend magento,
# POST /graphql) with schemathesis, from Adobe's 2.4.8 SDL subset vendored in the mock crate
# (schema/magento-graphql/customer-account-2.4.8.graphql): every query and mutation field with
# generated arguments and selections, sent with a real customer token.
# Check: no_server_error_in_magentos_terms (schemathesis_magento_graphql_hooks.py: no 5xx, JSON
# always, no server-fault error entry; st's own not_a_server_error counts Magento's documented
# resolver errors, e.g. graphql-input, as server failures), and the mock's request journal must
# hold no 5xx either.
# Run by scripts/test-all.sh (CI) with ST_MAX_TIME=60; by hand:
#   mock-server/conformance/schemathesis-magento-graphql.sh [extra st args]
# Needs: pip install schemathesis (tested with 4.32.5), cargo, python3, curl.
# Env: SDL (default: the vendored 2.4.8 file), ST_MAX_EXAMPLES (default 8: every field of the
#      SDL within 60 s on a debug build), ST_SEED
#      (default 1), ST_MAX_TIME (seconds of fuzzing before st is stopped, default 60), ST_CHECKS.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sdl="${SDL:-$here/../schema/magento-graphql/customer-account-2.4.8.graphql}"
[ -f "$sdl" ] || { echo "SDL not found: $sdl (set SDL)" >&2; exit 2; }
command -v st >/dev/null || { echo "schemathesis not installed: pip install schemathesis" >&2; exit 2; }
MOCK_ARGS="--backend magento ${MOCK_ARGS:-}"
# shellcheck source=start-mock.sh
source "$here/start-mock.sh"
endpoint="$MOCK_URL/graphql"

# A real customer and its token, so that customer-only fields run past the authorization check
# (a fuzzed revokeCustomerToken ends the session; later requests then exercise the 401 path).
curl -sf "$endpoint" -H 'Content-Type: application/json' \
  -d '{"query":"mutation { createCustomerV2(input: {email: \"fuzz@example.com\", firstname: \"Fuzz\", lastname: \"Tester\", password: \"Fuzz-Pass-1\"}) { customer { email } } }"}' >/dev/null
token="$(curl -sf "$endpoint" -H 'Content-Type: application/json' \
  -d '{"query":"mutation { generateCustomerToken(email: \"fuzz@example.com\", password: \"Fuzz-Pass-1\") { token } }"}' \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"]["generateCustomerToken"]["token"])')"

export SCHEMATHESIS_HOOKS=schemathesis_magento_graphql_hooks PYTHONDONTWRITEBYTECODE=1
export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"

report="${ST_REPORT_DIR:-$here/schemathesis-report}"
# st and hypothesis keep caches (.schemathesis/, .hypothesis/) in the working directory: keep
# them out of the source tree
work="$(mktemp -d)"
set +e
(cd "$work" && timeout --signal=INT --kill-after=10 "${ST_MAX_TIME:-60}" st run "$sdl" \
  --url "$endpoint" \
  --header "Authorization: Bearer $token" \
  --checks "${ST_CHECKS:-no_server_error_in_magentos_terms}" \
  --max-examples "${ST_MAX_EXAMPLES:-8}" \
  --seed "${ST_SEED:-1}" \
  --workers 1 \
  --request-timeout 10 \
  --report junit --report-dir "$report" \
  --no-color \
  "$@")
rc=$?
rm -rf "$work"
set -e
summary="$(curl -sf "$MOCK_URL/__mock/requests" | python3 -c '
import json, sys
r = json.load(sys.stdin)["requests"]
statuses = {}
for x in r:
    statuses[x["status"]] = statuses.get(x["status"], 0) + 1
print(sum(1 for x in r if x["status"] >= 500), "of", len(r), "journaled requests were 5xx; statuses", dict(sorted(statuses.items())))')"
echo "mock journal: $summary"
case "$summary" in
  "0 of "*) ;;
  *) echo "server errors in the journal" >&2; rc=1 ;;
esac
# 124/130: st was stopped at ST_MAX_TIME, which is the time budget, not a failure.
if [ "$rc" -eq 124 ] || [ "$rc" -eq 130 ]; then rc=0; fi
exit $rc
