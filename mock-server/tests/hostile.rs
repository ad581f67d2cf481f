//! Hostile clients (issue 13): no data crosses customers, no request exhausts memory or hangs
//! a connection, malformed framing gets an answer, control endpoints stay private to the
//! page that opened them. Raw TCP where a well-behaved client cannot say the hostile thing.
//!
//! The protections belong to the layer every backend shares, so each test runs against every
//! emulated backend ([`BACKENDS`]); a refusal is answered with that backend's own error body.
//! Spree's own knobs (the idempotency scope option, reset-token fingerprints) are tested on
//! Spree alone.
//!
//! New options are set through `MockOptions::merged_with` (the `--config` / `POST
//! /__mock/config` interface), so that this file also builds against a mock without them.
mod common;
use common::*;

use std::net::SocketAddr;
use std::time::Duration;

use serde_json::{Value, json};
use storefront_mock::{MockBackend, MockOptions, MockServer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Upper bound for anything the server should do at once; never a wait in itself.
const PROMPTLY: Duration = Duration::from_secs(10);

fn options(patch: Value) -> MockOptions {
    MockOptions::default()
        .merged_with(&patch)
        .expect("valid options patch")
}

/// Every emulated backend.
const BACKENDS: [Backend; 4] = [
    Backend::Spree,
    Backend::Magento,
    Backend::Spryker,
    Backend::Bagisto,
];

/// One backend as these tests drive it: where it logs in and reads the profile, the key its
/// requests carry, and how it words the layer's refusals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Backend {
    Spree,
    Magento,
    Spryker,
    Bagisto,
}

/// A signed-in customer of some backend.
struct Session {
    email: String,
    bearer: String,
    /// Bagisto's profile update names the customer id in its path, Spryker's the reference.
    id: Option<u64>,
    reference: Option<String>,
}

impl Backend {
    fn kind(self) -> MockBackend {
        match self {
            Backend::Spree => MockBackend::Spree,
            Backend::Magento => MockBackend::Magento,
            Backend::Spryker => MockBackend::Spryker,
            Backend::Bagisto => MockBackend::Bagisto,
        }
    }

    /// The backend's options with `patch` (shared options) applied.
    fn options(self, patch: Value) -> MockOptions {
        MockOptions::for_backend(self.kind())
            .merged_with(&patch)
            .expect("valid options patch")
    }

    async fn start(self, patch: Value) -> Api {
        Api::with(self.options(patch)).await
    }

    /// The `--backend` name of the binary.
    fn name(self) -> String {
        self.kind().to_string()
    }

