//! Shared helpers for the black-box tests of the Bagisto (`/api/shop`) emulation.
//!
//! Written from the contract alone (`shared/spec/bagisto.md`, `shared/contracts/bagisto/`,
//! `DISCREPANCIES.md` §Bagisto, seed 004, issue 11 §1 and §4, the agreed option names), never
//! from the implementation. Everything goes over plain HTTP, except starting the mock and
//! reading its clock.

use std::time::Duration;

use serde_json::{Value, json};
use storefront_mock::{MockBackend, MockOptions, MockServer};

/// A password that satisfies both rule sets (seed 004's and the code's `min:6`).
pub const PASSWORD: &str = "Password123!";
/// The API base path.
pub const SHOP: &str = "/api/shop";

/// Keys of the registration response (spec §2.1), in the documented order.
pub const REGISTER_KEYS: [&str; 18] = [
    "id",
    "firstName",
    "lastName",
    "gender",
    "dateOfBirth",
    "email",
    "phone",
    "status",
    "apiToken",
    "customerGroupId",
    "channelId",
    "subscribedToNewsLetter",
    "isVerified",
    "isSuspended",
    "token",
    "rememberToken",
    "deviceToken",
    "name",
];

/// Keys of the login response (spec §2.2), in the documented order.
pub const LOGIN_KEYS: [&str; 6] = ["id", "_id", "apiToken", "token", "success", "message"];

/// Keys of the address processor shape (create/update, spec §2.9), in the documented order.
pub const ADDRESS_WRITE_KEYS: [&str; 15] = [
    "id",
    "addressId",
    "firstName",
    "lastName",
    "companyName",
    "vatId",
    "email",
    "phone",
    "address1",
    "address2",
    "country",
    "state",
    "city",
    "postcode",
    "defaultAddress",
];

/// Keys of the address model shape (get/list, spec §2.9), in the documented order.
pub const ADDRESS_READ_KEYS: [&str; 18] = [
    "id",
    "addressType",
    "firstName",
    "lastName",
    "companyName",
    "address",
    "city",
    "state",
    "country",
    "postcode",
    "email",
    "phone",
    "vatId",
    "defaultAddress",
    "useForShipping",
    "createdAt",
    "updatedAt",
    "name",
];

impl Resp {
    #[track_caller]
    pub fn assert_status(&self, status: u16) -> &Self {
        assert_eq!(self.status, status, "status; body = {}", self.text());
        self
    }

    /// Asserts the status and that the body is exactly `expected` (a JSON response).
    #[track_caller]
    pub fn assert_json(&self, status: u16, expected: Value) {
        self.assert_status(status);
        assert_eq!(self.json(), expected, "body of the {status} response");
        assert_json_content_type(self);
    }

    /// Asserts a problem response (spec §1.3): exactly `type`, `title`, `status`, `detail`.
    #[track_caller]
    pub fn assert_problem(&self, status: u16, detail: &str) {
        self.assert_json(status, problem(status, detail));
    }

    /// Asserts a problem response of `status` whatever its detail; returns the detail.
    #[track_caller]
    pub fn assert_problem_any(&self, status: u16) -> String {
        self.assert_status(status);
        let body = self.json();
        let detail = body["detail"]
            .as_str()
            .unwrap_or_else(|| panic!("problem without a string detail: {body}"))
            .to_owned();
        assert!(!detail.is_empty(), "empty detail: {body}");
        assert_eq!(body, problem(status, &detail), "problem shape");
        assert_json_content_type(self);
        detail
    }

    /// Asserts a soft failure or success: HTTP 201 and exactly `expected`.
    #[track_caller]
    pub fn assert_201(&self, expected: Value) {
        self.assert_json(201, expected);
    }

    /// Top-level key order of the raw JSON body (objects; for an array, its first item).
    pub fn keys(&self) -> Vec<String> {
        top_level_keys(&self.text())
    }
}

/// The problem body of spec §1.3.
pub fn problem(status: u16, detail: &str) -> Value {
    let title = match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        422 => "Unprocessable Entity",
        other => panic!("no documented title for {other}"),
    };
    json!({"type": format!("/errors/{status}"), "title": title, "status": status, "detail": detail})
}

