"""Schemathesis hooks for schemathesis-magento.sh: a customer token that stays valid.

The fuzzed `revoke-customer-token` revokes every token of the customer issued up to a second
before it, and a fuzzed profile save may change the customer's email. So the token is fetched
again every second (the revocation instant lies a second back, so a fresh token survives it),
and when the login fails a new customer is registered first.
Env: MAGENTO_BASE (the REST base, e.g. http://127.0.0.1:4000/rest/default).
"""

import itertools
import os

import requests
import schemathesis

BASE = os.environ["MAGENTO_BASE"]
PASSWORD = "Fuzz-Pass-1"
_accounts = itertools.count()
_email = "fuzz@example.com"


def _login(email):
    response = requests.post(
        f"{BASE}/V1/integration/customer/token",
        json={"username": email, "password": PASSWORD},
        timeout=10,
    )
    return response.json() if response.status_code == 200 else None


@schemathesis.auth(refresh_interval=1)
class CustomerToken:
    def get(self, case, context):
        global _email
        token = _login(_email)
        if token is None:
            _email = f"fuzz-{next(_accounts)}@example.com"
            requests.post(
                f"{BASE}/V1/customers",
                json={
                    "customer": {"email": _email, "firstname": "Fuzz", "lastname": "Tester"},
                    "password": PASSWORD,
                },
                timeout=10,
            )
            token = _login(_email)
        return token

    def set(self, case, data, context):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"