    /// The path of the API base below the origin.
    fn base(self) -> &'static str {
        match self {
            Backend::Spree => "/api/v3/store",
            Backend::Magento => "/rest/default",
            Backend::Spryker => "",
            Backend::Bagisto => "/api/shop",
        }
    }

    /// The login path below the API base.
    fn login(self) -> &'static str {
        match self {
            Backend::Spree => "/auth/login",
            Backend::Magento => "/V1/integration/customer/token",
            Backend::Spryker => "/access-tokens",
            Backend::Bagisto => "/customer/login",
        }
    }

    /// The authenticated profile read below the API base.
    fn profile(self) -> &'static str {
        match self {
            Backend::Spree => "/customers/me",
            Backend::Magento => "/V1/customers/me",
            Backend::Spryker => "/customers",
            Backend::Bagisto => "/customer-profile",
        }
    }

    /// The status of an anonymous profile read (Spryker's missing token is `002`, 403).
    fn anonymous_status(self) -> u16 {
        match self {
            Backend::Spryker => 403,
            _ => 401,
        }
    }

    /// The key field every API request carries (the default publishable key), if any.
    fn key(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Backend::Spree => &[("X-Spree-Api-Key", "pk_test")],
            Backend::Magento | Backend::Spryker => &[],
            Backend::Bagisto => &[("X-STOREFRONT-KEY", "pk_test")],
        }
    }

    /// The key as raw header lines.
    fn key_lines(self) -> String {
        self.key()
            .iter()
            .map(|(name, value)| format!("{name}: {value}\r\n"))
            .collect()
    }

    /// Asserts the backend's answer to a body over the limit.
    #[track_caller]
    fn assert_too_large(self, response: &RawResponse) {
        assert_eq!(response.status, 413, "{self:?}: {}", response.head);
        match self {
            Backend::Spree => assert_envelope(response, 413, "request_too_large"),
            Backend::Magento => assert_eq!(
                response.json(),
                json!({"message": "Request body is too large."})
            ),
            Backend::Spryker => assert_eq!(
                response.json(),
                json!({"errors": [{"status": 413, "detail": "Content Too Large"}]})
            ),
            Backend::Bagisto => {
                let page = String::from_utf8_lossy(&response.body);
                assert!(page.contains("Content Too Large"), "{page}");
            }
        }
    }

    /// Asserts the backend's answer to a request it cannot read.
    #[track_caller]
    fn assert_malformed(self, response: &RawResponse) {
        assert_eq!(response.status, 400, "{self:?}: {}", response.head);
        match self {
            Backend::Spree => assert_envelope(response, 400, "invalid_request"),
            Backend::Magento => assert_eq!(response.json(), json!({"message": "Decoding error."})),
            Backend::Spryker => assert_eq!(
                response.json(),
                json!({"errors": [{"detail": "Post data is invalid.", "status": 400}]})
            ),
            Backend::Bagisto => assert_eq!(
                response.json(),
                json!({"type": "/errors/400", "title": "Bad Request", "status": 400, "detail": "Syntax error"})
            ),
        }
    }

    /// A login head below the origin with the backend's key and `framing`.
    fn login_head(self, framing: &str) -> String {
        format!(
            "POST {}{} HTTP/1.1\r\nHost: test\r\n{}Content-Type: application/json\r\n{framing}\r\n",
            self.base(),
            self.login(),
            self.key_lines()
        )
    }

    /// A login body for a customer that does not exist.
    fn unknown_login(self) -> Value {
        match self {
            Backend::Magento => {
                json!({"username": "nobody@example.com", "password": "Password123!"})
            }
            Backend::Spryker => json!({"data": {"type": "access-tokens", "attributes": {
                "username": "nobody@example.com", "password": "Password123!"
            }}}),
            Backend::Spree | Backend::Bagisto => {
                json!({"email": "nobody@example.com", "password": "Password123!"})
            }
        }
    }

    /// Registers a new customer and signs them in.
    async fn session(self, api: &Api, tag: &str) -> Session {
        let email = email(tag);
        let password = "Password123!";
        let (path, body) = match self {
            Backend::Spree => ("/customers", json!({"email": email, "password": password})),
            Backend::Magento => (
                "/V1/customers",
                json!({"customer": {"email": email, "firstname": "Jane", "lastname": "Doe"}, "password": password}),
            ),
            Backend::Spryker => (
                "/customers",
                json!({"data": {"type": "customers", "attributes": {
                    "salutation": "Ms", "firstName": "Jane", "lastName": "Doe", "email": email,
                    "gender": "Female", "password": password, "confirmPassword": password,
                    "acceptedTerms": true
                }}}),
            ),
            Backend::Bagisto => (
                "/customers",
                json!({"firstName": "Jane", "lastName": "Doe", "email": email, "password": password, "confirmPassword": password}),
            ),
        };
        let registered = api
            .raw(
                "POST",
                path,
                self.key(),
                Some(serde_json::to_vec(&body).unwrap()),
            )
            .await;
        assert!(
            matches!(registered.status, 200 | 201),
            "{self:?} register: {}",
            registered.text()
        );
        let registered = registered.json();
        let token = match self {
            Backend::Spree | Backend::Bagisto => registered["token"].as_str().map(str::to_owned),
            Backend::Magento | Backend::Spryker => {
                let login = match self {
                    Backend::Magento => json!({"username": email, "password": password}),
                    _ => json!({"data": {"type": "access-tokens", "attributes": {
                        "username": email, "password": password
                    }}}),
                };
                let answer = api
                    .raw(
                        "POST",
                        self.login(),
                        &[],
                        Some(serde_json::to_vec(&login).unwrap()),
                    )
                    .await
                    .json();
                answer
                    .as_str()
                    .or(answer["data"]["attributes"]["accessToken"].as_str())
                    .map(str::to_owned)
            }
        }
        .unwrap_or_else(|| panic!("{self:?}: no token for {email}"));
        Session {
            email,
            bearer: format!("Bearer {token}"),
            id: registered["id"].as_u64(),
            reference: registered["data"]["id"].as_str().map(str::to_owned),
        }
    }

    /// Changes the customer's first name to `first_name`, with `Idempotency-Key: key`.
    async fn update_profile(
        self,
        api: &Api,
        session: &Session,
        key: &str,
        first_name: &str,
    ) -> Resp {
        let (method, path, body) = match self {
            Backend::Spree => (
                "PATCH",
                "/customers/me".to_owned(),
                json!({"first_name": first_name}),
            ),
            Backend::Magento => (
                "PUT",
                "/V1/customers/me".to_owned(),
                json!({"customer": {"email": session.email, "firstname": first_name, "lastname": "Doe"}}),
            ),
            Backend::Spryker => (
                "PATCH",
                format!(
                    "/customers/{}",
                    session.reference.as_deref().expect("customer reference")
                ),
                json!({"data": {"type": "customers", "attributes": {"firstName": first_name}}}),
            ),
            Backend::Bagisto => (
                "PUT",
                format!(
                    "/customer-profile-updates/{}",
                    session.id.expect("customer id")
                ),
                json!({"firstName": first_name}),
            ),
        };
        let mut fields = self.key().to_vec();
        fields.push(("Idempotency-Key", key));
        fields.push(("Authorization", &session.bearer));
        api.raw(
            method,
            &path,
            &fields,
            Some(serde_json::to_vec(&body).unwrap()),
        )
        .await
    }

    /// The first name in a profile (as read or as answered to an update).
    fn first_name(self, profile: &Value) -> Value {
        match self {
            Backend::Spree => profile["first_name"].clone(),
            Backend::Magento => profile["firstname"].clone(),
            // the list of one (GET /customers) or the customer itself (an update's answer)
            Backend::Spryker if profile["data"].is_array() => {
                profile["data"][0]["attributes"]["firstName"].clone()
            }
            Backend::Spryker => profile["data"]["attributes"]["firstName"].clone(),
            // the read is an array of one, the update's answer the customer itself
            Backend::Bagisto if profile.is_array() => profile[0]["firstName"].clone(),
            Backend::Bagisto => profile["firstName"].clone(),
        }
    }

    /// The email in an answer to a profile update.
    fn email(self, answer: &Value) -> Value {
        match self {
            Backend::Spryker => answer["data"]["attributes"]["email"].clone(),
            _ => answer["email"].clone(),
        }
    }
}