/// The documented failed-login body (spec §2.2).
pub fn login_failure(message: &str) -> Value {
    json!({"id": 0, "_id": 0, "apiToken": "", "token": "", "success": false, "message": message})
}

pub const UNAUTHENTICATED: &str = "Unauthenticated. Please login to perform this action";

/// `Content-Type: application/json` (a charset parameter is tolerated, `problem+json` is not).
#[track_caller]
pub fn assert_json_content_type(r: &Resp) {
    let ct = r.header("content-type").unwrap_or_default();
    let media = ct.split(';').next().unwrap_or_default().trim();
    assert_eq!(
        media, "application/json",
        "content-type of a {} response",
        r.status
    );
}

/// A Bagisto mock plus an HTTP client. The mock clock is frozen; tests move it.
pub struct Bag {
    pub mock: MockServer,
    pub http: reqwest::Client,
    pub key: String,
}

impl Bag {
    pub async fn new() -> Self {
        Self::with(MockOptions::for_backend(MockBackend::Bagisto)).await
    }

    pub async fn with(options: MockOptions) -> Self {
        let mock = MockServer::start_with(options)
            .await
            .expect("the Bagisto backend starts");
        mock.freeze_clock(true);
        let key = mock.publishable_key();
        Bag {
            mock,
            http: client(),
            key,
        }
    }

    /// A mock with `{"bagisto": bagisto}` applied through `POST /__mock/config`.
    pub async fn configured(bagisto: Value) -> Self {
        let bag = Self::new().await;
        bag.config(json!({ "bagisto": bagisto })).await;
        bag
    }

    /// `POST /__mock/config` with `patch`; asserts 204.
    pub async fn config(&self, patch: Value) {
        let r = self
            .control("POST", "/__mock/config", Some(patch.clone()))
            .await;
        assert_eq!(r.status, 204, "config {patch}: {}", r.text());
    }

    /// A control endpoint (no key) on the mock's origin.
    pub async fn control(&self, method: &str, path: &str, body: Option<Value>) -> Resp {
        let url = format!("{}{}", self.mock.uri(), path);
        let body = body.map(|b| serde_json::to_vec(&b).unwrap());
        send(&self.http, method, &url, &[], body).await
    }

    /// Sets the (frozen) mock clock to `unix` seconds.
    pub async fn set_clock(&self, unix: i64) {
        let r = self
            .control("POST", "/__mock/clock", Some(json!({"set_unix": unix})))
            .await;
        assert_eq!(r.status, 200, "clock: {}", r.text());
    }

    /// Moves the mock clock forward.
    pub fn advance(&self, seconds: u64) {
        self.mock.advance_clock(Duration::from_secs(seconds));
    }

    /// Raw request: `path` is absolute on the origin (e.g. `/api/shop/customers`).
    pub async fn raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Resp {
        let url = format!("{}{}", self.mock.uri(), path);
        send(&self.http, method, &url, headers, body).await
    }

