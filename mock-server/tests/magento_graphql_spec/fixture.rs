//! A Magento mock plus a plain HTTP client, the GraphQL and REST requests the tests repeat,
//! and the one place that names the mock's options ([`options`]).

use std::time::Duration;

use serde_json::{Value, json};
use storefront_mock::{MockBackend, MockOptions, MockServer};

/// A password the default policy accepts (9 characters, three classes).
pub const PASSWORD: &str = "Password1";
/// Where every fixture freezes its clock: 2027-01-15 08:00:00 UTC.
pub const T0: i64 = 1_800_000_000;
/// The generic sign-in failure (spec §2.2).
pub const SIGN_IN_FAILED: &str = "The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.";
/// The missing/expired/revoked token error (spec §1.1, §2.3, §3).
pub const NOT_AUTHORIZED: &str = "The current customer isn't authorized.";

/// The names of the mock's options, as JSON patches of the `magento` object (`MockOptions`
/// merged at start, or `POST /__mock/config`): the serialised names of `MagentoOptions`, the
/// GraphQL ones (spec §9) in its `graphql` object. If the mock renames one, only this module
/// changes.
pub mod options {
    use serde_json::{Value, json};

    /// `graphql-authorization` errors answered with HTTP 200 instead of the default 401.
    pub fn authorization_status_200() -> Value {
        json!({"graphql": {"authorization_status": "ok"}})
    }

    /// The emulated server version (`"2.4.7"`, `"2.4.8"` default, `"2.4.9"`).
    pub fn server_version(version: &str) -> Value {
        json!({"graphql": {"version": version}})
    }

    /// Pre-2.4.4 opaque 32-character tokens instead of JWTs (DISCREPANCIES.md, Magento REST 7).
    pub fn opaque_tokens() -> Value {
        json!({"token_format": "opaque"})
    }

    /// `customer/create_account/confirm` on.
    pub fn confirmation_required() -> Value {
        json!({"confirmation_required": true})
    }

    /// The unconfirmed-login message of 2.4.7 and older (the generic sign-in error).
    pub fn unconfirmed_message_generic() -> Value {
        json!({"unconfirmed_login_message": "generic"})
    }

    /// Customer token lifetime in seconds.
    pub fn token_ttl(seconds: i64) -> Value {
        json!({"customer_token_ttl": seconds})
    }

    /// Token-service lockout: `failures` failed token requests lock for `seconds`.
    pub fn lockout(failures: i64, seconds: i64) -> Value {
        json!({"lockout": {"max_failures": failures, "timeout": seconds}})
    }

    /// Several patches merged into one object, nested objects key by key (later keys win).
    pub fn all(patches: &[Value]) -> Value {
        fn merge(into: &mut Value, patch: &Value) {
            match (into, patch) {
                (Value::Object(into), Value::Object(patch)) => {
                    for (k, v) in patch {
                        merge(into.entry(k.clone()).or_insert(Value::Null), v);
                    }
                }
                (into, patch) => *into = patch.clone(),
            }
        }
        let mut merged = json!({});
        for patch in patches {
            merge(&mut merged, patch);
        }
        merged
    }
}

impl Resp {
    /// Asserts a 200 GraphQL success: JSON, only a `data` key, no `errors`. Returns `data`.
    #[track_caller]
    pub fn data(&self) -> Value {
        assert_eq!(self.status, 200, "status; body = {}", self.text());
        assert_json(self);
        let body = self.json();
        assert!(
            body.get("errors").is_none(),
            "a success has no `errors`: {body}"
        );
        assert_eq!(
            keys(&body),
            ["data"],
            "a successful response has only `data`: {body}"
        );
        body["data"].clone()
    }

