//! The SDK's per-call overhead: `client.customer().get()` against a raw
//! reqwest GET of the same request (the same headers, the body parsed as JSON)
//! to the same in-process mock, side by side in one run (interleaved call by
//! call, so that drift hits both alike), for each backend named on the
//! command line (default: every backend the mock emulates).
//!
//! Run with `cargo bench -p storefront-sdk --bench overhead [-- spree magento-rest bagisto]`.
//! Not part of CI.

use std::time::{Duration, Instant};

use storefront_mock::{MockBackend, MockOptions, MockServer};
use storefront_sdk::{BackendKind, Client, Gender, NewCustomer, Registration, Salutation};

const CALLS: usize = 20_000;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

/// The mock of `backend`, the profile path, and the header that carries the
/// store key, if the backend has one.
fn setup(backend: BackendKind) -> (MockBackend, &'static str, Option<&'static str>) {
    match backend {
        BackendKind::Spree => (MockBackend::Spree, "/customers/me", Some("X-Spree-Api-Key")),
        BackendKind::MagentoRest => (MockBackend::Magento, "/V1/customers/me", None),
        BackendKind::Bagisto => (
            MockBackend::Bagisto,
            "/customer-profile",
            Some("X-STOREFRONT-KEY"),
        ),
        other => panic!("no overhead benchmark for {other:?} yet"),
    }
}

async fn measure(backend: BackendKind) {
    let (mock_backend, path, key_header) = setup(backend);
    let mock = MockServer::start_with(MockOptions::for_backend(mock_backend))
        .await
        .expect("mock");
    let client = Client::builder(mock.uri())
        .backend(backend)
        .publishable_key(mock.publishable_key())
        .build()
        .expect("client");
    let mut customer = NewCustomer::new("bench@example.com", "Bench-Pass-12!").name("B", "Ench");
    customer.gender = Some(Gender::Male);
    if backend == BackendKind::Spryker {
        customer.salutation = Some(Salutation::Mr);
        customer.accepted_terms = Some(true);
    }
    let Registration::SignedIn(auth) = client
        .customers()
        .create(&customer)
        .await
        .expect("register")
    else {
        panic!("the mock needs no confirmation");
    };
    let url = format!("{}{path}", mock.api_base());
    let bearer = format!("Bearer {}", auth.token.expose_secret());
    let raw = reqwest::Client::new();

    let sdk_call = || async {
        let started = Instant::now();
        client.customer().get().await.expect("sdk call");
        started.elapsed()
    };
    let raw_call = || async {
        let started = Instant::now();
        let mut request = raw
            .get(&url)
            .header("Accept", "application/json")
            .header("Authorization", &bearer);
        if let Some(name) = key_header {
            request = request.header(name, mock.publishable_key());
        }
        let response = request.send().await.expect("raw call");
        assert_eq!(response.status(), 200);
        let body = response.bytes().await.expect("raw body");
        let _: serde_json::Value = serde_json::from_slice(&body).expect("raw json");
        started.elapsed()
    };
    // Warm both connection pools.
    for _ in 0..200 {
        sdk_call().await;
        raw_call().await;
    }
    // Interleave call by call, alternating which goes first, so that noise
    // from the shared machine hits both sides alike.
    let mut sdk_calls = Vec::with_capacity(CALLS);
    let mut raw_calls = Vec::with_capacity(CALLS);
    for index in 0..CALLS {
        if index % 2 == 0 {
            sdk_calls.push(sdk_call().await);
            raw_calls.push(raw_call().await);
        } else {
            raw_calls.push(raw_call().await);
            sdk_calls.push(sdk_call().await);
        }
    }
    let sdk_total: Duration = sdk_calls.iter().sum();
    let raw_total: Duration = raw_calls.iter().sum();
    sdk_calls.sort();
    raw_calls.sort();
    println!(
        "{}: GET {path}, {CALLS} calls each, interleaved, one connection each",
        backend.name()
    );
    for (name, calls, total) in [
        ("raw reqwest", &raw_calls, raw_total),
        ("storefront-sdk", &sdk_calls, sdk_total),
    ] {
        println!(
            "{name:>15}: p50 {:>8.1?}  p90 {:>8.1?}  p99 {:>8.1?}  mean {:>8.1?}",
            percentile(calls, 0.5),
            percentile(calls, 0.9),
            percentile(calls, 0.99),
            total / CALLS as u32
        );
    }
    println!(
        "ratio sdk/raw: p50 {:.3}x, p90 {:.3}x, mean {:.3}x",
        percentile(&sdk_calls, 0.5).as_secs_f64() / percentile(&raw_calls, 0.5).as_secs_f64(),
        percentile(&sdk_calls, 0.9).as_secs_f64() / percentile(&raw_calls, 0.9).as_secs_f64(),
        sdk_total.as_secs_f64() / raw_total.as_secs_f64()
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() {
    let names: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with('-'))
        .collect();
    let backends: Vec<BackendKind> = if names.is_empty() {
        vec![
            BackendKind::Spree,
            BackendKind::MagentoRest,
            BackendKind::Bagisto,
        ]
    } else {
        names
            .iter()
            .map(|name| BackendKind::from_name(name).expect("a backend name"))
            .collect()
    };
    for backend in backends {
        measure(backend).await;
    }
}
