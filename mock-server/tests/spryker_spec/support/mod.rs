//! Shared helpers of the Spryker Glue black-box tests.
//!
//! Written from the contract alone (`shared/spec/spryker-glue.md`, the Glue resource and
//! validation YAML, `error-codes.json`, `DISCREPANCIES.md`, seed 003, issue 10 and the agreed
//! option names), never from the emulation's source. Every test talks plain HTTP to a mock
//! started in-process; the Rust API is used only for the clock and the outbox.

mod jwt;
pub use jwt::*;

use std::collections::BTreeSet;
use std::time::Duration;

use serde_json::{Value, json};
use storefront_mock::{MockBackend, MockOptions, MockServer, OutboxMessage};

/// The JSON:API media type of every Glue response (spec §1.1).
pub const JSONAPI: &str = "application/vnd.api+json";
/// `WWW-Authenticate` of every 401 (spec §1.3).
pub const REALM: &str = r#"Bearer realm="Access to shop API""#;
/// A password that satisfies the module policy (12–128, every character class).
pub const PASSWORD: &str = "Change!12345";
/// A second password that satisfies the module policy.
pub const NEW_PASSWORD: &str = "New!Passw0rd12";

pub const INVALID_ACCESS_TOKEN: &str = "Invalid access token.";
pub const MISSING_ACCESS_TOKEN: &str = "Missing access token.";
pub const LOGIN_FAILED: &str = "Failed to authenticate user.";
pub const REFRESH_FAILED: &str = "Failed to refresh token.";
pub const BOTH_HEADERS: &str =
    "Headers request error. A user can't act as logged and not logged user at the same time.";
pub const DUPLICATE_CURRENT: &str = "If this email address is already in use, you will receive a password reset link. Otherwise you must first validate your e-mail address to finish registration. Please check your e-mail.";
pub const DUPLICATE_LEGACY: &str = "Customer with this email already exists.";
pub const UNAUTHORIZED: &str = "Unauthorized request.";
pub const ADDRESS_NOT_FOUND: &str = "Address was not found.";
pub const CUSTOMER_NOT_FOUND: &str = "Customer not found.";
pub const RESTORE_KEY_INVALID: &str = "Restore password key is not valid.";
pub const CONFIRMATION_INVALID: &str =
    "This email confirmation code is invalid or has been already used.";
pub const PASSWORDS_DIFFER: &str =
    "Value in field password should be identical to value in the confirmPassword field.";

/// Symfony's default constraint messages, as `901` details carry them (spec §1.4).
pub const NOT_BLANK: &str = "This value should not be blank.";
pub const NOT_EMAIL: &str = "This value is not a valid email address.";
pub const NOT_TRUE: &str = "This value should be true.";
pub const NOT_A_CHOICE: &str = "The value you selected is not a valid choice.";
pub const PASSWORD_CLASSES: &str = "Your password must include at least one uppercase letter, one lowercase letter, one number, and one special character from the following list: !@#$%^&*()_-+=[]{}|;:<>.,/?\\~. Non-Latin and other special characters are not allowed.";

pub fn too_short(min: usize) -> String {
    format!("This value is too short. It should have {min} characters or more.")
}

pub fn too_long(max: usize) -> String {
    format!("This value is too long. It should have {max} characters or less.")
}

impl Resp {
    #[track_caller]
    pub fn assert_status(&self, status: u16) -> &Self {
        assert_eq!(self.status, status, "status; body = {}", self.text());
        self
    }

    /// A 204: no body.
    #[track_caller]
    pub fn assert_no_content(&self) {
        self.assert_status(204);
        assert!(self.body.is_empty(), "204 with a body: {}", self.text());
    }

    #[track_caller]
    pub fn assert_jsonapi_type(&self) {
        assert_eq!(
            self.header("content-type").as_deref(),
            Some(JSONAPI),
            "content-type of a {} response ({})",
            self.status,
            self.text()
        );
    }

    /// The exact error document `{"errors":[…]}` (order of the entries free), its media type,
    /// and `WWW-Authenticate` on a 401 (spec §1.3).
    #[track_caller]
    pub fn assert_errors(&self, status: u16, expected: &[(&str, &str)]) {
        assert_eq!(self.status, status, "status; body = {}", self.text());
        self.assert_jsonapi_type();
        let doc = self.json();
        let keys: Vec<&String> = doc.as_object().expect("object").keys().collect();
        assert_eq!(
            keys,
            ["errors"],
            "top-level members of an error document: {doc}"
        );
        let got: BTreeSet<String> = doc["errors"]
            .as_array()
            .unwrap_or_else(|| panic!("`errors` is an array: {doc}"))
            .iter()
            .map(Value::to_string)
            .collect();
        let want: BTreeSet<String> = expected
            .iter()
            .map(|(code, detail)| {
                json!({"code": code, "status": status, "detail": detail}).to_string()
            })
            .collect();
        assert_eq!(got, want, "errors of a {status} response");
        assert_eq!(
            doc["errors"].as_array().map(Vec::len),
            Some(expected.len()),
            "number of errors: {doc}"
        );
        if status == 401 {
            assert_eq!(self.header("www-authenticate").as_deref(), Some(REALM));
        }
    }

