//! Shared helpers for the black-box tests of `storefront-mock`.
//!
//! Written from the contract (`shared/spec/spree-v3.md`, the OpenAPI subset and issue 2),
//! not from the implementation. Every test talks HTTP to the mock, except where the Rust
//! control API (clock, outbox, faults) is itself under test.
#![allow(dead_code)]

use std::time::Duration;

use base64::Engine as _;
use serde_json::{Value, json};
use storefront_mock::{MockOptions, MockServer};

pub const KEY: &str = "pk_test";
pub const PASSWORD: &str = "password123";
pub const BASE58: &str = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

pub const CUSTOMER_KEYS: [&str; 14] = [
    "id",
    "email",
    "first_name",
    "last_name",
    "phone",
    "accepts_email_marketing",
    "full_name",
    "available_store_credit_total",
    "display_available_store_credit_total",
    "addresses",
    "default_billing_address",
    "default_shipping_address",
    "newsletter_subscriber",
    "customer_groups",
];

/// Address key order in the mock's default `dual` mode (spec §3.2, §8.1).
pub const ADDRESS_KEYS_DUAL: [&str; 20] = [
    "id",
    "first_name",
    "last_name",
    "full_name",
    "address1",
    "address2",
    "postal_code",
    "city",
    "phone",
    "company",
    "country_name",
    "country_code",
    "state_text",
    "state_code",
    "quick_checkout",
    "is_default_billing",
    "is_default_shipping",
    "state_abbr",
    "country_iso",
    "state_name",
];

pub const META_KEYS: [&str; 9] = [
    "page", "limit", "count", "pages", "from", "to", "in", "previous", "next",
];

impl Resp {
    pub fn header_all(&self, name: &str) -> Vec<String> {
        self.headers
            .get_all(name)
            .iter()
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .collect()
    }
    /// Asserts the status and the exact error envelope (`details` absent).
    #[track_caller]
    pub fn assert_error(&self, status: u16, code: &str, message: &str) {
        assert_eq!(self.status, status, "status; body = {}", self.text());
        assert_eq!(
            self.json(),
            json!({"error": {"code": code, "message": message}}),
            "error envelope for status {status}"
        );
        assert_json_content_type(self);
    }
    /// Asserts a 422 `validation_error` with exact message and details.
    #[track_caller]
    pub fn assert_validation(&self, message: &str, details: Value) {
        assert_eq!(self.status, 422, "status; body = {}", self.text());
        assert_eq!(
            self.json(),
            json!({"error": {"code": "validation_error", "message": message, "details": details}}),
        );
        assert_json_content_type(self);
    }
    #[track_caller]
    pub fn assert_status(&self, status: u16) -> &Self {
        assert_eq!(self.status, status, "status; body = {}", self.text());
        self
    }
    /// Top-level object key order of the raw body.
    pub fn keys(&self) -> Vec<String> {
        keys_of(&self.text(), &[])
    }
}

#[track_caller]
pub fn assert_json_content_type(r: &Resp) {
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/json; charset=utf-8"),
        "content-type of a {} response",
        r.status
    );
}

/// A test fixture: one mock plus an HTTP client.
pub struct Api {
    pub mock: MockServer,
    pub http: reqwest::Client,
}

impl Api {
    /// A mock with default options. Its clock is frozen: tests move it
    /// explicitly, and assertions to the second cannot race a tick.
    pub async fn new() -> Self {
        Self::frozen(MockServer::start().await)
    }

    /// A mock with `opts`, its clock frozen as in [`Api::new`].
    pub async fn with(opts: MockOptions) -> Self {
        Self::frozen(MockServer::start_with(opts).await.expect("start_with"))
    }

    fn frozen(mock: MockServer) -> Self {
        mock.freeze_clock(true);
        Api {
            mock,
            http: client(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.mock.api_base(), path)
    }

    /// Full control: method, path under the API base (or absolute if it starts with "http"),
    /// extra headers, raw body (sent with `Content-Type: application/json` unless a
    /// `content-type` header is given in `headers`).
    pub async fn raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Resp {
        let url = if path.starts_with("http") {
            path.to_string()
        } else {
            self.url(path)
        };
        send(&self.http, method, &url, headers, body).await
    }

    /// JSON request with the publishable key and an optional bearer token.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        jwt: Option<&str>,
        body: Option<Value>,
    ) -> Resp {
        let bearer = jwt.map(|t| format!("Bearer {t}"));
        let mut h: Vec<(&str, &str)> = vec![("X-Spree-Api-Key", KEY)];
        if let Some(b) = &bearer {
            h.push(("Authorization", b));
        }
        self.raw(
            method,
            path,
            &h,
            body.map(|b| serde_json::to_vec(&b).unwrap()),
        )
        .await
    }

