//! The engine inside a wiremock responder (wiremock serves on its own thread with a
//! current-thread tokio runtime, and `Respond` is synchronous), and its cost per request.

use super::fake::FakeStore;
use super::introspection::INTROSPECTION_QUERY;
use super::{Client, engine};
use crate::backends::magento::graphql::GraphqlOptions;
use crate::http::ApiRequest;
use std::sync::Arc;
use std::time::{Duration, Instant};
use wiremock::{Mock, Request, Respond, ResponseTemplate};

/// Answers every request with the engine over one fake store, as the Magento emulator will.
struct Engine {
    store: Arc<FakeStore>,
}

impl Respond for Engine {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let api_request = ApiRequest {
            method: request.method.as_str(),
            path: request.url.path(),
            query: request.url.query(),
            headers: &request.headers,
            body: &request.body,
        };
        let response = engine().handle(&api_request, &*self.store, &GraphqlOptions::default());
        ResponseTemplate::new(response.status).set_body_raw(
            response.body,
            response
                .content_type
                .as_deref()
                .unwrap_or("application/json"),
        )
    }
}

#[tokio::test(flavor = "current_thread")]
async fn the_engine_runs_inside_a_wiremock_worker() {
    let server = wiremock::MockServer::start().await;
    Mock::given(wiremock::matchers::path("/graphql"))
        .respond_with(Engine {
            store: Arc::new(FakeStore::default()),
        })
        .mount(&server)
        .await;
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::new();
    let url = format!("{}/graphql", server.uri());
    let register = serde_json::json!({"query": "mutation { createCustomerV2(input: {email: \"a@example.com\", firstname: \"A\", lastname: \"B\", password: \"Passw0rd!\"}) { customer { email } } }"});
    let created = http.post(&url).json(&register).send().await.expect("sent");
    assert_eq!(created.status(), 200);
    assert_eq!(
        created.text().await.expect("a body"),
        r#"{"data":{"createCustomerV2":{"customer":{"email":"a@example.com"}}}}"#
    );
    let get = http
        .get(format!("{url}?query=%7Bcustomer%7Bemail%7D%7D"))
        .send()
        .await
        .expect("sent");
    assert_eq!(get.status(), 401);
    // Concurrent clients: each request is answered in place on the worker thread.
    let requests = (0..16).map(|_| {
        http.post(&url)
            .json(&serde_json::json!({"query": "{ isEmailAvailable(email: \"a@example.com\") { is_email_available } }"}))
            .send()
    });
    for response in futures::future::join_all(requests).await {
        assert_eq!(response.expect("sent").status(), 200);
    }
}

/// Mean time of `runs` calls of `request`.
fn mean(runs: u32, mut request: impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..runs {
        request();
    }
    start.elapsed() / runs
}

/// Per-request cost of the engine (read the body, parse, validate, execute against the fake
/// store, serialise), without HTTP. Not a
/// benchmark: run it with `cargo test --release -p storefront-mock engine_cost -- --ignored
/// --nocapture` for figures.
#[test]
#[ignore = "prints timings; run in release"]
fn engine_cost() {
    let mut client = Client::new();
    client.sign_up("jane@example.com", "Passw0rd!");
    let login = r#"{"query":"mutation Login($email: String!, $password: String!) { generateCustomerToken(email: $email, password: $password) { token } }","variables":{"email":"jane@example.com","password":"Passw0rd!"}}"#;
    let me = r#"{"query":"query Me { customer { firstname lastname middlename prefix suffix email date_of_birth gender is_subscribed created_at confirmation_status default_billing default_shipping addresses { id firstname lastname company street city postcode region { region region_code region_id } region_id country_code telephone vat_id default_billing default_shipping } } }"}"#;
    let typename = r#"{"query":"{ __typename }"}"#;
    let mut headers = wiremock::http::HeaderMap::new();
    let bearer = format!("Bearer {}", client.token.as_deref().unwrap_or_default());
    headers.insert("authorization", bearer.parse().expect("a header value"));
    let time = |runs: u32, body: &str| {
        let request = ApiRequest {
            method: "POST",
            path: "/graphql",
            query: None,
            headers: &headers,
            body: body.as_bytes(),
        };
        mean(runs, || {
            let response = engine().handle(&request, &client.store, &client.options);
            assert_eq!(response.status, 200);
        })
    };
    time(500, login);
    for (name, body) in [
        ("login", login),
        ("profile (spec 2.6)", me),
        ("{ __typename }", typename),
    ] {
        println!("{name}: {:?} per request", time(5_000, body));
    }
    let profile: serde_json::Value = serde_json::from_str(me).expect("JSON");
    let document = profile["query"].as_str().unwrap_or_default();
    let parse = mean(5_000, || {
        assert!(async_graphql::parser::parse_query(document).is_ok());
    });
    println!("  of which parsing the profile document: {parse:?}");
    let introspection = serde_json::json!({"query": INTROSPECTION_QUERY}).to_string();
    println!(
        "full introspection: {:?} per request",
        time(200, &introspection)
    );
    let build = Instant::now();
    let built = crate::backends::magento::graphql::GraphqlEngine::new();
    println!(
        "building both schemas: {:?} ({})",
        build.elapsed(),
        built.is_ok()
    );
}