    #[track_caller]
    pub fn assert_error(&self, status: u16, code: &str, detail: &str) {
        self.assert_errors(status, &[(code, detail)]);
    }

    /// `901`/422 with exactly these details (spec §1.4: one entry per violated constraint).
    #[track_caller]
    pub fn assert_violations(&self, details: &[&str]) {
        let expected: Vec<(&str, &str)> = details.iter().map(|d| ("901", *d)).collect();
        self.assert_errors(422, &expected);
    }

    /// Where the spec leaves open which of several catalogue errors an input produces: the
    /// response is exactly one of them (status, code and detail all exact).
    #[track_caller]
    pub fn assert_one_error_of(&self, options: &[(u16, &str, &str)]) {
        let doc = self.json();
        let matches = options.iter().any(|(status, code, detail)| {
            self.status == *status
                && doc == json!({"errors": [{"code": code, "status": status, "detail": detail}]})
        });
        assert!(
            matches,
            "expected exactly one of {options:?}, got {} {doc}",
            self.status
        );
        self.assert_jsonapi_type();
        if self.status == 401 {
            assert_eq!(self.header("www-authenticate").as_deref(), Some(REALM));
        }
    }

    /// `901`/422 entries that include every `required` detail and otherwise only `optional`
    /// ones (where the spec leaves open whether a second constraint also reports).
    #[track_caller]
    pub fn assert_violations_among(&self, required: &[&str], optional: &[&str]) {
        assert_eq!(self.status, 422, "status; body = {}", self.text());
        self.assert_jsonapi_type();
        let doc = self.json();
        let errors = doc["errors"].as_array().expect("errors array").clone();
        let mut details = BTreeSet::new();
        for e in &errors {
            assert_eq!(e["code"], "901", "{doc}");
            assert_eq!(e["status"], 422, "{doc}");
            let keys: BTreeSet<&String> = e.as_object().unwrap().keys().collect();
            assert_eq!(keys.len(), 3, "code, status, detail: {e}");
            details.insert(e["detail"].as_str().expect("detail").to_string());
        }
        assert_eq!(details.len(), errors.len(), "no duplicate entries: {doc}");
        for want in required {
            assert!(details.contains(*want), "missing {want:?} in {doc}");
        }
        for got in &details {
            assert!(
                required.contains(&got.as_str()) || optional.contains(&got.as_str()),
                "unexpected {got:?} in {doc}"
            );
        }
    }

    /// A missing required attribute: one `901` naming it, as a missing field (Symfony's
    /// `Collection`) or a blank value (`NotBlank`).
    #[track_caller]
    pub fn assert_missing(&self, field: &str) {
        let missing = format!("{field} => This field is missing.");
        let blank = format!("{field} => {NOT_BLANK}");
        self.assert_one_error_of(&[(422, "901", &missing), (422, "901", &blank)]);
    }

    /// A single-resource document of `type_` whose `links.self` ends with `self_path`; returns
    /// `data`.
    #[track_caller]
    pub fn resource(&self, status: u16, type_: &str, self_path: &str) -> Value {
        self.assert_status(status);
        self.assert_jsonapi_type();
        let doc = self.json();
        assert_resource(&doc["data"], type_, self_path);
        doc["data"].clone()
    }

    /// A collection document: `data` an array of `type_` resources, top-level `links.self`
    /// ending with `self_path`; returns the resources.
    #[track_caller]
    pub fn collection(&self, type_: &str, self_path: &str) -> Vec<Value> {
        self.assert_status(200);
        self.assert_jsonapi_type();
        let doc = self.json();
        assert_self_link(&doc["links"], self_path);
        let items = doc["data"]
            .as_array()
            .unwrap_or_else(|| panic!("collection `data` is an array: {doc}"))
            .clone();
        for item in &items {
            assert_eq!(item["type"], type_, "{item}");
            assert!(item["id"].is_string(), "collection member id: {item}");
            assert!(item["attributes"].is_object(), "{item}");
            assert!(item["links"]["self"].is_string(), "{item}");
        }
        items
    }
}