    pub async fn post(&self, path: &str, body: Value) -> Resp {
        self.call("POST", path, None, Some(body)).await
    }

    pub async fn get_me(&self, jwt: &str) -> Resp {
        self.call("GET", "/customers/me", Some(jwt), None).await
    }

    /// Registers and returns the AuthResponse JSON; asserts 201.
    pub async fn register(&self, email: &str) -> Value {
        self.register_with(
            json!({"email": email, "password": PASSWORD, "password_confirmation": PASSWORD}),
        )
        .await
    }

    pub async fn register_with(&self, body: Value) -> Value {
        let r = self.post("/customers", body).await;
        assert_eq!(r.status, 201, "register: {}", r.text());
        r.json()
    }

    pub async fn login(&self, email: &str, password: &str) -> Resp {
        self.post("/auth/login", json!({"email": email, "password": password}))
            .await
    }

    /// Registers `email` and returns (jwt, refresh_token, user).
    pub async fn session(&self, email: &str) -> (String, String, Value) {
        let a = self.register(email).await;
        (
            a["token"].as_str().unwrap().to_string(),
            a["refresh_token"].as_str().unwrap().to_string(),
            a["user"].clone(),
        )
    }

    pub async fn refresh(&self, rt: &str) -> Resp {
        self.post("/auth/refresh", json!({"refresh_token": rt}))
            .await
    }

    pub async fn create_address(&self, jwt: &str, body: Value) -> Resp {
        self.call("POST", "/customers/me/addresses", Some(jwt), Some(body))
            .await
    }

    /// Control endpoint (no API key) on the mock's origin.
    pub async fn control(&self, method: &str, path: &str, body: Option<Value>) -> Resp {
        let url = format!("{}{}", self.mock.uri(), path);
        send(
            &self.http,
            method,
            &url,
            &[],
            body.map(|b| serde_json::to_vec(&b).unwrap()),
        )
        .await
    }

    /// Requests a reset for `email` and returns the newest outbox token for it.
    pub async fn reset_token(&self, email: &str) -> String {
        let r = self.post("/password_resets", json!({"email": email})).await;
        assert_eq!(r.status, 202, "{}", r.text());
        let msgs: Vec<_> = self
            .mock
            .outbox()
            .into_iter()
            .filter(|m| m.to == email)
            .collect();
        msgs.last().expect("outbox message").token.clone()
    }
}

/// A unique email per call, so tests sharing nothing still never collide.
pub fn email(tag: &str) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    format!("{tag}{}@example.com", N.fetch_add(1, Ordering::Relaxed))
}

pub fn b64url(s: &str) -> Vec<u8> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(s)
        .unwrap_or_else(|e| panic!("not unpadded base64url ({e}): {s}"))
}

/// Splits a JWT into (raw header JSON, raw payload JSON, signature bytes).
pub fn jwt_parts(jwt: &str) -> (String, String, Vec<u8>) {
    let parts: Vec<&str> = jwt.split('.').collect();
    assert_eq!(parts.len(), 3, "JWT has 3 parts: {jwt}");
    (
        String::from_utf8(b64url(parts[0])).unwrap(),
        String::from_utf8(b64url(parts[1])).unwrap(),
        b64url(parts[2]),
    )
}

pub fn hs256(secret: &[u8], signing_input: &str) -> Vec<u8> {
    use hmac::{Hmac, Mac};
    let mut m = Hmac::<sha2::Sha256>::new_from_slice(secret).unwrap();
    m.update(signing_input.as_bytes());
    m.finalize().into_bytes().to_vec()
}