    /// Asserts a GraphQL response that failed at one root field (`path[0]`), per spec §1.1:
    /// exactly one error with `message`, `locations`, `path` and `extensions.category`, and
    /// `data` holding `null` for that field. Returns the whole body.
    #[track_caller]
    pub fn field_error(&self, status: u16, path: &[&str], category: &str, message: &str) -> Value {
        assert_eq!(self.status, status, "status; body = {}", self.text());
        assert_json(self);
        let body = self.json();
        let errors = body["errors"]
            .as_array()
            .unwrap_or_else(|| panic!("`errors` is an array: {body}"));
        assert_eq!(errors.len(), 1, "one error: {body}");
        let error = &errors[0];
        assert_eq!(error["message"], json!(message), "message: {body}");
        assert_eq!(error["path"], json!(path), "path: {body}");
        assert_eq!(
            error["extensions"]["category"],
            json!(category),
            "category: {body}"
        );
        assert_locations(error);
        assert_eq!(
            body["data"][path[0]],
            Value::Null,
            "data holds null for the failed root field: {body}"
        );
        assert!(
            body["data"].is_object(),
            "data is an object next to a field error: {body}"
        );
        body
    }

    /// As [`Resp::field_error`] where the spec names the message but not the category: the
    /// category is any non-empty string.
    #[track_caller]
    pub fn field_error_message(&self, status: u16, path: &[&str], message: &str) -> Value {
        let body = self.json();
        let category = body["errors"][0]["extensions"]["category"]
            .as_str()
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| panic!("a category: {body}"))
            .to_owned();
        self.field_error(status, path, &category, message)
    }

    /// Asserts a request-level error (syntax or schema validation, spec §1.1): never a 5xx, a
    /// JSON body with a non-empty `errors` array whose entries all have a string `message`,
    /// no category or `graphql`, and no data (absent or null). Returns the errors.
    #[track_caller]
    pub fn request_error(&self) -> Vec<Value> {
        assert!(
            self.status < 500,
            "a request error is never a 5xx: {} {}",
            self.status,
            self.text()
        );
        assert_json(self);
        let body = self.json();
        let errors = body["errors"]
            .as_array()
            .unwrap_or_else(|| panic!("`errors` is an array: {body}"))
            .clone();
        assert!(!errors.is_empty(), "at least one error: {body}");
        for error in &errors {
            assert!(error["message"].is_string(), "message: {body}");
            assert_ne!(
                error["message"],
                json!("Internal server error"),
                "a bad request is not masked as a server error: {body}"
            );
            let category = &error["extensions"]["category"];
            assert!(
                category.is_null() || category == "graphql",
                "a validation error has no category (or `graphql`): {body}"
            );
        }
        assert!(
            body.get("data").is_none_or(Value::is_null),
            "a validation error has no data: {body}"
        );
        errors
    }

    /// The messages of a request error, joined (for `contains` checks).
    #[track_caller]
    pub fn request_error_text(&self) -> String {
        self.request_error()
            .iter()
            .map(|e| e["message"].as_str().unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Every error location is a non-empty list of 1-based `{line, column}`.
#[track_caller]
pub fn assert_locations(error: &Value) {
    let locations = error["locations"]
        .as_array()
        .unwrap_or_else(|| panic!("`locations` is an array: {error}"));
    assert!(!locations.is_empty(), "locations: {error}");
    for l in locations {
        assert!(
            l["line"].as_u64().is_some_and(|n| n >= 1)
                && l["column"].as_u64().is_some_and(|n| n >= 1),
            "a location is 1-based {{line, column}}: {error}"
        );
    }
}

/// The response is JSON.
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

/// The keys of a JSON object, in document order (serde_json's `Value` may sort them, so the
/// order is read from the raw text).
#[track_caller]
pub fn ordered_keys(raw: &str, path: &[&str]) -> Vec<String> {
    let mut current: Ordered = serde_json::from_str(raw).expect("json");
    for p in path {
        current = match current {
            Ordered::Object(entries) => {
                entries
                    .into_iter()
                    .find(|(k, _)| k == p)
                    .unwrap_or_else(|| panic!("no key {p} in {raw}"))
                    .1
            }
            Ordered::Array(items) => items
                .into_iter()
                .nth(p.parse().expect("an index"))
                .unwrap_or_else(|| panic!("no index {p} in {raw}")),
            Ordered::Leaf => panic!("path {path:?} goes through a leaf in {raw}"),
        };
    }
    match current {
        Ordered::Object(entries) => entries.into_iter().map(|(k, _)| k).collect(),
        _ => panic!("not an object at {path:?} in {raw}"),
    }
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

/// A JSON document with its object keys in document order.
enum Ordered {
    Object(Vec<(String, Ordered)>),
    Array(Vec<Ordered>),
    Leaf,
}

impl<'de> serde::Deserialize<'de> for Ordered {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Ordered;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<Ordered, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = a.next_entry::<String, Ordered>()? {
                    entries.push(entry);
                }
                Ok(Ordered::Object(entries))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<Ordered, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = a.next_element::<Ordered>()? {
                    items.push(item);
                }
                Ok(Ordered::Array(items))
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
        }
        d.deserialize_any(Visitor)
    }
}

/// A JSON text with the whitespace outside strings removed (to compare a documented,
/// pretty-printed body with the compact wire form, key order included).
pub fn compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// The documents of spec §2, verbatim.
pub mod docs {
    pub const CREATE_CUSTOMER_V2: &str = "mutation CreateCustomer($input: CustomerCreateInput!) {
  createCustomerV2(input: $input) {
    customer { firstname lastname email is_subscribed confirmation_status }
  }
}";
    pub const LOGIN: &str = "mutation Login($email: String!, $password: String!) {
  generateCustomerToken(email: $email, password: $password) { token }
}";
    pub const LOGOUT: &str = "mutation Logout { revokeCustomerToken { result } }";
    pub const REQUEST_RESET: &str =
        "mutation RequestReset($email: String!) { requestPasswordResetEmail(email: $email) }";
    pub const RESET_PASSWORD: &str =
        "mutation ResetPassword($email: String!, $token: String!, $password: String!) {
  resetPassword(email: $email, resetPasswordToken: $token, newPassword: $password)
}";
    pub const ME: &str = "query Me {
  customer {
    firstname lastname middlename prefix suffix email
    date_of_birth gender is_subscribed created_at confirmation_status
    default_billing default_shipping
    addresses {
      id firstname lastname company street city postcode
      region { region region_code region_id } region_id
      country_code telephone vat_id default_billing default_shipping
    }
  }
}";
    pub const UPDATE_ME: &str = "mutation UpdateMe($input: CustomerUpdateInput!) {
  updateCustomerV2(input: $input) { customer { firstname lastname email is_subscribed } }
}";
    pub const UPDATE_EMAIL: &str = "mutation UpdateEmail($email: String!, $password: String!) {
  updateCustomerEmail(email: $email, password: $password) { customer { email } }
}";
    pub const CHANGE_PASSWORD: &str = "mutation ChangePassword($current: String!, $new: String!) {
  changeCustomerPassword(currentPassword: $current, newPassword: $new) { email }
}";
    pub const CREATE_ADDRESS: &str = "mutation CreateAddress($input: CustomerAddressInput!) {
  createCustomerAddress(input: $input) {
    id firstname lastname street city postcode country_code telephone
    region { region region_code region_id } default_billing default_shipping
  }
}";
    pub const UPDATE_ADDRESS: &str = "mutation UpdateAddress($id: Int!, $input: CustomerAddressInput) {
  updateCustomerAddress(id: $id, input: $input) { id city postcode default_billing default_shipping }
}";
    pub const DELETE_ADDRESS: &str =
        "mutation DeleteAddress($id: Int!) { deleteCustomerAddress(id: $id) }";
}

