#!/usr/bin/env bash
# Schema-driven fuzzing of the standalone storefront-mock (--backend magento) with schemathesis
# against Adobe's own Swagger 2.0 subset of the Magento REST customer account (2.4.8).
# Check: not_a_server_error (ST_CHECKS adds more, e.g. response_schema_conformance, which the
# spec's documented differences from the Swagger fail on purpose: error `parameters` is a map
# or a list, not Adobe's array of objects; see shared/contracts/DISCREPANCIES.md).
# The Swagger's basePath is /rest/default: the run targets $MOCK_URL/rest/default/V1/...
# Run by scripts/test-all.sh (CI) with ST_MAX_TIME=60; by hand:
#   mock-server/conformance/schemathesis-magento.sh [extra st args]
# Needs: pip install schemathesis (tested with 4.32.5), cargo, python3.
# Env: SPEC (default ../shared/contracts/magento-rest/magento-rest-customer-account-2.4.8.swagger.yaml
#      next to the workspace), ST_MAX_EXAMPLES (default 100), ST_SEED (default 1),
#      ST_MAX_TIME (seconds of fuzzing before st is stopped, default 60), ST_CHECKS.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
spec="${SPEC:-$here/contracts/magento-rest-customer-account-2.4.8.swagger.yaml}"
[ -f "$spec" ] || { echo "spec not found: $spec (set SPEC)" >&2; exit 2; }
command -v st >/dev/null || { echo "schemathesis not installed: pip install schemathesis" >&2; exit 2; }
MOCK_ARGS="--backend magento ${MOCK_ARGS:-}"
# shellcheck source=start-mock.sh
source "$here/start-mock.sh"
base="$MOCK_URL/rest/default"

# A real customer, so that the `self` routes are exercised past the 401; the hooks module
# logs it in again every second (a fuzzed revoke ends every older token of the customer).
curl -sf -X POST "$base/V1/customers" -H 'Content-Type: application/json' \
  -d '{"customer":{"email":"fuzz@example.com","firstname":"Fuzz","lastname":"Tester"},"password":"Fuzz-Pass-1"}' >/dev/null
export MAGENTO_BASE="$base" SCHEMATHESIS_HOOKS=schemathesis_magento_hooks PYTHONDONTWRITEBYTECODE=1
export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"

report="${ST_REPORT_DIR:-$here/schemathesis-report}"
# st and hypothesis keep caches (.schemathesis/, .hypothesis/) in the working directory: keep
# them out of the source tree
work="$(mktemp -d)"
set +e
(cd "$work" && timeout --signal=INT --kill-after=10 "${ST_MAX_TIME:-60}" st run "$spec" \
  --url "$base" \
  --checks "${ST_CHECKS:-not_a_server_error}" \
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