/// Builds an HS256 JWT with the given raw payload JSON.
pub fn forge_jwt(secret: &[u8], payload: &str) -> String {
    let e = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let input = format!(
        "{}.{}",
        e.encode(br#"{"alg":"HS256"}"#),
        e.encode(payload.as_bytes())
    );
    let sig = hs256(secret, &input);
    format!("{input}.{}", e.encode(sig))
}

pub fn is_refresh_token(s: &str) -> bool {
    s.len() == 24 && s.chars().all(|c| BASE58.contains(c))
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

// ---------------------------------------------------------------------------
// Key order: serde_json's Map may sort keys, so object key order is read from the raw
// text with a small ordered deserializer.

#[derive(Debug)]
pub enum Ordered {
    Obj(Vec<(String, Ordered)>),
    Arr(Vec<Ordered>),
    Leaf,
}

impl<'de> serde::Deserialize<'de> for Ordered {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Ordered;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("json")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<Ordered, A::Error> {
                let mut v = Vec::new();
                while let Some((k, x)) = a.next_entry::<String, Ordered>()? {
                    v.push((k, x));
                }
                Ok(Ordered::Obj(v))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<Ordered, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = a.next_element::<Ordered>()? {
                    v.push(x);
                }
                Ok(Ordered::Arr(v))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Ordered, E> {
                Ok(Ordered::Leaf)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Ordered, E> {
                Ok(Ordered::Leaf)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Ordered, E> {
                Ok(Ordered::Leaf)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Ordered, E> {
                Ok(Ordered::Leaf)
            }
            fn visit_str<E>(self, _: &str) -> Result<Ordered, E> {
                Ok(Ordered::Leaf)
            }
            fn visit_unit<E>(self) -> Result<Ordered, E> {
                Ok(Ordered::Leaf)
            }
            fn visit_none<E>(self) -> Result<Ordered, E> {
                Ok(Ordered::Leaf)
            }
        }
        d.deserialize_any(V)
    }
}

/// Key order of the object found by following `path` (object keys or array indexes as
/// strings) from the root of `raw`.
pub fn keys_of(raw: &str, path: &[&str]) -> Vec<String> {
    let mut cur: Ordered = serde_json::from_str(raw).expect("json");
    for p in path {
        cur = match cur {
            Ordered::Obj(v) => v.into_iter().find(|(k, _)| k == p).expect("path key").1,
            Ordered::Arr(v) => v.into_iter().nth(p.parse().unwrap()).expect("path index"),
            Ordered::Leaf => panic!("path through leaf"),
        };
    }
    match cur {
        Ordered::Obj(v) => v.into_iter().map(|(k, _)| k).collect(),
        _ => panic!("not an object at {path:?}"),
    }
}

#[track_caller]
pub fn assert_keys(raw: &str, path: &[&str], expected: &[&str]) {
    assert_eq!(keys_of(raw, path), expected, "key order at {path:?}");
}

/// A valid US address body (5.6.1 field names).
pub fn us_address() -> Value {
    json!({
        "first_name": "John",
        "last_name": "Doe",
        "address1": "169 Lovely Street",
        "address2": "Northwest",
        "city": "New York",
        "postal_code": "10118",
        "phone": "555-555-0199",
        "company": "Company",
        "country_iso": "US",
        "state_abbr": "NY"
    })
}

pub fn de_address() -> Value {
    json!({
        "first_name": "Erika",
        "last_name": "Mustermann",
        "address1": "Hauptstr. 1",
        "city": "Berlin",
        "postal_code": "10115",
        "country_code": "DE"
    })
}

// ---------------------------------------------------------------------------
// Option builders: the single place that knows MockOptions' field names.

pub fn opts_secret(secret: &str) -> MockOptions {
    MockOptions {
        spree: storefront_mock::SpreeOptions {
            jwt_secret: Some(secret.to_string()),
            ..Default::default()
        },
        ..Default::default()
    }
}

pub fn opts_enforce() -> MockOptions {
    MockOptions {
        spree: storefront_mock::SpreeOptions {
            rate_limit_mode: storefront_mock::RateLimitMode::Enforce,
            ..Default::default()
        },
        ..Default::default()
    }
}

pub fn opts_headers_only() -> MockOptions {
    MockOptions {
        spree: storefront_mock::SpreeOptions {
            rate_limit_mode: storefront_mock::RateLimitMode::HeadersOnly,
            ..Default::default()
        },
        ..Default::default()
    }
}

pub fn opts_origins(origins: &[&str]) -> MockOptions {
    MockOptions {
        spree: storefront_mock::SpreeOptions {
            allowed_origins: origins.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// The suite's request timeout and default `Content-Type`, for the shared HTTP client.
const SUITE_TIMEOUT: Duration = Duration::from_secs(30);
const SUITE_CONTENT_TYPE: &str = "application/json";

#[path = "../shared/http.rs"]
mod plain_http;
pub use plain_http::{Resp, client, send};
