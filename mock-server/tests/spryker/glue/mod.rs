//! Helpers for the Spryker Glue tests of `storefront-mock`: one mock with `--backend spryker`
//! semantics, JSON:API requests and the catalogue's error shape.

use std::time::Duration;

use serde_json::{Value, json};
use storefront_mock::{MockBackend, MockOptions, MockServer, SprykerOptions};

/// A password the module policy accepts.
pub const PASSWORD: &str = "Change!12345";
/// Another one.
pub const NEW_PASSWORD: &str = "Changed!67890";
/// The JSON:API media type.
pub const JSON_API: &str = "application/vnd.api+json";
/// Seed 003's request body, byte for byte.
pub const SEED_003_BODY: &str = r#"{
  "data": {
    "type": "access-tokens",
    "attributes": {
      "username": "sonia@spryker.com",
      "password": "change123"
    }
  }
}"#;

impl Resp {
    #[track_caller]
    pub fn assert_status(&self, status: u16) -> &Self {
        assert_eq!(self.status, status, "body = {}", self.text());
        self
    }

    /// Asserts a single-error document `{code, status, detail}` and the JSON:API type.
    #[track_caller]
    pub fn assert_error(&self, status: u16, code: &str, detail: &str) {
        assert_eq!(self.status, status, "body = {}", self.text());
        let errors = self.json()["errors"].clone();
        assert_eq!(
            errors,
            json!([{"code": code, "status": status, "detail": detail}]),
            "error document"
        );
        assert_eq!(self.header("content-type").as_deref(), Some(JSON_API));
        assert_eq!(
            self.header("www-authenticate").is_some(),
            status == 401,
            "WWW-Authenticate exactly on 401"
        );
    }

    /// The `detail`s of a `901` document (asserting every entry is `901`/422).
    #[track_caller]
    pub fn validation_details(&self) -> Vec<String> {
        assert_eq!(self.status, 422, "body = {}", self.text());
        self.json()["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .map(|error| {
                assert_eq!(error["code"], "901", "{error}");
                assert_eq!(error["status"], 422, "{error}");
                error["detail"].as_str().expect("detail").to_owned()
            })
            .collect()
    }

    /// `data.attributes` of a document.
    pub fn attributes(&self) -> Value {
        self.json()["data"]["attributes"].clone()
    }
}

/// `{"data":{"type":…,"attributes":…}}`.
pub fn document(kind: &str, attributes: Value) -> Value {
    json!({"data": {"type": kind, "attributes": attributes}})
}