/// A mock emulating Magento plus an HTTP client. The mock clock is frozen at [`T0`].
pub struct Shop {
    pub mock: MockServer,
    pub http: reqwest::Client,
}

impl Shop {
    /// A Magento mock with default options.
    pub async fn new() -> Self {
        Self::with(json!({})).await
    }

    /// A Magento mock started with its `magento` options patched by `patch` (see [`options`]).
    pub async fn with(patch: Value) -> Self {
        Self::start(json!({ "magento": patch })).await
    }

    /// A Magento mock started with its options patched by `patch` (the whole options object).
    pub async fn start(patch: Value) -> Self {
        let options = MockOptions::for_backend(MockBackend::Magento)
            .merged_with(&patch)
            .unwrap_or_else(|e| panic!("the options patch {patch} applies: {e}"));
        let mock = MockServer::start_with(options)
            .await
            .expect("the Magento backend starts");
        mock.set_clock(T0);
        mock.freeze_clock(true);
        Shop {
            mock,
            http: client(),
        }
    }

    /// `POST /__mock/config {"magento": patch}` on the running mock, asserting 204.
    pub async fn configure(&self, patch: Value) {
        let r = self
            .raw(
                "POST",
                "/__mock/config",
                &[],
                Some(serde_json::to_vec(&json!({ "magento": patch })).unwrap()),
            )
            .await;
        assert_eq!(r.status, 204, "config {patch}: {}", r.text());
    }