    /// A JSON request under `/api/shop` with the storefront key, `Accept: application/json`
    /// and an optional bearer token.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Resp {
        let bearer = token.map(|t| format!("Bearer {t}"));
        let mut headers = vec![
            ("X-STOREFRONT-KEY", self.key.as_str()),
            ("Accept", "application/json"),
        ];
        if let Some(b) = &bearer {
            headers.push(("Authorization", b));
        }
        let body = body.map(|b| serde_json::to_vec(&b).unwrap());
        self.raw(method, &format!("{SHOP}{path}"), &headers, body)
            .await
    }

    pub async fn post(&self, path: &str, body: Value) -> Resp {
        self.call("POST", path, None, Some(body)).await
    }

    /// Registers with `body`; asserts 201 and returns the response JSON.
    pub async fn register_with(&self, body: Value) -> Value {
        let r = self.post("/customers", body).await;
        assert_eq!(r.status, 201, "register: {}", r.text());
        r.json()
    }

    /// Registers `email` with the minimal body and [`PASSWORD`].
    pub async fn register(&self, email: &str) -> Value {
        self.register_with(minimal(email)).await
    }

    /// Registers `email`; returns (customer id, bearer token).
    pub async fn session(&self, email: &str) -> (i64, String) {
        let r = self.register(email).await;
        (id_of(&r), r["token"].as_str().expect("token").to_owned())
    }

    pub async fn login(&self, email: &str, password: &str) -> Resp {
        self.post(
            "/customer/login",
            json!({"email": email, "password": password}),
        )
        .await
    }

    /// Logs in successfully; returns the bearer token.
    pub async fn login_token(&self, email: &str, password: &str) -> String {
        let r = self.login(email, password).await;
        assert_eq!(r.status, 201, "login: {}", r.text());
        let body = r.json();
        assert_eq!(body["success"], true, "login succeeded: {body}");
        body["token"].as_str().expect("token").to_owned()
    }

    pub async fn logout(&self, token: Option<&str>) -> Resp {
        self.call("POST", "/customer/logout", token, Some(json!({})))
            .await
    }

    pub async fn profile(&self, token: Option<&str>) -> Resp {
        self.call("GET", "/customer-profile", token, None).await
    }

    pub async fn update_profile(&self, id: i64, token: &str, body: Value) -> Resp {
        let path = format!("/customer-profile-updates/{id}");
        self.call("PUT", &path, Some(token), Some(body)).await
    }

    pub async fn create_address(&self, token: &str, body: Value) -> Resp {
        self.call("POST", "/customer-addresses", Some(token), Some(body))
            .await
    }

    pub async fn get_address(&self, token: &str, id: i64) -> Resp {
        let path = format!("/customer-addresses/{id}");
        self.call("GET", &path, Some(token), None).await
    }

    pub async fn list_addresses(&self, token: &str) -> Vec<Value> {
        let r = self
            .call("GET", "/customer-addresses", Some(token), None)
            .await;
        r.assert_status(200);
        r.json().as_array().expect("a JSON array").clone()
    }

    /// Creates an address; asserts 201 and returns its id.
    pub async fn address_id(&self, token: &str, body: Value) -> i64 {
        let r = self.create_address(token, body).await;
        assert_eq!(r.status, 201, "create address: {}", r.text());
        id_of(&r.json())
    }

    /// Outbox messages for `to`, over `GET /__mock/outbox?to=`.
    pub async fn outbox(&self, to: &str) -> Vec<Value> {
        let r = self
            .control("GET", &format!("/__mock/outbox?to={}", pct(to)), None)
            .await;
        r.assert_status(200);
        r.json()["messages"].as_array().expect("messages").clone()
    }
}

/// The minimal registration body.
pub fn minimal(email: &str) -> Value {
    json!({"firstName": "Ann", "lastName": "Lee", "email": email, "password": PASSWORD})
}

/// A full address body with two lines.
pub fn full_address() -> Value {
    json!({
        "firstName": "Api",
        "lastName": "Addr",
        "companyName": "Acme Inc.",
        "vatId": "GB123456789",
        "email": "api@example.com",
        "phone": "1234567890",
        "address1": "123 Main St",
        "address2": "Apt 4B",
        "city": "New York",
        "state": "NY",
        "postcode": "10001",
        "country": "US",
        "defaultAddress": false
    })
}

/// An address with only the unified fields (issue 11 §1).
pub fn unified_address() -> Value {
    json!({
        "firstName": "Erika",
        "lastName": "Mustermann",
        "address1": "Hauptstr. 1",
        "address2": "Hinterhaus",
        "city": "Berlin",
        "postcode": "10115",
        "country": "DE",
        "phone": "4930123456"
    })
}

/// The integer `id` of a response object.
#[track_caller]
pub fn id_of(v: &Value) -> i64 {
    v["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("integer id in {v}"))
}

/// A unique email per call.
pub fn email(tag: &str) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    format!("{tag}{}@example.com", N.fetch_add(1, Ordering::Relaxed))
}

