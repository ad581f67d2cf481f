//! A Bagisto mock plus an HTTP client, and the requests the tests repeat.

use crate::common::{Resp, client, send};
use serde_json::{Value, json};
use storefront_mock::{BagistoOptions, MockBackend, MockOptions, MockServer};

/// The storefront key of every fixture.
pub const KEY: &str = "pk_storefront_test";
/// A password seed 004's rules accept.
pub const PASSWORD: &str = "Password123!";

/// One Bagisto mock, its clock frozen (tests move it explicitly).
pub struct Shop {
    pub mock: MockServer,
    pub http: reqwest::Client,
}

impl Shop {
    pub async fn new() -> Self {
        Self::with(BagistoOptions::default()).await
    }

    pub async fn with(bagisto: BagistoOptions) -> Self {
        Self::start(MockOptions {
            bagisto,
            ..MockOptions::for_backend(MockBackend::Bagisto)
        })
        .await
    }

    /// A mock with `options`, the fixture's key in force.
    pub async fn start(options: MockOptions) -> Self {
        let mock = MockServer::start_with(MockOptions {
            publishable_key: KEY.into(),
            ..options
        })
        .await
        .expect("bagisto starts");
        mock.freeze_clock(true);
        Self {
            mock,
            http: client(),
        }
    }

    /// A request to `path` below `/api/shop` with the storefront key, an optional bearer
    /// token and an optional JSON body.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Resp {
        let bearer = token.map(|token| format!("Bearer {token}"));
        let mut headers = vec![("X-STOREFRONT-KEY", KEY)];
        if let Some(bearer) = &bearer {
            headers.push(("Authorization", bearer.as_str()));
        }
        self.raw(
            method,
            path,
            &headers,
            body.map(|b| serde_json::to_vec(&b).unwrap()),
        )
        .await
    }

    /// Raw request below `/api/shop` (or absolute when `path` starts with `http`).
    pub async fn raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Resp {
        let url = if path.starts_with("http") {
            path.to_owned()
        } else {
            format!("{}{path}", self.mock.api_base())
        };
        send(&self.http, method, &url, headers, body).await
    }

    /// Registers `email` with the fixture's password and a name; returns the 201 body.
    pub async fn register(&self, email: &str) -> Value {
        self.register_with(json!({
            "firstName": "Jane",
            "lastName": "Doe",
            "email": email,
            "password": PASSWORD,
            "confirmPassword": PASSWORD,
        }))
        .await
    }

    /// Registers with `body`; asserts 201.
    pub async fn register_with(&self, body: Value) -> Value {
        let r = self.call("POST", "/customers", None, Some(body)).await;
        assert_eq!(r.status, 201, "register: {}", r.text());
        r.json()
    }

    /// Registers `email` and returns (token, customer id).
    pub async fn session(&self, email: &str) -> (String, u64) {
        let customer = self.register(email).await;
        (
            customer["token"].as_str().expect("token").to_owned(),
            customer["id"].as_u64().expect("integer id"),
        )
    }

    pub async fn login(&self, email: &str, password: &str) -> Resp {
        self.call(
            "POST",
            "/customer/login",
            None,
            Some(json!({"email": email, "password": password})),
        )
        .await
    }

    /// Logs in; returns the new token (asserts success).
    pub async fn token(&self, email: &str, password: &str) -> String {
        let r = self.login(email, password).await;
        let body = r.json();
        assert_eq!((r.status, &body["success"]), (201, &json!(true)), "{body}");
        body["token"].as_str().expect("token").to_owned()
    }

    pub async fn profile(&self, token: &str) -> Resp {
        self.call("GET", "/customer-profile", Some(token), None)
            .await
    }

    pub async fn create_address(&self, token: &str, body: Value) -> Resp {
        self.call("POST", "/customer-addresses", Some(token), Some(body))
            .await
    }
}

/// `text` as a JSON string literal.
pub fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

/// Asserts a problem body byte for byte: the status and exactly `type`, `title`, `status`,
/// `detail`, as `application/json`.
#[track_caller]
pub fn assert_problem(r: &Resp, status: u16, title: &str, detail: &str) {
    assert_eq!(r.status, status, "status; body = {}", r.text());
    let expected = format!(
        r#"{{"type":"/errors/{status}","title":{},"status":{status},"detail":{}}}"#,
        quoted(title),
        quoted(detail)
    );
    assert_eq!(r.text(), expected);
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/json")
    );
}

/// A 201 soft failure or success: `{"success","message"}` exactly.
#[track_caller]
pub fn assert_outcome(r: &Resp, success: bool, message: &str) {
    assert_eq!(r.status, 201, "soft answers are 201: {}", r.text());
    assert_eq!(
        r.text(),
        format!(r#"{{"success":{success},"message":{}}}"#, quoted(message))
    );
}

/// An address body with the unified fields only.
pub fn unified_address() -> Value {
    json!({
        "firstName": "Jane",
        "lastName": "Doe",
        "address1": "Unter den Linden 1",
        "address2": "Hinterhaus",
        "city": "Berlin",
        "postcode": "10117",
        "country": "DE",
        "phone": "+49 30 1234567"
    })
}

/// The declared example of an address write.
pub fn declared_address() -> Value {
    json!({
        "firstName": "Api",
        "lastName": "Addr",
        "companyName": "Acme Inc.",
        "vatId": "GB123456789",
        "email": "api@example.com",
        "phone": "1234567890",
        "address1": "123 Main St",
        "city": "New York",
        "state": "NY",
        "postcode": "10001",
        "country": "US",
        "defaultAddress": true
    })
}