/// A JSON:API resource object: `type`, `id` (string or null), `attributes`, `links.self`.
#[track_caller]
pub fn assert_resource(data: &Value, type_: &str, self_path: &str) {
    assert!(data.is_object(), "`data` is a resource object: {data}");
    assert_eq!(data["type"], type_, "resource type: {data}");
    let id = data
        .get("id")
        .unwrap_or_else(|| panic!("`id` present: {data}"));
    assert!(id.is_string() || id.is_null(), "id: {data}");
    assert!(data["attributes"].is_object(), "attributes: {data}");
    assert_self_link(&data["links"], self_path);
}

/// `links.self` is an absolute http(s) URL ending with `path`.
#[track_caller]
pub fn assert_self_link(links: &Value, path: &str) {
    let link = links["self"]
        .as_str()
        .unwrap_or_else(|| panic!("links.self is a string: {links}"));
    assert!(
        link.starts_with("http://") || link.starts_with("https://"),
        "links.self is absolute: {link}"
    );
    assert!(link.ends_with(path), "links.self {link} ends with {path}");
}

/// `{"data":{"type":…,"attributes":…}}`.
pub fn doc(type_: &str, attributes: Value) -> Value {
    json!({"data": {"type": type_, "attributes": attributes}})
}

/// `{"data":{"type":…,"id":…,"attributes":…}}`.
pub fn doc_id(type_: &str, id: &str, attributes: Value) -> Value {
    json!({"data": {"type": type_, "id": id, "attributes": attributes}})
}

/// Registration attributes that pass every default rule (spec §2.1).
pub fn customer(email: &str) -> Value {
    json!({
        "salutation": "Mrs",
        "firstName": "Sonia",
        "lastName": "Wagner",
        "email": email,
        "gender": "Female",
        "password": PASSWORD,
        "confirmPassword": PASSWORD,
        "acceptedTerms": true
    })
}

/// `base` with `patch`'s members replaced (a `null` removes the member).
pub fn with(mut base: Value, patch: Value) -> Value {
    for (key, value) in patch.as_object().expect("object patch") {
        if value.is_null() {
            base.as_object_mut().unwrap().remove(key);
        } else {
            base[key] = value.clone();
        }
    }
    base
}

/// Address attributes that pass every rule (spec §2.11).
pub fn address() -> Value {
    json!({
        "salutation": "Mr",
        "firstName": "Spencor",
        "lastName": "Hopkin",
        "address1": "Julie-Wolfthorn-Straße",
        "address2": "1",
        "address3": "Hinterhaus",
        "zipCode": "10115",
        "city": "Berlin",
        "iso2Code": "DE",
        "company": "Spryker",
        "phone": "+49 30 1234567",
        "isDefaultShipping": false,
        "isDefaultBilling": false
    })
}

/// A unique email per call.
pub fn email(tag: &str) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    format!("{tag}{}@example.com", N.fetch_add(1, Ordering::Relaxed))
}

/// A logged-in customer.
#[derive(Debug, Clone)]
pub struct Session {
    pub email: String,
    pub reference: String,
    pub access: String,
    pub refresh: String,
}

/// A Spryker mock plus an HTTP client; the mock clock is frozen, tests move it.
pub struct Glue {
    pub mock: MockServer,
    pub http: reqwest::Client,
}

impl Glue {
    /// Default options.
    pub async fn new() -> Self {
        let mock = MockServer::start_with(MockOptions::for_backend(MockBackend::Spryker))
            .await
            .expect("the spryker backend starts");
        mock.freeze_clock(true);
        Glue {
            mock,
            http: client(),
        }
    }

    /// Spryker options `spryker` (the agreed JSON names) applied through `POST /__mock/config`,
    /// then a reset, so that seeded customers (`demo_data`) exist.
    pub async fn with(spryker: Value) -> Self {
        let glue = Self::new().await;
        glue.configure(spryker).await;
        glue.control("POST", "/__mock/reset", None)
            .await
            .assert_status(204);
        glue.mock.freeze_clock(true);
        glue
    }

    /// The demo shop customer of seed 003 (`demo_data`).
    pub async fn demo() -> Self {
        Self::with(json!({"demo_data": true})).await
    }