/// A unique email.
pub fn email(tag: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    format!(
        "{tag}-{}-{}@example.com",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

/// Registration attributes every default rule accepts.
pub fn registration(email: &str) -> Value {
    json!({
        "salutation": "Mrs", "firstName": "Sonia", "lastName": "Wagner", "email": email,
        "gender": "Female", "password": PASSWORD, "confirmPassword": PASSWORD,
        "acceptedTerms": true
    })
}

/// A German address with every required attribute.
pub fn berlin() -> Value {
    json!({
        "salutation": "Mr", "firstName": "Spencor", "lastName": "Hopkin",
        "address1": "Julie-Wolfthorn-Straße", "address2": "1", "zipCode": "10115",
        "city": "Berlin", "iso2Code": "DE"
    })
}

/// A session: the tokens of a login.
#[derive(Debug, Clone)]
pub struct Session {
    pub reference: String,
    pub access: String,
    pub refresh: String,
}

/// One Spryker mock (clock frozen) and a client.
pub struct Glue {
    pub mock: MockServer,
    pub http: reqwest::Client,
}

impl Glue {
    /// Default options.
    pub async fn new() -> Self {
        Self::with(SprykerOptions::default()).await
    }

    /// These Spryker options.
    pub async fn with(spryker: SprykerOptions) -> Self {
        let mut options = MockOptions::for_backend(MockBackend::Spryker);
        options.spryker = spryker;
        Self::with_options(options).await
    }

    /// These options (the backend forced to Spryker).
    pub async fn with_options(mut options: MockOptions) -> Self {
        options.backend = MockBackend::Spryker;
        let mock = MockServer::start_with(options).await.expect("starts");
        mock.freeze_clock(true);
        Self {
            mock,
            http: client(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.mock.uri(), path)
    }

    /// A request with an optional bearer and JSON body.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Resp {
        let bearer = token.map(|token| format!("Bearer {token}"));
        let mut headers = vec![("Accept", JSON_API)];
        if let Some(bearer) = &bearer {
            headers.push(("Authorization", bearer));
        }
        send(
            &self.http,
            method,
            &self.url(path),
            &headers,
            body.map(|body| serde_json::to_vec(&body).expect("JSON")),
        )
        .await
    }

    pub async fn post(&self, path: &str, kind: &str, attributes: Value) -> Resp {
        self.call("POST", path, None, Some(document(kind, attributes)))
            .await
    }

    pub async fn get(&self, path: &str, token: &str) -> Resp {
        self.call("GET", path, Some(token), None).await
    }

    /// Registers `attributes`; asserts 201 and returns the reference.
    pub async fn register_with(&self, attributes: Value) -> String {
        let r = self.post("/customers", "customers", attributes).await;
        r.assert_status(201);
        r.json()["data"]["id"].as_str().expect("id").to_owned()
    }

    /// Registers `email` with the default password; returns the reference.
    pub async fn register(&self, email: &str) -> String {
        self.register_with(registration(email)).await
    }

    pub async fn login_response(&self, email: &str, password: &str) -> Resp {
        self.post(
            "/access-tokens",
            "access-tokens",
            json!({"username": email, "password": password}),
        )
        .await
    }

    /// Logs in (asserting 201) and returns the pair.
    pub async fn login(&self, email: &str, password: &str) -> Session {
        let r = self.login_response(email, password).await;
        r.assert_status(201);
        let attributes = r.attributes();
        let access = attributes["accessToken"]
            .as_str()
            .expect("access")
            .to_owned();
        Session {
            reference: reference_of(&access),
            access,
            refresh: attributes["refreshToken"]
                .as_str()
                .expect("refresh")
                .to_owned(),
        }
    }

    /// Registers and logs in.
    pub async fn session(&self, email: &str) -> Session {
        self.register(email).await;
        self.login(email, PASSWORD).await
    }

    pub async fn refresh(&self, refresh_token: &str) -> Resp {
        self.post(
            "/refresh-tokens",
            "refresh-tokens",
            json!({"refreshToken": refresh_token}),
        )
        .await
    }

    /// Creates an address; returns the response.
    pub async fn create_address(&self, session: &Session, attributes: Value) -> Resp {
        self.call(
            "POST",
            &format!("/customers/{}/addresses", session.reference),
            Some(&session.access),
            Some(document("addresses", attributes)),
        )
        .await
    }

    /// A control endpoint.
    pub async fn control(&self, method: &str, path: &str, body: Option<Value>) -> Resp {
        send(
            &self.http,
            method,
            &self.url(path),
            &[("Content-Type", "application/json")],
            body.map(|body| serde_json::to_vec(&body).expect("JSON")),
        )
        .await
    }

    /// The newest outbox token of `kind` sent to `to`.
    pub fn outbox_token(&self, kind: &str, to: &str) -> String {
        self.mock
            .outbox()
            .into_iter()
            .rfind(|message| message.kind == kind && message.to == to)
            .expect("an outbox message")
            .token
    }
}

/// The JSON of a base64url JWT part.
pub fn jwt_part(token: &str, index: usize) -> Value {
    use base64::Engine;
    let part = token.split('.').nth(index).expect("JWT part");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part)
        .expect("base64url");
    serde_json::from_slice(&bytes).expect("JSON")
}

/// The customer reference in an access token's `sub` (a JSON string).
pub fn reference_of(access_token: &str) -> String {
    let claims = jwt_part(access_token, 1);
    let sub: Value =
        serde_json::from_str(claims["sub"].as_str().expect("sub is a string")).expect("sub JSON");
    sub["customer_reference"]
        .as_str()
        .expect("customer_reference")
        .to_owned()
}

/// The suite's request timeout and default `Content-Type`, for the shared HTTP client.
const SUITE_TIMEOUT: Duration = Duration::from_secs(30);
const SUITE_CONTENT_TYPE: &str = JSON_API;

#[path = "../../shared/http.rs"]
mod plain_http;
pub use plain_http::{Resp, client, send};
