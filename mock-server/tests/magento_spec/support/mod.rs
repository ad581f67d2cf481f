//! Shared helpers of the Magento 2 REST black-box tests (`tests/magento_spec/`).
//!
//! Written from `shared/spec/magento-rest.md`, `shared/contracts/magento-rest/`, its
//! `DISCREPANCIES.md` section, seed 000 and issue 8 §5, never from the emulation's source.
//! Every test speaks plain HTTP to a mock started in-process; the clock, the outbox and the
//! options are driven through the `/__mock/*` control endpoints only.

pub mod bodies;
pub mod options;
pub mod seed;

use std::time::Duration;

use base64::Engine as _;
use serde_json::{Value, json};
use storefront_mock::{MockBackend, MockOptions, MockServer};

/// The password of seed 000 (9 characters, three classes).
pub const PASSWORD: &str = "Password1";
/// The mock's default admin user (issue 8 §5).
pub const ADMIN_USER: &str = "admin";
pub const ADMIN_PASSWORD: &str = "Admin123!";
/// Where every fixture puts its frozen clock: 2027-01-15 08:00:00 UTC.
pub const T0: i64 = 1_800_000_000;
pub const T0_TEXT: &str = "2027-01-15 08:00:00";

impl Resp {
    /// Asserts a 200 (Magento answers every success with 200: never 201 or 204) with a JSON
    /// body, and returns that body.
    #[track_caller]
    pub fn ok(&self) -> Value {
        assert_eq!(self.status, 200, "status; body = {}", self.text());
        assert_json(self);
        self.json()
    }

    /// Asserts a 200 whose body is the bare JSON string of a token, and returns the token.
    #[track_caller]
    pub fn token(&self) -> String {
        match self.ok() {
            Value::String(token) if !token.is_empty() => token,
            other => panic!("a token is a bare JSON string, got {other}"),
        }
    }

    /// Asserts the status and the exact error body (templates unsubstituted).
    #[track_caller]
    pub fn assert_error(&self, status: u16, body: Value) {
        assert_eq!(self.status, status, "status; body = {}", self.text());
        assert_eq!(self.json(), body, "error body for status {status}");
        assert_json(self);
    }

    /// Asserts the status and that the body is a Magento error object with a string `message`.
    #[track_caller]
    pub fn assert_message(&self, status: u16) -> Value {
        assert_eq!(self.status, status, "status; body = {}", self.text());
        assert_json(self);
        let body = self.json();
        assert!(body["message"].is_string(), "no `message`: {body}");
        body
    }
}

/// The response is JSON (the format follows `Accept: application/json`), never HTML.
#[track_caller]
pub fn assert_json(r: &Resp) {
    let content_type = r.header("content-type").unwrap_or_default();
    assert!(
        content_type.starts_with("application/json"),
        "content-type of a {} response: {content_type:?}; body = {}",
        r.status,
        r.text()
    );
}

/// A unique email per call.
pub fn email(tag: &str) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    format!("{tag}{}@example.com", N.fetch_add(1, Ordering::Relaxed))
}

/// A US address in the request shape of seed 000 (camelCase keys).
pub fn seed_address() -> Value {
    json!({
        "defaultShipping": true,
        "defaultBilling": true,
        "firstname": "Jane",
        "lastname": "Doe",
        "region": {"regionCode": "NY", "region": "New York", "regionId": 43},
        "postcode": "10755",
        "street": ["123 Oak Ave"],
        "city": "Purchase",
        "telephone": "512-555-1111",
        "countryId": "US"
    })
}

/// A German address (no region required) in snake_case.
pub fn de_address(city: &str) -> Value {
    json!({
        "firstname": "Erika",
        "lastname": "Mustermann",
        "street": ["Hauptstr. 1"],
        "city": city,
        "postcode": "10115",
        "country_id": "DE",
        "telephone": "030-1234567"
    })
}

/// A mock emulating Magento plus an HTTP client. The mock clock is frozen at [`T0`].
pub struct Shop {
    pub mock: MockServer,
    pub http: reqwest::Client,
}

impl Shop {
    /// A Magento mock with default options.
    pub async fn new() -> Self {
        let mock = MockServer::start_with(MockOptions::for_backend(MockBackend::Magento))
            .await
            .expect("the Magento backend starts");
        let shop = Shop {
            mock,
            http: client(),
        };
        shop.clock(json!({"set_unix": T0, "freeze": true})).await;
        shop
    }

