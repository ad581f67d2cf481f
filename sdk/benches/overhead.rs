//! The SDK's per-call overhead: `client.customer().get()` against a raw
//! reqwest GET of the same request to the same in-process mock, side by side
//! in one run (interleaved call by call, so that drift hits both alike).
//!
//! Run with `cargo bench -p storefront-sdk --bench overhead`. Not part of CI.

use std::time::{Duration, Instant};

use storefront_mock::MockServer;
use storefront_sdk::{Client, NewCustomer};

const CALLS: usize = 20_000;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() {
    let mock = MockServer::start().await;
    let client = Client::builder(mock.uri())
        .publishable_key(mock.publishable_key())
        .build()
        .expect("client");
    let auth = client
        .customers()
        .create(&NewCustomer::new("bench@example.com", "Password1!"))
        .await
        .expect("register");
    let url = format!("{}/customers/me", mock.api_base());
    let token = &auth.session().expect("Spree signs in").token;
    let bearer = format!("Bearer {}", token.expose_secret());
    let raw = reqwest::Client::new();

    let sdk_call = || async {
        let started = Instant::now();
        client.customer().get().await.expect("sdk call");
        started.elapsed()
    };
    let raw_call = || async {
        let started = Instant::now();
        let response = raw
            .get(&url)
            .header("X-Spree-Api-Key", mock.publishable_key())
            .header("Accept", "application/json")
            .header("Authorization", &bearer)
            .send()
            .await
            .expect("raw call");
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
    println!("GET /customers/me, {CALLS} calls each, interleaved, one connection each");
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
