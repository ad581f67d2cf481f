//! A Magento mock plus an HTTP client, and the requests the tests repeat.

use crate::common::{Resp, client, send};
use serde_json::{Value, json};
use storefront_mock::{MagentoOptions, MockBackend, MockOptions, MockServer};

/// A password the default policy accepts.
pub const PASSWORD: &str = "Password1";

/// One Magento mock, its clock frozen (tests move it explicitly).
pub struct Magento {
    pub mock: MockServer,
    pub http: reqwest::Client,
}

impl Magento {
    pub async fn new() -> Self {
        Self::with(MagentoOptions::default()).await
    }

    pub async fn with(magento: MagentoOptions) -> Self {
        let mock = MockServer::start_with(MockOptions {
            magento,
            ..MockOptions::for_backend(MockBackend::Magento)
        })
        .await
        .expect("magento starts");
        mock.freeze_clock(true);
        Self {
            mock,
            http: client(),
        }
    }

    /// A request to `path` below the origin (`/rest/...`) with an optional bearer token and
    /// JSON body.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Resp {
        let bearer = token.map(|token| format!("Bearer {token}"));
        let mut headers = vec![];
        if let Some(bearer) = &bearer {
            headers.push(("Authorization", bearer.as_str()));
        }
        let url = format!("{}{path}", self.mock.uri());
        send(
            &self.http,
            method,
            &url,
            &headers,
            body.map(|b| serde_json::to_vec(&b).unwrap()),
        )
        .await
    }

    /// Raw request: headers and body bytes as given.
    pub async fn raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Resp {
        send(
            &self.http,
            method,
            &format!("{}{path}", self.mock.uri()),
            headers,
            body,
        )
        .await
    }

    /// Registers `email` with the default password and a name; returns the customer JSON.
    pub async fn register(&self, email: &str) -> Value {
        let r = self
            .call(
                "POST",
                "/rest/default/V1/customers",
                None,
                Some(json!({"customer": {"email": email, "firstname": "Jane", "lastname": "Doe"}, "password": PASSWORD})),
            )
            .await;
        assert_eq!(r.status, 200, "register: {}", r.text());
        r.json()
    }

    /// Logs in; the response as it came.
    pub async fn login(&self, email: &str, password: &str) -> Resp {
        self.call(
            "POST",
            "/rest/default/V1/integration/customer/token",
            None,
            Some(json!({"username": email, "password": password})),
        )
        .await
    }

    /// Logs in and returns the token (asserting 200 and a bare JSON string).
    pub async fn token(&self, email: &str) -> String {
        let r = self.login(email, PASSWORD).await;
        assert_eq!(r.status, 200, "login: {}", r.text());
        r.json().as_str().expect("a bare JSON string").to_owned()
    }

    /// Registers and logs in.
    pub async fn session(&self, email: &str) -> String {
        self.register(email).await;
        self.token(email).await
    }

    pub async fn me(&self, token: &str) -> Resp {
        self.call("GET", "/rest/default/V1/customers/me", Some(token), None)
            .await
    }

    pub async fn save_me(&self, token: &str, customer: Value) -> Resp {
        self.call(
            "PUT",
            "/rest/default/V1/customers/me",
            Some(token),
            Some(json!({"customer": customer})),
        )
        .await
    }

    /// Advances the mock clock.
    pub fn advance(&self, seconds: u64) {
        self.mock
            .advance_clock(std::time::Duration::from_secs(seconds));
    }
}

/// Asserts status and the exact JSON body.
#[track_caller]
pub fn assert_body(r: &Resp, status: u16, body: Value) {
    assert_eq!(r.status, status, "status; body = {}", r.text());
    assert_eq!(r.json(), body);
}

/// `"%fieldName" is required. Enter and try again.` for `field`.
pub fn required(field: &str) -> Value {
    json!({"message": "\"%fieldName\" is required. Enter and try again.", "parameters": {"fieldName": field}})
}

/// The generic sign-in error.
pub fn sign_in_incorrect() -> Value {
    json!({"message": "The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later."})
}

/// The `self` ACL refusal.
pub fn not_authorized(resource: &str) -> Value {
    json!({"message": "The consumer isn't authorized to access %resources.", "parameters": {"resources": resource}})
}

/// A German address in Magento's request shape (camelCase keys).
pub fn berlin() -> Value {
    json!({
        "firstname": "Jane", "lastname": "Doe", "street": ["Unter den Linden 1", "Hinterhaus"],
        "city": "Berlin", "postcode": "10117", "countryId": "DE", "telephone": "+49 30 1234567"
    })
}