    /// A Magento mock whose `magento` options are patched with `patch` (`POST /__mock/config`).
    pub async fn with(patch: Value) -> Self {
        let shop = Self::new().await;
        shop.configure(patch).await;
        shop
    }

    /// `POST /__mock/config {"magento": patch}`, asserting 204.
    pub async fn configure(&self, patch: Value) {
        let r = self
            .control("POST", "/__mock/config", Some(json!({ "magento": patch })))
            .await;
        assert_eq!(r.status, 204, "config {patch}: {}", r.text());
    }

    pub fn origin(&self) -> String {
        self.mock.uri()
    }

    /// Any request: `path` is relative to the origin (`/rest/default/V1/...`).
    pub async fn raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Resp {
        let url = format!("{}{path}", self.origin());
        send(&self.http, method, &url, headers, body).await
    }

    /// A JSON request to `path` (relative to the origin) with an optional bearer token.
    pub async fn call_at(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Resp {
        let bearer = token.map(|t| format!("Bearer {t}"));
        let mut headers = vec![("Accept", "application/json")];
        if let Some(b) = &bearer {
            headers.push(("Authorization", b));
        }
        let body = body.map(|b| serde_json::to_vec(&b).unwrap());
        self.raw(method, path, &headers, body).await
    }

    /// A JSON request to `/rest/default` + `path` (`/V1/...`).
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Resp {
        self.call_at(method, &format!("/rest/default{path}"), token, body)
            .await
    }

    pub async fn post(&self, path: &str, body: Value) -> Resp {
        self.call("POST", path, None, Some(body)).await
    }

    /// `POST /V1/customers` (anonymous).
    pub async fn register_raw(&self, body: Value) -> Resp {
        self.post("/V1/customers", body).await
    }

    /// Registers `email` (Jane Doe, [`PASSWORD`], no address) and returns the Customer.
    pub async fn register(&self, email: &str) -> Value {
        self.register_raw(json!({
            "customer": {"email": email, "firstname": "Jane", "lastname": "Doe"},
            "password": PASSWORD
        }))
        .await
        .ok()
    }

    /// Registers `email` with one default US address (seed 000's) and returns the Customer.
    pub async fn register_with_address(&self, email: &str) -> Value {
        self.register_raw(json!({
            "customer": {"email": email, "firstname": "Jane", "lastname": "Doe",
                         "addresses": [seed_address()]},
            "password": PASSWORD
        }))
        .await
        .ok()
    }

    /// `POST /V1/integration/customer/token`.
    pub async fn login(&self, username: &str, password: &str) -> Resp {
        self.post(
            "/V1/integration/customer/token",
            json!({"username": username, "password": password}),
        )
        .await
    }

    /// Logs in with [`PASSWORD`] and returns the token.
    pub async fn token(&self, email: &str) -> String {
        self.login(email, PASSWORD).await.token()
    }

    /// Registers `email` and logs in: (token, customer).
    pub async fn customer(&self, email: &str) -> (String, Value) {
        let customer = self.register(email).await;
        (self.token(email).await, customer)
    }

    pub async fn me(&self, token: &str) -> Resp {
        self.call("GET", "/V1/customers/me", Some(token), None)
            .await
    }

    pub async fn put_me(&self, token: &str, customer: Value) -> Resp {
        self.call(
            "PUT",
            "/V1/customers/me",
            Some(token),
            Some(json!({ "customer": customer })),
        )
        .await
    }

    pub async fn revoke(&self, token: Option<&str>) -> Resp {
        self.call(
            "POST",
            "/V1/integration/customer/revoke-customer-token",
            token,
            Some(json!({})),
        )
        .await
    }

    /// `PUT /V1/customers/password` with template `email_reset`.
    pub async fn request_reset(&self, email: &str) -> Resp {
        self.call(
            "PUT",
            "/V1/customers/password",
            None,
            Some(json!({"email": email, "template": "email_reset", "websiteId": 1})),
        )
        .await
    }

    /// Requests a reset (asserting 200 `true`) and returns the token of the newest message.
    pub async fn reset_token(&self, email: &str) -> String {
        assert_eq!(self.request_reset(email).await.ok(), json!(true));
        let messages = self.outbox(email).await;
        let last = messages.last().expect("a reset message");
        assert_eq!(last["kind"], "password_reset", "{last}");
        last["token"].as_str().expect("token").to_owned()
    }

    /// `POST /V1/customers/resetPassword`.
    pub async fn reset_password(&self, email: &str, token: &str, new_password: &str) -> Resp {
        self.post(
            "/V1/customers/resetPassword",
            json!({"email": email, "resetToken": token, "newPassword": new_password}),
        )
        .await
    }

    /// `POST /rest/V1/integration/admin/token` for the default admin user.
    pub async fn admin_token(&self) -> String {
        self.call_at(
            "POST",
            "/rest/V1/integration/admin/token",
            None,
            Some(json!({"username": ADMIN_USER, "password": ADMIN_PASSWORD})),
        )
        .await
        .token()
    }

    /// A control endpoint on the mock's origin.
    pub async fn control(&self, method: &str, path: &str, body: Option<Value>) -> Resp {
        let body = body.map(|b| serde_json::to_vec(&b).unwrap());
        self.raw(method, path, &[], body).await
    }

    /// `POST /__mock/clock` with `change`; returns the new mock time.
    pub async fn clock(&self, change: Value) -> i64 {
        let r = self.control("POST", "/__mock/clock", Some(change)).await;
        assert_eq!(r.status, 200, "clock: {}", r.text());
        r.json()["now"].as_i64().expect("now")
    }

    /// Moves the mock clock forward by `seconds`.
    pub async fn advance(&self, seconds: i64) -> i64 {
        self.clock(json!({ "advance_seconds": seconds })).await
    }

    /// `GET /__mock/outbox?to=EMAIL` messages, oldest first.
    pub async fn outbox(&self, to: &str) -> Vec<Value> {
        let path = format!("/__mock/outbox?to={}", pct(to));
        let r = self.control("GET", &path, None).await;
        assert_eq!(r.status, 200, "outbox: {}", r.text());
        let messages = r.json()["messages"].as_array().expect("messages").clone();
        for m in &messages {
            for key in ["kind", "to", "token"] {
                assert!(m[key].is_string(), "outbox message without `{key}`: {m}");
            }
            assert_eq!(m["to"], json!(to), "{m}");
        }
        messages
    }
}

/// Percent-encodes everything outside the RFC 3986 unreserved set.
pub fn pct(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

pub fn b64url(s: &str) -> Vec<u8> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(s)
        .unwrap_or_else(|e| panic!("not unpadded base64url ({e}): {s}"))
}

pub fn b64url_encode(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The decoded (header, claims) of a 3-part JWS.
#[track_caller]
pub fn jwt(token: &str) -> (Value, Value) {
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3, "a JWS has 3 parts: {token}");
    let decode = |part: &str| -> Value {
        serde_json::from_slice(&b64url(part)).unwrap_or_else(|e| panic!("JWT part ({e}): {part}"))
    };
    (decode(parts[0]), decode(parts[1]))
}

/// `token` with its claims replaced by `claims` (header and signature kept).
pub fn with_claims(token: &str, claims: &Value) -> String {
    let parts: Vec<&str> = token.split('.').collect();
    let payload = b64url_encode(&serde_json::to_vec(claims).unwrap());
    format!("{}.{payload}.{}", parts[0], parts[2])
}

/// The customer's address whose `id` is `id`.
#[track_caller]
pub fn address_by_id(customer: &Value, id: &Value) -> Value {
    customer["addresses"]
        .as_array()
        .expect("addresses")
        .iter()
        .find(|a| &a["id"] == id)
        .unwrap_or_else(|| panic!("no address {id} in {customer}"))
        .clone()
}

/// The sorted keys of a JSON object.
#[track_caller]
pub fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

/// `names`, sorted, as owned strings (to compare with [`keys`]).
pub fn sorted(names: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    names.sort();
    names
}

/// The suite's request timeout and default `Content-Type`, for the shared HTTP client.
const SUITE_TIMEOUT: Duration = Duration::from_secs(30);
const SUITE_CONTENT_TYPE: &str = "application/json";

#[path = "../../shared/http.rs"]
mod plain_http;
pub use plain_http::{Resp, client, send};
