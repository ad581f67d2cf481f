//! The engine's cost per request (the engine inside the server's wiremock worker is
//! exercised through HTTP by `tests/magento_graphql*.rs`).

use super::introspection::INTROSPECTION_QUERY;
use super::{Client, NOW, engine};
use crate::backends::magento::graphql::StoreAccounts;
use crate::emulator::RequestContext;
use crate::http::ApiRequest;
use std::time::{Duration, Instant};

/// Mean time of `runs` calls of `request`.
fn mean(runs: u32, mut request: impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..runs {
        request();
    }
    start.elapsed() / runs
}

/// Per-request cost of the engine (read the body, parse, validate, execute against the Magento
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
        let context = RequestContext::new(&client.options, NOW, "127.0.0.1", &client.outbox);
        let accounts = StoreAccounts::new(&client.store, &context);
        mean(runs, || {
            let response = engine().handle(&request, &accounts, &client.options.magento.graphql);
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