    /// Any request: `path` is relative to the origin.
    pub async fn raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Resp {
        let url = format!("{}{path}", self.mock.uri());
        send(&self.http, method, &url, headers, body).await
    }

    /// `POST /graphql` with a JSON body as given and an optional bearer token.
    pub async fn post_graphql(&self, body: &Value, token: Option<&str>) -> Resp {
        let bearer = token.map(|t| format!("Bearer {t}"));
        let mut headers = vec![("Content-Type", "application/json")];
        if let Some(b) = &bearer {
            headers.push(("Authorization", b));
        }
        self.raw(
            "POST",
            "/graphql",
            &headers,
            Some(serde_json::to_vec(body).unwrap()),
        )
        .await
    }

    /// `POST /graphql` with `query` and `variables`.
    pub async fn gql(&self, query: &str, variables: Value, token: Option<&str>) -> Resp {
        self.post_graphql(&json!({"query": query, "variables": variables}), token)
            .await
    }

    /// `GET /graphql?query=…` plus extra query parameters (already encoded).
    pub async fn get_graphql(&self, query: &str, extra: &str, token: Option<&str>) -> Resp {
        let bearer = token.map(|t| format!("Bearer {t}"));
        let mut headers = vec![];
        if let Some(b) = &bearer {
            headers.push(("Authorization", b.as_str()));
        }
        let path = format!("/graphql?query={}{extra}", pct(query));
        self.raw("GET", &path, &headers, None).await
    }

    /// `createCustomerV2` with the spec's document; the response as it came.
    pub async fn create_v2(&self, input: Value) -> Resp {
        self.gql(docs::CREATE_CUSTOMER_V2, json!({ "input": input }), None)
            .await
    }

    /// Registers `email` (Jane Doe, [`PASSWORD`]) through `createCustomerV2`; returns the customer.
    pub async fn register(&self, email: &str) -> Value {
        let data = self
            .create_v2(json!({"email": email, "firstname": "Jane", "lastname": "Doe", "password": PASSWORD}))
            .await
            .data();
        data["createCustomerV2"]["customer"].clone()
    }

    /// `generateCustomerToken` with the spec's document.
    pub async fn login(&self, email: &str, password: &str) -> Resp {
        self.gql(
            docs::LOGIN,
            json!({"email": email, "password": password}),
            None,
        )
        .await
    }

    /// Logs in through GraphQL with [`PASSWORD`] and returns the token.
    pub async fn token(&self, email: &str) -> String {
        let data = self.login(email, PASSWORD).await.data();
        data["generateCustomerToken"]["token"]
            .as_str()
            .unwrap_or_else(|| panic!("a token string: {data}"))
            .to_owned()
    }

    /// Registers and logs in through GraphQL.
    pub async fn session(&self, email: &str) -> String {
        self.register(email).await;
        self.token(email).await
    }

    /// `query { customer { <selection> } }` with `token`.
    pub async fn customer(&self, selection: &str, token: Option<&str>) -> Resp {
        self.gql(
            &format!("query {{ customer {{ {selection} }} }}"),
            json!({}),
            token,
        )
        .await
    }

    /// `revokeCustomerToken` with the spec's document.
    pub async fn logout(&self, token: Option<&str>) -> Resp {
        self.gql(docs::LOGOUT, json!({}), token).await
    }

