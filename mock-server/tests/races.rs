//! Concurrency (issue 2 §5, spec §5.2): exactly one winner per race.
mod common;
use common::*;

use std::sync::Arc;

use serde_json::json;
use tokio::sync::Barrier;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_refreshes_of_one_token_yield_exactly_one_200() {
    for round in 0..5 {
        let api = Arc::new(Api::new().await);
        let (_, rt, _) = api.session(&email("race")).await;
        let barrier = Arc::new(Barrier::new(20));
        let mut tasks = vec![];
        for _ in 0..20 {
            let (api, rt, barrier) = (api.clone(), rt.clone(), barrier.clone());
            // a fresh client per task: 20 separate connections
            tasks.push(tokio::spawn(async move {
                let http = client();
                barrier.wait().await;
                send(
                    &http,
                    "POST",
                    &api.url("/auth/refresh"),
                    &[("X-Spree-Api-Key", KEY)],
                    Some(serde_json::to_vec(&json!({"refresh_token": rt})).unwrap()),
                )
                .await
            }));
        }
        let mut ok = vec![];
        for t in tasks {
            let r = t.await.unwrap();
            match r.status {
                200 => ok.push(r.json()),
                401 => r.assert_error(
                    401,
                    "invalid_refresh_token",
                    "Invalid or expired refresh token",
                ),
                s => panic!("round {round}: unexpected {s}: {}", r.text()),
            }
        }
        assert_eq!(ok.len(), 1, "round {round}: exactly one refresh wins");
        // the winner's token is live
        api.refresh(ok[0]["refresh_token"].as_str().unwrap())
            .await
            .assert_status(200);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_registrations_of_one_email_yield_exactly_one_201() {
    for round in 0..5 {
        let api = Arc::new(Api::new().await);
        let e = email("dupe");
        let barrier = Arc::new(Barrier::new(20));
        let mut tasks = vec![];
        for i in 0..20 {
            let (api, e, barrier) = (api.clone(), e.clone(), barrier.clone());
            tasks.push(tokio::spawn(async move {
                let http = client();
                // vary case and whitespace: uniqueness is on the normalised email
                let addr = if i % 2 == 0 {
                    e.clone()
                } else {
                    format!(" {} ", e.to_uppercase())
                };
                let body = json!({"email": addr, "password": format!("password{i:02}")});
                barrier.wait().await;
                send(
                    &http,
                    "POST",
                    &api.url("/customers"),
                    &[("X-Spree-Api-Key", KEY)],
                    Some(serde_json::to_vec(&body).unwrap()),
                )
                .await
            }));
        }
        let mut created = 0;
        for t in tasks {
            let r = t.await.unwrap();
            match r.status {
                201 => created += 1,
                422 => r.assert_validation(
                    "Email has already been taken",
                    json!({"email": ["has already been taken"]}),
                ),
                s => panic!("round {round}: unexpected {s}: {}", r.text()),
            }
        }
        assert_eq!(created, 1, "round {round}: exactly one registration wins");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_logins_each_get_an_independent_session() {
    let api = Arc::new(Api::new().await);
    let e = email("cl");
    api.register(&e).await;
    let mut tasks = vec![];
    for _ in 0..16 {
        let (api, e) = (api.clone(), e.clone());
        tasks.push(tokio::spawn(async move { api.login(&e, PASSWORD).await }));
    }
    let mut rts = std::collections::HashSet::new();
    for t in tasks {
        let r = t.await.unwrap();
        r.assert_status(200);
        rts.insert(r.json()["refresh_token"].as_str().unwrap().to_string());
    }
    assert_eq!(rts.len(), 16, "refresh tokens are unique");
}
