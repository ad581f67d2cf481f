#!/usr/bin/env bash
# Schema-driven fuzzing of the standalone storefront-mock (--backend spryker --demo-data) with
# schemathesis against Spryker's generated OpenAPI subset. Check: not_a_server_error (the
# generated document's response shapes differ from the running Glue on purpose, e.g. the
# {"errors":[…]} envelope and an integer expiresIn: DISCREPANCIES.md, Spryker section).
# Two passes: the document as generated, then with each body's resource type and the path ids
# of the demo customer (see below). The filter_too_much health check is off: on three
# operations with a path id and the Accept-Language header Hypothesis discards too many of its
# own draws before sending any, which says nothing about the mock.
# Run by scripts/test-all.sh (CI) with ST_MAX_EXAMPLES=15 (under 60 s); by hand:
#   mock-server/conformance/schemathesis-spryker.sh [extra st args]
# Needs: pip install schemathesis (tested with 4.32.5), cargo, python3, curl.
# Env: SPEC (default ../shared/contracts/spryker-glue/spryker-glue-customer-account.openapi.yaml
#      next to the workspace), ST_MAX_EXAMPLES (per pass; default 100), ST_SEED (default 1),
#      ST_REPORT_DIR (JUnit reports; default a new temporary directory).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
spec="${SPEC:-$here/contracts/spryker-glue-customer-account.openapi.yaml}"
[ -f "$spec" ] || { echo "spec not found: $spec (set SPEC)" >&2; exit 2; }
command -v st >/dev/null || { echo "schemathesis not installed: pip install schemathesis" >&2; exit 2; }
MOCK_ARGS="--backend spryker --demo-data ${MOCK_ARGS:-}"
# shellcheck source=start-mock.sh
source "$here/start-mock.sh"

# Seed 003's demo customer (DE--21), so that the bearer endpoints are exercised past 403/401,
# and one address of hers.
json_field() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
token="$(curl -sf -X POST "$MOCK_URL/access-tokens" -H 'Content-Type: application/vnd.api+json' \
  -d '{"data":{"type":"access-tokens","attributes":{"username":"sonia@spryker.com","password":"change123"}}}' |
  json_field 'd["data"]["attributes"]["accessToken"]')"
address="$(curl -sf -X POST "$MOCK_URL/customers/DE--21/addresses" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/vnd.api+json' \
  -d '{"data":{"type":"addresses","attributes":{"salutation":"Ms","firstName":"Sonia","lastName":"Wagner","address1":"Julie-Wolfthorn-Strasse","address2":"1","zipCode":"10115","city":"Berlin","iso2Code":"DE"}}}' |
  json_field 'd["data"]["id"]')"
# The token lives 8 h of mock time, longer than this run.

report="${ST_REPORT_DIR:-$(mktemp -d)}"
echo "JUnit reports: $report/{random,own}" >&2
# st and hypothesis keep caches in the working directory: keep them out of the source tree
work="$(mktemp -d)"
# Pass 2 ("own") reaches the operations themselves. The generated document leaves `data.type`
# free and `attributes` optional, so most generated bodies are Glue's "Invalid type." or
# "Post data is invalid.", and its path ids random, so most are someone else's. Here each body
# names its resource type and one attribute (which makes `attributes` exist; the others are
# generated), and the paths name Sonia and her address; her anonymization and the address
# delete get ids that are not hers.
{
  printf '[parameters]\n"path.customerId" = "DE--21"\n"path.customerPasswordId" = "DE--21"\n"path.addressId" = "%s"\n' "$address"
  while read -r operation kind attribute value; do
    printf '\n[[operations]]\ninclude-operation-id = "%s"\nparameters = { "body.data.type" = "%s", "body.data.attributes.%s" = %s }\n' \
      "$operation" "$kind" "$attribute" "$value"
  done <<'OPERATIONS'
create-access-tokens access-tokens username "sonia@spryker.com"
create-refresh-tokens refresh-tokens refreshToken "def50200"
create-customers customers acceptedTerms true
update-customers customers salutation "Ms"
create-customers-addresses addresses iso2Code "DE"
update-customers-addresses addresses iso2Code "AT"
create-customer-forgotten-password customer-forgotten-password email "sonia@spryker.com"
update-customer-restore-password customer-restore-password restorePasswordKey "none"
update-customer-password customer-password password "wrong"
create-customer-confirmation customer-confirmation registrationKey "none"
OPERATIONS
  printf '\n[[operations]]\ninclude-operation-id = "delete-customers"\nparameters = { "path.customerId" = "DE--1" }\n'
  printf '\n[[operations]]\ninclude-operation-id = "delete-customers-addresses"\nparameters = { "path.addressId" = "not-hers" }\n'
} > "$work/own.toml"
: > "$work/random.toml"

rc=0
for pass in random own; do
  echo "== schemathesis pass: $pass"
  set +e
  (cd "$work" && st --config-file "$work/$pass.toml" run "$spec" \
    --url "$MOCK_URL" \
    -H "Authorization: Bearer $token" \
    --checks not_a_server_error \
    --max-examples "${ST_MAX_EXAMPLES:-100}" \
    --seed "${ST_SEED:-1}" \
    --workers 1 \
    --request-timeout 10 \
    --suppress-health-check filter_too_much \
    --report junit --report-dir "$report/$pass" \
    --no-color \
    "$@")
  pass_rc=$?
  set -e
  [ "$pass_rc" -eq 0 ] || rc=$pass_rc
done
rm -rf "$work"
server_errors="$(curl -sf "$MOCK_URL/__mock/requests" | python3 -c 'import json,sys; r=json.load(sys.stdin)["requests"]; print(sum(1 for x in r if x["status"]>=500), "of", len(r))')"
statuses="$(curl -sf "$MOCK_URL/__mock/requests" | python3 -c 'import json,sys,collections; r=json.load(sys.stdin)["requests"]; print(" ".join(f"{k}:{v}" for k,v in sorted(collections.Counter(x["status"] for x in r).items())))')"
echo "mock journal statuses (status:count, last 10,000 requests): $statuses"
echo "mock journal: $server_errors journaled requests were 5xx"
case "$server_errors" in
  0\ of\ *) ;;
  *) rc=1 ;;
esac
exit $rc