/// A response read off a raw socket.
#[derive(Debug)]
struct RawResponse {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl RawResponse {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then_some(value.trim())
        })
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "{} body is not JSON ({e}): {:?}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }
}

async fn connect(address: SocketAddr) -> TcpStream {
    TcpStream::connect(address).await.expect("connect")
}

/// Reads one response (head and a `Content-Length` body) within [`PROMPTLY`]; `None` when the
/// connection ends before a complete one.
async fn read_response(stream: &mut TcpStream) -> Option<RawResponse> {
    let read = async {
        let mut buffer = Vec::new();
        let mut chunk = [0u8; 4096];
        let head_end = loop {
            if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break end + 4;
            }
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return None,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
        let status = head.split_whitespace().nth(1)?.parse().ok()?;
        let mut response = RawResponse {
            status,
            head,
            body: Vec::new(),
        };
        let length: usize = response
            .header("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut body = buffer[head_end..].to_vec();
        while body.len() < length {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return None,
                Ok(n) => body.extend_from_slice(&chunk[..n]),
            }
        }
        body.truncate(length);
        response.body = body;
        Some(response)
    };
    tokio::time::timeout(PROMPTLY, read)
        .await
        .expect("the server answers or closes promptly")
}

/// Whether the server closes the connection (EOF or reset) within [`PROMPTLY`], discarding
/// anything it sends first.
async fn closed_promptly(stream: &mut TcpStream) -> bool {
    let drain = async {
        let mut chunk = [0u8; 4096];
        loop {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    };
    tokio::time::timeout(PROMPTLY, drain).await.is_ok()
}

/// Sends `head` and then `body` on a fresh connection and reads the answer.
async fn exchange(address: SocketAddr, head: &str, body: &[u8]) -> Option<RawResponse> {
    let mut stream = connect(address).await;
    stream.write_all(head.as_bytes()).await.expect("write head");
    // the server may answer and close before the body is through: that is allowed
    let _ = stream.write_all(body).await;
    read_response(&mut stream).await
}

#[track_caller]
fn assert_envelope(response: &RawResponse, status: u16, code: &str) {
    assert_eq!(response.status, status, "{}", response.head);
    let body = response.json();
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(body["error"]["message"].is_string(), "{body}");
}

// ----------------------------------------------------------------------------- coverage

#[tokio::test]
async fn every_emulated_backend_is_covered() {
    for kind in MockBackend::ALL {
        let emulated = MockServer::start_with(MockOptions::for_backend(kind))
            .await
            .is_ok();
        let covered = BACKENDS.iter().any(|backend| backend.kind() == kind);
        assert_eq!(
            emulated, covered,
            "{kind}: add it to BACKENDS (its paths and error bodies) when it is emulated"
        );
    }
}

// ----------------------------------------------------------------------------- idempotency

#[tokio::test]
async fn an_idempotency_key_never_replays_another_customers_profile_update() {
    for backend in BACKENDS {
        let api = backend.start(json!({})).await;
        let alice = backend.session(&api, "alice").await;
        let bob = backend.session(&api, "bob").await;
        let first = backend.update_profile(&api, &alice, "k1", "Same").await;
        assert_eq!(first.status, 200, "{backend:?}: {}", first.text());
        let second = backend.update_profile(&api, &bob, "k1", "Same").await;
        assert_eq!(second.status, 200, "{backend:?}: {}", second.text());
        assert!(
            second.header("idempotent-replayed").is_none(),
            "{backend:?}: Bob got Alice's cached answer: {}",
            second.text()
        );
        assert_eq!(
            backend.email(&second.json()),
            bob.email.as_str(),
            "{backend:?}"
        );
        let fields: Vec<(&str, &str)> = backend
            .key()
            .iter()
            .copied()
            .chain([("Authorization", bob.bearer.as_str())])
            .collect();
        let bob_now = api
            .raw("GET", backend.profile(), &fields, None)
            .await
            .json();
        assert_eq!(
            backend.first_name(&bob_now),
            "Same",
            "{backend:?}: Bob's change was applied"
        );
        // a backend that replays (Spree) still replays each customer's own request
        let again = backend.update_profile(&api, &bob, "k1", "Same").await;
        if backend == Backend::Spree {
            assert_eq!(again.header("idempotent-replayed").as_deref(), Some("true"));
            assert_eq!(again.body, second.body);
        } else {
            assert_eq!(
                backend.email(&again.json()),
                bob.email.as_str(),
                "{backend:?}"
            );
        }
    }
}

/// Spree's two customers and the bearer headers of each.
async fn alice_and_bob(api: &Api) -> (String, String) {
    let (alice, _, _) = api.session(&email("alice")).await;
    let (bob, _, _) = api.session(&email("bob")).await;
    (format!("Bearer {alice}"), format!("Bearer {bob}"))
}

#[tokio::test]
async fn an_idempotency_key_never_replays_another_customers_new_address() {
    let api = Api::new().await;
    let (alice, bob) = alice_and_bob(&api).await;
    let body = serde_json::to_vec(&us_address()).unwrap();
    let send = |bearer: String| {
        let body = body.clone();
        let api = &api;
        async move {
            api.raw(
                "POST",
                "/customers/me/addresses",
                &[
                    ("X-Spree-Api-Key", KEY),
                    ("Idempotency-Key", "k1"),
                    ("Authorization", &bearer),
                ],
                Some(body),
            )
            .await
        }
    };
    let first = send(alice).await;
    first.assert_status(201);
    let second = send(bob.clone()).await;
    second.assert_status(201);
    assert!(second.header("idempotent-replayed").is_none());
    assert_ne!(
        second.json()["id"],
        first.json()["id"],
        "Bob saw Alice's id"
    );
    let list = api
        .call(
            "GET",
            "/customers/me/addresses",
            Some(bob.trim_start_matches("Bearer ")),
            None,
        )
        .await
        .json();
    assert_eq!(list["data"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn the_api_key_scope_option_is_spree_literal() {
    let api = Api::with(options(json!({"idempotency_scope": "api_key"}))).await;
    let (alice, bob) = alice_and_bob(&api).await;
    let headers = |bearer: &str| {
        [
            ("X-Spree-Api-Key", KEY),
            ("Idempotency-Key", "shared"),
            ("Authorization", bearer),
        ]
        .map(|(k, v)| (k, v.to_owned()))
    };
    let body = br#"{"first_name":"Literal"}"#.to_vec();
    for (bearer, replayed) in [(&alice, None), (&bob, Some("true"))] {
        let h = headers(bearer);
        let h: Vec<(&str, &str)> = h.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = api
            .raw("PATCH", "/customers/me", &h, Some(body.clone()))
            .await;
        r.assert_status(200);
        assert_eq!(r.header("idempotent-replayed").as_deref(), replayed);
    }
}

// ----------------------------------------------------------------------------- bodies

#[tokio::test]
async fn a_declared_oversized_body_gets_413_before_it_is_sent() {
    for backend in BACKENDS {
        let api = backend.start(json!({})).await;
        for length in ["20000000", "99999999999"] {
            // the head only (and two bytes): the answer must not wait for the rest
            let head = backend.login_head(&format!("Content-Length: {length}\r\n"));
            let response = exchange(api.mock.address(), &head, b"{}")
                .await
                .unwrap_or_else(|| panic!("{backend:?}, Content-Length {length}: no answer"));
            backend.assert_too_large(&response);
        }
    }
}

#[tokio::test]
async fn a_chunked_body_is_cut_off_at_the_limit() {
    for backend in BACKENDS {
        let api = backend.start(json!({"max_request_body_size": 1_000})).await;
        let mut stream = connect(api.mock.address()).await;
        let head = backend.login_head("Transfer-Encoding: chunked\r\n");
        stream.write_all(head.as_bytes()).await.unwrap();
        // 1,200 bytes in chunks, and never the last chunk: only the limit can end this
        for _ in 0..3 {
            let chunk = format!("190\r\n{}\r\n", "x".repeat(400));
            stream.write_all(chunk.as_bytes()).await.unwrap();
        }
        let response = read_response(&mut stream)
            .await
            .unwrap_or_else(|| panic!("{backend:?}: no answer before the body ends"));
        backend.assert_too_large(&response);
    }
}

#[tokio::test]
async fn a_chunked_body_within_the_limit_is_served() {
    for backend in BACKENDS {
        let api = backend.start(json!({})).await;
        let body = serde_json::to_vec(&backend.unknown_login()).unwrap();
        // the same login, chunked and with a length, gets the same answer
        let mut framed = format!("{:x}\r\n", body.len()).into_bytes();
        framed.extend_from_slice(&body);
        framed.extend_from_slice(b"\r\n0\r\n\r\n");
        let head = backend.login_head("Transfer-Encoding: chunked\r\n");
        let chunked = exchange(api.mock.address(), &head, &framed)
            .await
            .expect("answer");
        let head = backend.login_head(&format!("Content-Length: {}\r\n", body.len()));
        let plain = exchange(api.mock.address(), &head, &body)
            .await
            .expect("answer");
        assert_eq!(
            (chunked.status, &chunked.body),
            (plain.status, &plain.body),
            "{backend:?}"
        );
        // the login was read: an unknown customer, not a refusal of the framing
        assert!(
            ![400, 413].contains(&chunked.status),
            "{backend:?}: {}",
            chunked.head
        );
    }
}

/// Chunked framings that no parser can accept.
const MALFORMED_CHUNKS: [(&str, &str); 4] = [
    ("non-hex size", "zz\r\nab\r\n0\r\n\r\n"),
    ("negative size", "-1\r\nab\r\n0\r\n\r\n"),
    (
        "overflowing size",
        "fffffffffffffffffffff\r\nab\r\n0\r\n\r\n",
    ),
    ("chunk longer than declared", "2\r\nabcdef\r\n0\r\n\r\n"),
];

#[tokio::test]
async fn malformed_chunked_framing_gets_a_400_in_the_backends_words() {
    for backend in BACKENDS {
        let api = backend.start(json!({})).await;
        for (what, body) in MALFORMED_CHUNKS {
            let head = backend.login_head("Transfer-Encoding: chunked\r\n");
            let response = exchange(api.mock.address(), &head, body.as_bytes())
                .await
                .unwrap_or_else(|| {
                    panic!("{backend:?}, {what}: connection closed without an answer")
                });
            backend.assert_malformed(&response);
        }
    }
}

/// Request targets that wiremock's URL parsing panics on.
const BAD_TARGETS: [(&str, &str); 2] = [
    (
        "authority form",
        "CONNECT 127.0.0.1:80 HTTP/1.1\r\nHost: 127.0.0.1:80\r\n\r\n",
    ),
    (
        "absolute form with an invalid port",
        "GET http://x:99999/nope HTTP/1.1\r\nHost: x\r\n\r\n",
    ),
];

#[tokio::test]
async fn request_targets_wiremock_cannot_parse_get_an_answer() {
    for backend in BACKENDS {
        let api = backend.start(json!({})).await;
        let (what, head) = BAD_TARGETS[0];
        let response = exchange(api.mock.address(), head, b"")
            .await
            .unwrap_or_else(|| panic!("{backend:?}, {what}: connection closed without an answer"));
        backend.assert_malformed(&response);
        // an absolute URI is answered as its path
        let path = format!("{}{}", backend.base(), backend.profile());
        let key = backend.key_lines();
        let (_, head) = BAD_TARGETS[1];
        let absolute = head
            .replace("/nope", &path)
            .replace("\r\n\r\n", &format!("\r\n{key}\r\n"));
        let origin = format!("GET {path} HTTP/1.1\r\nHost: x\r\n{key}\r\n");
        let absolute = exchange(api.mock.address(), &absolute, b"")
            .await
            .unwrap_or_else(|| panic!("{backend:?}: no answer to an absolute URI"));
        let origin = exchange(api.mock.address(), &origin, b"")
            .await
            .expect("answer");
        assert_eq!(
            (absolute.status, &absolute.body),
            (origin.status, &origin.body),
            "{backend:?}"
        );
    }
}

// ----------------------------------------------------------------------------- host

#[tokio::test]
async fn an_http11_request_without_host_gets_400() {
    for backend in BACKENDS {
        let api = backend.start(json!({})).await;
        let path = format!("{}{}", backend.base(), backend.profile());
        let key = backend.key_lines();
        let response = exchange(
            api.mock.address(),
            &format!("GET {path} HTTP/1.1\r\n{key}\r\n"),
            b"",
        )
        .await
        .expect("answer");
        backend.assert_malformed(&response);
        // HTTP/1.0 has no Host requirement: the backend asks for a customer's token
        let response = exchange(
            api.mock.address(),
            &format!("GET {path} HTTP/1.0\r\n{key}\r\n"),
            b"",
        )
        .await
        .expect("answer");
        assert_eq!(
            response.status,
            backend.anonymous_status(),
            "{backend:?}: {}",
            response.head
        );
    }
}

// ----------------------------------------------------------------------------- slow clients

#[tokio::test]
async fn a_client_that_never_finishes_its_head_is_closed() {
    for backend in BACKENDS {
        let api = backend
            .start(json!({"connection_limits": {"header_read_timeout_ms": 200}}))
            .await;
        let mut stream = connect(api.mock.address()).await;
        let partial = format!("GET {}{} HTTP/1.1\r\nHo", backend.base(), backend.profile());
        stream.write_all(partial.as_bytes()).await.unwrap();
        assert!(
            closed_promptly(&mut stream).await,
            "{backend:?}: still open after the header-read timeout"
        );
    }
}

#[tokio::test]
async fn a_client_that_never_finishes_its_body_is_closed() {
    for backend in BACKENDS {
        let api = backend
            .start(json!({"connection_limits": {"body_read_timeout_ms": 200}}))
            .await;
        for framing in ["Content-Length: 10\r\n", "Transfer-Encoding: chunked\r\n"] {
            let mut stream = connect(api.mock.address()).await;
            let head = backend.login_head(framing);
            stream.write_all(head.as_bytes()).await.unwrap();
            stream.write_all(b"5\r\n{}").await.unwrap();
            assert!(
                closed_promptly(&mut stream).await,
                "{backend:?}, {framing:?}: still open after the body-read timeout"
            );
        }
    }
}

#[tokio::test]
async fn the_oldest_unfinished_connection_makes_room_for_a_new_one() {
    for backend in BACKENDS {
        let api = backend
            .start(json!({
                "workers": 1,
                "connection_limits": {"max_pending_connections": 2, "header_read_timeout_ms": 60_000}
            }))
            .await;
        let partial = format!(
            "GET {}{} HTTP/1.1\r\n{}Host: t",
            backend.base(),
            backend.profile(),
            backend.key_lines()
        );
        let mut connections = Vec::new();
        for _ in 0..3 {
            let mut stream = connect(api.mock.address()).await;
            stream.write_all(partial.as_bytes()).await.unwrap();
            connections.push(stream);
        }
        assert!(
            closed_promptly(&mut connections[0]).await,
            "{backend:?}: the oldest of three unfinished connections stays open over a cap of 2"
        );
        let newest = &mut connections[2];
        newest.write_all(b"est\r\n\r\n").await.unwrap();
        let response = read_response(newest).await.expect("the newest is served");
        assert_eq!(
            response.status,
            backend.anonymous_status(),
            "{backend:?}: {}",
            response.head
        );
    }
}

// ----------------------------------------------------------------------------- CORS

#[tokio::test]
async fn control_endpoints_send_no_cors_headers_by_default() {
    for backend in BACKENDS {
        let api = backend.start(json!({})).await;
        let origin = [("Origin", "https://evil.example")];
        let outbox = api
            .raw(
                "GET",
                &format!("{}/__mock/outbox", api.mock.uri()),
                &origin,
                None,
            )
            .await;
        outbox.assert_status(200);
        assert_eq!(
            outbox.header("access-control-allow-origin"),
            None,
            "{backend:?}"
        );
        let preflight = api
            .raw(
                "OPTIONS",
                &format!("{}/__mock/config", api.mock.uri()),
                &[
                    origin[0],
                    ("Access-Control-Request-Method", "POST"),
                    ("Access-Control-Request-Headers", "content-type"),
                ],
                None,
            )
            .await;
        assert_eq!(
            preflight.header("access-control-allow-origin"),
            None,
            "{backend:?}"
        );
        assert_eq!(
            preflight.header("access-control-allow-methods"),
            None,
            "{backend:?}"
        );
        // the API's own CORS is unchanged
        let api_answer = api.raw("GET", backend.profile(), &origin, None).await;
        assert_eq!(
            api_answer.header("access-control-allow-origin").as_deref(),
            Some("*"),
            "{backend:?}"
        );
    }
}

#[tokio::test]
async fn the_cors_control_option_opens_control_endpoints() {
    for backend in BACKENDS {
        let api = backend.start(json!({"cors_control": true})).await;
        let outbox = api
            .raw(
                "GET",
                &format!("{}/__mock/outbox", api.mock.uri()),
                &[("Origin", "https://tests.example")],
                None,
            )
            .await;
        assert_eq!(
            outbox.header("access-control-allow-origin").as_deref(),
            Some("*"),
            "{backend:?}"
        );
    }
}

// ----------------------------------------------------------------------------- reset tokens

/// The `fp` claim of a reset token (the payload is base64url JSON before `--`).
fn reset_fingerprint(token: &str) -> String {
    let payload = token.split_once("--").expect("payload--signature").0;
    let claims: Value = serde_json::from_slice(&b64url(payload)).expect("JSON payload");
    claims["fp"].as_str().expect("fp claim").to_owned()
}

#[tokio::test]
async fn the_reset_token_fingerprint_is_keyed_not_a_piece_of_the_digest() {
    // Same seed, same customer, so the same salt and password digest; only the secret differs.
    // A piece of the digest would be equal in both tokens; a keyed fingerprint is not.
    let mut fingerprints = Vec::new();
    for secret in ["secret-one", "secret-two"] {
        let mock = MockServer::start_with(MockOptions {
            seed: Some(7),
            spree: storefront_mock::SpreeOptions {
                jwt_secret: Some(secret.into()),
                ..Default::default()
            },
            seed_customers: vec![storefront_mock::SeedCustomer {
                email: "fp@example.com".into(),
                password: PASSWORD.into(),
                ..Default::default()
            }],
            ..Default::default()
        })
        .await
        .expect("start");
        mock.freeze_clock(true);
        let api = Api {
            mock,
            http: client(),
        };
        fingerprints.push(reset_fingerprint(&api.reset_token("fp@example.com").await));
    }
    assert_ne!(fingerprints[0], fingerprints[1]);
}

// ----------------------------------------------------------------------------- the binary

#[cfg(target_os = "linux")]
mod binary {
    use super::*;
    use std::process::Stdio;
    use tokio::io::{AsyncBufReadExt, BufReader};
    use tokio::process::{Child, Command};

    const BIN: &str = env!("CARGO_BIN_EXE_storefront-mock");

    async fn spawn(backend: Backend) -> (Child, SocketAddr) {
        let mut child = Command::new(BIN)
            .args(["--port", "0", "--backend", &backend.name()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("spawn storefront-mock");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        tokio::time::timeout(Duration::from_secs(20), stdout.read_line(&mut line))
            .await
            .expect("first line")
            .expect("stdout");
        let address = line
            .trim()
            .strip_prefix("listening on http://")
            .expect("listening line")
            .parse()
            .expect("address");
        (child, address)
    }

    fn rss_kib(child: &Child) -> u64 {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", child.id().unwrap())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .expect("VmRSS")
    }

    /// Sends `head` and as much of `body` as the server takes, reading concurrently.
    async fn upload(address: SocketAddr, head: String, body: Vec<u8>) {
        let stream = connect(address).await;
        let (mut reader, mut writer) = stream.into_split();
        let write = async move {
            let _ = writer.write_all(head.as_bytes()).await;
            let _ = writer.write_all(&body).await;
        };
        let read = async move {
            let mut sink = Vec::new();
            let _ = reader.read_to_end(&mut sink).await;
        };
        let _ =
            tokio::time::timeout(Duration::from_secs(60), futures::future::join(write, read)).await;
    }

    fn chunked(total: usize) -> Vec<u8> {
        let mut body = Vec::with_capacity(total + total / 1000);
        let piece = vec![b'x'; 65_536];
        let mut left = total;
        while left > 0 {
            let n = left.min(piece.len());
            body.extend_from_slice(format!("{n:x}\r\n").as_bytes());
            body.extend_from_slice(&piece[..n]);
            body.extend_from_slice(b"\r\n");
            left -= n;
        }
        body.extend_from_slice(b"0\r\n\r\n");
        body
    }

    #[tokio::test]
    async fn hostile_uploads_leave_memory_where_it_was() {
        for backend in BACKENDS {
            let (child, address) = spawn(backend).await;
            // warm up every worker with ordinary requests first
            for _ in 0..200 {
                let _ =
                    exchange(address, &backend.login_head("Content-Length: 2\r\n"), b"{}").await;
            }
            let before = rss_kib(&child);
            for _ in 0..3 {
                let body = vec![b'x'; 20 << 20];
                let head = backend.login_head(&format!("Content-Length: {}\r\n", body.len()));
                upload(address, head, body).await;
            }
            let uploads: Vec<_> = (0..10)
                .map(|_| {
                    let head = backend.login_head("Transfer-Encoding: chunked\r\n");
                    tokio::spawn(upload(address, head, chunked(10 << 20)))
                })
                .collect();
            for upload in uploads {
                upload.await.unwrap();
            }
            let after = rss_kib(&child);
            assert!(
                after <= before + 16 * 1024,
                "{backend:?}: RSS grew from {before} KiB to {after} KiB"
            );
        }
    }

    #[tokio::test]
    async fn malformed_framing_panics_nothing() {
        for backend in BACKENDS {
            let (mut child, address) = spawn(backend).await;
            for (what, body) in MALFORMED_CHUNKS {
                let head = backend.login_head("Transfer-Encoding: chunked\r\n");
                let mut stream = connect(address).await;
                stream.write_all(head.as_bytes()).await.unwrap();
                stream.write_all(body.as_bytes()).await.unwrap();
                assert!(
                    closed_promptly(&mut stream).await,
                    "{backend:?}, {what}: still open"
                );
            }
            for (what, head) in BAD_TARGETS {
                let response = exchange(address, head, b"").await;
                assert!(response.is_some(), "{backend:?}, {what}: no answer");
            }
            let pid = child.id().unwrap().to_string();
            std::process::Command::new("kill")
                .args(["-TERM", &pid])
                .status()
                .unwrap();
            let mut stderr = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut stderr)
                .await
                .unwrap();
            tokio::time::timeout(PROMPTLY, child.wait())
                .await
                .expect("exits")
                .unwrap();
            assert!(
                !stderr.contains("panicked") && !stderr.contains("aborted"),
                "{backend:?}: stderr: {stderr}"
            );
        }
    }
}