    /// `POST /__mock/config` `{"spryker": spryker}`; asserts 204.
    pub async fn configure(&self, spryker: Value) {
        let r = self
            .control(
                "POST",
                "/__mock/config",
                Some(json!({ "spryker": spryker })),
            )
            .await;
        assert_eq!(r.status, 204, "config {spryker}: {}", r.text());
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.mock.uri(), path)
    }

    pub async fn raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Resp {
        send(&self.http, method, &self.url(path), headers, body).await
    }

    /// A JSON:API call with an optional bearer token.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Resp {
        let bearer = token.map(|t| format!("Bearer {t}"));
        let mut headers: Vec<(&str, &str)> = vec![("Accept", JSONAPI)];
        if let Some(b) = &bearer {
            headers.push(("Authorization", b));
        }
        let body = body.map(|b| serde_json::to_vec(&b).unwrap());
        self.raw(method, path, &headers, body).await
    }

    pub async fn control(&self, method: &str, path: &str, body: Option<Value>) -> Resp {
        let body = body.map(|b| serde_json::to_vec(&b).unwrap());
        let headers = [("Content-Type", "application/json")];
        self.raw(method, path, &headers, body).await
    }

    pub fn advance(&self, seconds: u64) {
        self.mock.advance_clock(Duration::from_secs(seconds));
    }

    pub async fn register_with(&self, attributes: Value) -> Resp {
        self.call(
            "POST",
            "/customers",
            None,
            Some(doc("customers", attributes)),
        )
        .await
    }

    /// Registers `email` with the default attributes; returns the customer reference.
    pub async fn register(&self, email: &str) -> String {
        let r = self.register_with(customer(email)).await;
        assert_eq!(r.status, 201, "register {email}: {}", r.text());
        r.json()["data"]["id"]
            .as_str()
            .expect("reference")
            .to_string()
    }

    pub async fn login(&self, username: &str, password: &str) -> Resp {
        let body = doc(
            "access-tokens",
            json!({"username": username, "password": password}),
        );
        self.call("POST", "/access-tokens", None, Some(body)).await
    }

    /// Logs in (asserting 201) and returns the pair.
    pub async fn login_ok(&self, email: &str, password: &str) -> (String, String) {
        let r = self.login(email, password).await;
        assert_eq!(r.status, 201, "login {email}: {}", r.text());
        let a = &r.json()["data"]["attributes"];
        (
            a["accessToken"].as_str().expect("accessToken").to_string(),
            a["refreshToken"]
                .as_str()
                .expect("refreshToken")
                .to_string(),
        )
    }

    /// Registers and logs in a fresh customer.
    pub async fn session(&self, tag: &str) -> Session {
        let email = email(tag);
        let reference = self.register(&email).await;
        let (access, refresh) = self.login_ok(&email, PASSWORD).await;
        Session {
            email,
            reference,
            access,
            refresh,
        }
    }

    pub async fn refresh(&self, refresh_token: &str) -> Resp {
        let body = doc("refresh-tokens", json!({ "refreshToken": refresh_token }));
        self.call("POST", "/refresh-tokens", None, Some(body)).await
    }

    pub async fn get_customer(&self, access: &str, reference: &str) -> Resp {
        let path = format!("/customers/{reference}");
        self.call("GET", &path, Some(access), None).await
    }

    pub async fn create_address(&self, s: &Session, attributes: Value) -> Resp {
        let path = format!("/customers/{}/addresses", s.reference);
        let body = doc("addresses", attributes);
        self.call("POST", &path, Some(&s.access), Some(body)).await
    }

    /// Outbox messages of `kind` to `to`, oldest first.
    pub fn outbox(&self, kind: &str, to: &str) -> Vec<OutboxMessage> {
        self.mock
            .outbox()
            .into_iter()
            .filter(|m| m.kind == kind && m.to == to)
            .collect()
    }

    /// Requests a password reset for `email` (asserting 204) and returns the newest restore key.
    pub async fn restore_key(&self, email: &str) -> String {
        let body = doc("customer-forgotten-password", json!({ "email": email }));
        let r = self
            .call("POST", "/customer-forgotten-password", None, Some(body))
            .await;
        r.assert_no_content();
        let messages = self.outbox("password_reset", email);
        messages
            .last()
            .expect("a password_reset message")
            .token
            .clone()
    }

    /// `PATCH /customer-restore-password/{path_id}` with `key` in the body.
    pub async fn restore(&self, path_id: &str, key: &str, password: &str, confirm: &str) -> Resp {
        let body = doc_id(
            "customer-restore-password",
            path_id,
            json!({"restorePasswordKey": key, "password": password, "confirmPassword": confirm}),
        );
        let path = format!("/customer-restore-password/{path_id}");
        self.call("PATCH", &path, None, Some(body)).await
    }
}

/// The suite's request timeout and default `Content-Type`, for the shared HTTP client.
const SUITE_TIMEOUT: Duration = Duration::from_secs(60);
const SUITE_CONTENT_TYPE: &str = JSONAPI;

#[path = "../../shared/http.rs"]
mod plain_http;
pub use plain_http::{Resp, client, send};
