//! The SDK's per-call overhead: `client.customer().get()` against a raw
//! reqwest GET of the same request to the same in-process mock, side by side
//! in one run (alternating rounds, so that drift hits both alike).
//!
//! Run with `cargo bench -p storefront-sdk --bench overhead`. Not part of CI.

use std::time::{Duration, Instant};

use storefront_mock::MockServer;
use storefront_sdk::{Client, NewCustomer};

const ROUNDS: usize = 20;
const CALLS_PER_ROUND: usize = 500;

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
    let bearer = format!("Bearer {}", auth.token.expose_secret());
    let raw = reqwest::Client::new();

    let mut sdk_round_means = Vec::new();
    let mut raw_round_means = Vec::new();
    let mut sdk_calls = Vec::new();
    let mut raw_calls = Vec::new();
    for round in 0..ROUNDS {
        // Alternate which side goes first.
        for side in [round % 2, 1 - round % 2] {
            let started = Instant::now();
            for _ in 0..CALLS_PER_ROUND {
                let call = Instant::now();
                if side == 0 {
                    client.customer().get().await.expect("sdk call");
                    sdk_calls.push(call.elapsed());
                } else {
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
                    raw_calls.push(call.elapsed());
                }
            }
            let mean = started.elapsed() / CALLS_PER_ROUND as u32;
            if side == 0 {
                sdk_round_means.push(mean);
            } else {
                raw_round_means.push(mean);
            }
        }
    }
    sdk_calls.sort();
    raw_calls.sort();
    sdk_round_means.sort();
    raw_round_means.sort();
    let sdk_median_round = sdk_round_means[ROUNDS / 2];
    let raw_median_round = raw_round_means[ROUNDS / 2];
    println!(
        "GET /customers/me, {} calls each, sequential, one connection",
        ROUNDS * CALLS_PER_ROUND
    );
    for (name, calls, round) in [
        ("raw reqwest", &raw_calls, raw_median_round),
        ("storefront-sdk", &sdk_calls, sdk_median_round),
    ] {
        println!(
            "{name:>15}: p50 {:>8.1?}  p99 {:>8.1?}  median round mean {:>8.1?}",
            percentile(calls, 0.5),
            percentile(calls, 0.99),
            round
        );
    }
    println!(
        "ratio sdk/raw: p50 {:.3}x, median round mean {:.3}x",
        percentile(&sdk_calls, 0.5).as_secs_f64() / percentile(&raw_calls, 0.5).as_secs_f64(),
        sdk_median_round.as_secs_f64() / raw_median_round.as_secs_f64()
    );
}