    /// `createCustomerAddress` with the spec's document.
    pub async fn create_address(&self, token: &str, input: Value) -> Resp {
        self.gql(docs::CREATE_ADDRESS, json!({ "input": input }), Some(token))
            .await
    }

    /// Creates an address and returns its `id`.
    pub async fn address_id(&self, token: &str, input: Value) -> i64 {
        let data = self.create_address(token, input).await.data();
        data["createCustomerAddress"]["id"]
            .as_i64()
            .unwrap_or_else(|| panic!("an Int id: {data}"))
    }

    /// A JSON request to the REST API, `/rest/default` + `path`.
    pub async fn rest(
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
        self.raw(method, &format!("/rest/default{path}"), &headers, body)
            .await
    }

    /// REST login; returns the token (a bare JSON string).
    pub async fn rest_token(&self, email: &str, password: &str) -> String {
        let r = self
            .rest(
                "POST",
                "/V1/integration/customer/token",
                None,
                Some(json!({"username": email, "password": password})),
            )
            .await;
        assert_eq!(r.status, 200, "REST login: {}", r.text());
        r.json()
            .as_str()
            .expect("a bare JSON string token")
            .to_owned()
    }

    /// REST `GET /V1/customers/me`.
    pub async fn rest_me(&self, token: &str) -> Resp {
        self.rest("GET", "/V1/customers/me", Some(token), None)
            .await
    }

    /// REST registration of `email` (Jane Doe, [`PASSWORD`]).
    pub async fn rest_register(&self, email: &str) -> Value {
        let r = self
            .rest(
                "POST",
                "/V1/customers",
                None,
                Some(json!({"customer": {"email": email, "firstname": "Jane", "lastname": "Doe"}, "password": PASSWORD})),
            )
            .await;
        assert_eq!(r.status, 200, "REST register: {}", r.text());
        r.json()
    }

    /// REST revoke with `token`.
    pub async fn rest_revoke(&self, token: &str) -> Resp {
        self.rest(
            "POST",
            "/V1/integration/customer/revoke-customer-token",
            Some(token),
            Some(json!({})),
        )
        .await
    }

    /// The token of the newest outbox message of `kind` to `to`.
    #[track_caller]
    pub fn outbox_token(&self, kind: &str, to: &str) -> String {
        self.mock
            .outbox()
            .into_iter()
            .rev()
            .find(|m| m.kind == kind && m.to == to)
            .unwrap_or_else(|| panic!("a {kind} message to {to} in the outbox"))
            .token
    }

    /// Moves the mock clock forward.
    pub fn advance(&self, seconds: u64) {
        self.mock.advance_clock(Duration::from_secs(seconds));
    }
}

/// A US address input of `CustomerAddressInput` (Arizona, as in the spec's example; 4 is
/// Magento's region id for Arizona).
pub fn us_address() -> Value {
    json!({
        "firstname": "Jane", "lastname": "Doe", "street": ["123 Main Street"],
        "city": "Phoenix", "postcode": "77777", "country_code": "US",
        "region": {"region_code": "AZ", "region": "Arizona", "region_id": 4},
        "telephone": "7777777777"
    })
}

/// A German address input (no region required).
pub fn de_address(city: &str) -> Value {
    json!({
        "firstname": "Erika", "lastname": "Mustermann", "street": ["Hauptstr. 1"],
        "city": city, "postcode": "10115", "country_code": "DE", "telephone": "030-1234567"
    })
}

/// `input` with `fields` set (shallow).
pub fn with(mut input: Value, fields: Value) -> Value {
    for (k, v) in fields.as_object().expect("fields is an object") {
        input[k] = v.clone();
    }
    input
}

/// The suite's request timeout and default `Content-Type`, for the shared HTTP client.
const SUITE_TIMEOUT: Duration = Duration::from_secs(30);
const SUITE_CONTENT_TYPE: &str = "application/json";

#[path = "../shared/http.rs"]
mod plain_http;
pub use plain_http::{Resp, client, send};
