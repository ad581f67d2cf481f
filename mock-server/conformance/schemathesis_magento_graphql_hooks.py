"""Schemathesis hooks for schemathesis-magento-graphql.sh: Magento's notion of a server error.

Magento answers business failures (a wrong password, an unknown email, a missing token) as
resolver errors: an `errors` entry with a `path` and a category such as `graphql-input`, next
to `null` data, with HTTP 200 or 401 (spec magento-graphql.md §1.1). Schemathesis'
`not_a_server_error` counts every such entry as a server failure, so this check stands in for
it: a response fails when its status is 5xx, when it is not JSON, or when an error is one the
spec reserves for server faults (`Internal server error`, category `internal`) or the mock's own
bug category (`storefront-mock-bug`).
"""

import schemathesis

SERVER_CATEGORIES = {"internal", "storefront-mock-bug"}


@schemathesis.check
def no_server_error_in_magentos_terms(ctx, response, case):
    """5xx, a body that is not JSON, or a server-fault error entry."""
    if response.status_code >= 500:
        raise AssertionError(f"HTTP {response.status_code}: {response.text[:200]}")
    try:
        body = response.json()
    except ValueError as error:
        raise AssertionError(f"not JSON: {error}: {response.text[:200]}") from error
    for entry in body.get("errors") or []:
        category = (entry.get("extensions") or {}).get("category")
        if category in SERVER_CATEGORIES or entry.get("message") == "Internal server error":
            raise AssertionError(f"server fault: {entry}")