/// A unique digits-only phone number per call.
pub fn phone() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(5_550_000_000);
    N.fetch_add(1, Ordering::Relaxed).to_string()
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

/// Splits a Sanctum token `<id>|<secret>`; asserts the format (spec §4).
#[track_caller]
pub fn sanctum_parts(token: &str) -> (u64, String) {
    let (id, secret) = token
        .split_once('|')
        .unwrap_or_else(|| panic!("token is `<id>|<secret>`: {token}"));
    let id: u64 = id
        .parse()
        .unwrap_or_else(|_| panic!("token id is a positive integer: {token}"));
    assert!(id > 0, "token id is positive: {token}");
    assert!(
        secret.len() == 48 && secret.bytes().all(|b| b.is_ascii_alphanumeric()),
        "token secret is 48 alphanumerics (40 random + 8 CRC32 hex): {token}"
    );
    (id, secret.to_owned())
}

/// Asserts the legacy `apiToken` format: 80 alphanumerics.
#[track_caller]
pub fn assert_api_token(v: &Value) {
    let t = v
        .as_str()
        .unwrap_or_else(|| panic!("apiToken is a string: {v}"));
    assert!(
        t.len() == 80 && t.bytes().all(|b| b.is_ascii_alphanumeric()),
        "apiToken is 80 alphanumerics: {t:?}"
    );
}

/// The same token with the last character of its secret changed.
pub fn tampered(token: &str) -> String {
    let mut chars: Vec<char> = token.chars().collect();
    let last = chars.last_mut().expect("non-empty");
    *last = if *last == 'A' { 'B' } else { 'A' };
    chars.into_iter().collect()
}

/// Unix seconds of an RFC 3339 timestamp with a numeric offset (`2026-07-02T11:16:28+05:30`).
#[track_caller]
pub fn rfc3339_unix(s: &str) -> i64 {
    let b = s.as_bytes();
    let ok = b.len() == 25
        && [4, 7].iter().all(|&i| b[i] == b'-')
        && b[10] == b'T'
        && [13, 16, 22].iter().all(|&i| b[i] == b':')
        && (b[19] == b'+' || b[19] == b'-');
    assert!(ok, "RFC 3339 with a numeric offset: {s:?}");
    let n = |r: std::ops::Range<usize>| -> i64 {
        s[r].parse().unwrap_or_else(|_| panic!("digits in {s:?}"))
    };
    let (y, mo, d) = (n(0..4), n(5..7), n(8..10));
    let (h, mi, se) = (n(11..13), n(14..16), n(17..19));
    let offset = (n(20..22) * 3600 + n(23..25) * 60) * if b[19] == b'-' { -1 } else { 1 };
    days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se - offset
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Top-level key order of a raw JSON object (or of the first item of an array).
pub fn top_level_keys(raw: &str) -> Vec<String> {
    struct Keys(Vec<String>);
    impl<'de> serde::Deserialize<'de> for Keys {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = Keys;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a JSON object or an array of objects")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut a: A,
                ) -> Result<Keys, A::Error> {
                    let mut keys = Vec::new();
                    while let Some((k, _)) = a.next_entry::<String, serde::de::IgnoredAny>()? {
                        keys.push(k);
                    }
                    Ok(Keys(keys))
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(
                    self,
                    mut a: A,
                ) -> Result<Keys, A::Error> {
                    let first: Option<Keys> = a.next_element()?;
                    while a.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                    Ok(first.unwrap_or(Keys(Vec::new())))
                }
            }
            d.deserialize_any(V)
        }
    }
    serde_json::from_str::<Keys>(raw).expect("json").0
}

#[track_caller]
pub fn assert_key_order(r: &Resp, expected: &[&str]) {
    assert_eq!(r.keys(), expected, "key order of {}", r.text());
}

/// The suite's request timeout and default `Content-Type`, for the shared HTTP client.
const SUITE_TIMEOUT: Duration = Duration::from_secs(30);
const SUITE_CONTENT_TYPE: &str = "application/json";

#[path = "../../shared/http.rs"]
mod plain_http;
pub use plain_http::{Resp, client, send};
