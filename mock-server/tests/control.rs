//! The control surface: Rust API and `/__mock/*` endpoints (issue 2 §4, spec §10.3), faults.
mod common;
use common::*;

use std::time::{Duration, Instant};

use serde_json::json;
use storefront_mock::{Fault, MockServer};

#[tokio::test]
async fn uri_and_api_base() {
    let mock = MockServer::start().await;
    let uri = mock.uri();
    assert!(
        uri.starts_with("http://127.0.0.1:") || uri.starts_with("http://localhost:"),
        "{uri}"
    );
    assert!(!uri.ends_with('/'));
    assert_eq!(mock.api_base(), format!("{uri}/api/v3/store"));
    assert_eq!(mock.publishable_key(), "pk_test");
    let other = MockServer::start().await;
    assert_ne!(other.uri(), uri, "random port per mock");
}

#[tokio::test]
async fn custom_publishable_key() {
    let api = Api::with(storefront_mock::MockOptions {
        publishable_key: "pk_live_x".into(),
        ..Default::default()
    })
    .await;
    assert_eq!(api.mock.publishable_key(), "pk_live_x");
    let body = br#"{"email":"pk@example.com","password":"password123"}"#.to_vec();
    api.raw(
        "POST",
        "/customers",
        &[("X-Spree-Api-Key", KEY)],
        Some(body.clone()),
    )
    .await
    .assert_error(401, "invalid_token", "Valid API key required");
    api.raw(
        "POST",
        "/customers",
        &[("X-Spree-Api-Key", "pk_live_x")],
        Some(body),
    )
    .await
    .assert_status(201);
}

#[tokio::test]
async fn inactive_key_is_invalid() {
    let api = Api::with(storefront_mock::MockOptions {
        inactive_publishable_keys: vec!["pk_old".into()],
        ..Default::default()
    })
    .await;
    api.raw(
        "POST",
        "/auth/logout",
        &[("X-Spree-Api-Key", "pk_old")],
        Some(b"{}".to_vec()),
    )
    .await
    .assert_error(401, "invalid_token", "Valid API key required");
}

#[tokio::test]
async fn seed_customers_exist_from_start_and_after_reset() {
    let api = Api::with(storefront_mock::MockOptions {
        seed_customers: vec![storefront_mock::SeedCustomer {
            email: "seeded@example.com".into(),
            password: "seedpass1".into(),
            first_name: Some("Seed".into()),
            ..Default::default()
        }],
        ..Default::default()
    })
    .await;
    let r = api.login("seeded@example.com", "seedpass1").await;
    r.assert_status(200);
    assert_eq!(r.json()["user"]["first_name"], "Seed");
    api.register("extra@example.com").await;
    api.mock.reset();
    api.login("seeded@example.com", "seedpass1")
        .await
        .assert_status(200);
    api.login("extra@example.com", PASSWORD)
        .await
        .assert_status(401);
}

#[tokio::test]
async fn reset_clears_state_over_rust_and_http() {
    let api = Api::new().await;
    let (jwt, rt, _) = api.session("gone@example.com").await;
    api.reset_token("gone@example.com").await;
    assert!(!api.mock.requests().is_empty());
    api.mock.reset();
    assert!(api.mock.outbox().is_empty());
    api.login("gone@example.com", PASSWORD).await.assert_error(
        401,
        "authentication_failed",
        "Invalid email or password",
    );
    api.refresh(&rt).await.assert_error(
        401,
        "invalid_refresh_token",
        "Invalid or expired refresh token",
    );
    api.get_me(&jwt)
        .await
        .assert_error(401, "authentication_required", "Authentication required");
    api.register("gone@example.com").await;
    let r = api.control("POST", "/__mock/reset", None).await;
    assert!((200..300).contains(&r.status), "{}", r.status);
    api.login("gone@example.com", PASSWORD)
        .await
        .assert_status(401);
}

#[tokio::test]
async fn control_endpoints_need_no_api_key_and_are_not_journaled() {
    let api = Api::new().await;
    api.control("GET", "/__mock/outbox", None)
        .await
        .assert_status(200);
    assert_eq!(
        api.control("GET", "/__mock/outbox", None).await.json(),
        json!({"messages": []})
    );
    let r = api.control("GET", "/__mock/requests", None).await;
    r.assert_status(200);
    assert_eq!(
        r.json(),
        json!({"requests": []}),
        "control calls are not API requests"
    );
}

#[tokio::test]
async fn request_journal() {
    let api = Api::new().await;
    api.mock.clear_requests();
    api.mock.set_clock(1_900_000_000);
    api.register("j@example.com").await;
    api.raw(
        "POST",
        "/auth/login?utm=1",
        &[("X-Spree-Api-Key", KEY), ("Idempotency-Key", "jk")],
        Some(br#"{"email":"j@example.com","password":"password123"}"#.to_vec()),
    )
    .await
    .assert_status(200);
    api.raw(
        "POST",
        "/auth/login",
        &[("X-Spree-Api-Key", KEY), ("Idempotency-Key", "jk")],
        Some(br#"{"email":"j@example.com","password":"password123"}"#.to_vec()),
    )
    .await
    .assert_status(200);
    api.call("GET", "/customers/me", None, None).await;
    let reqs = api.mock.requests();
    assert_eq!(reqs.len(), 4, "{reqs:?}");
    assert_eq!(
        (
            reqs[0].method.as_str(),
            reqs[0].path.as_str(),
            reqs[0].status
        ),
        ("POST", "/api/v3/store/customers", 201)
    );
    assert_eq!(reqs[1].path, "/api/v3/store/auth/login", "no query string");
    assert_eq!(reqs[1].idempotency_key.as_deref(), Some("jk"));
    assert!(!reqs[1].replayed);
    assert!(reqs[2].replayed);
    assert_eq!((reqs[3].method.as_str(), reqs[3].status), ("GET", 401));
    assert_eq!(reqs[0].at, 1_900_000_000);
    let http = api.control("GET", "/__mock/requests", None).await.json();
    let list = http["requests"].as_array().unwrap();
    assert_eq!(list.len(), 4);
    assert_eq!(list[0]["method"], "POST");
    assert_eq!(list[0]["path"], "/api/v3/store/customers");
    assert_eq!(list[0]["status"], 201);
    api.control("DELETE", "/__mock/requests", None).await;
    assert!(api.mock.requests().is_empty());
    api.call("GET", "/customers/me", None, None).await;
    assert_eq!(api.mock.requests().len(), 1);
    api.mock.clear_requests();
    assert!(api.mock.requests().is_empty());
}

#[tokio::test]
async fn journal_keeps_at_least_the_last_10000() {
    let api = Api::new().await;
    use futures::StreamExt;
    let n = 10_050;
    let mut futs = futures::stream::iter(0..n)
        .map(|i| {
            let api = &api;
            async move {
                api.call("GET", &format!("/customers/me?i={i}"), None, None)
                    .await
                    .status
            }
        })
        .buffer_unordered(16);
    let mut c = 0;
    while let Some(s) = futs.next().await {
        assert_eq!(s, 401);
        c += 1;
    }
    assert_eq!(c, n);
    api.post("/auth/logout", json!({})).await.assert_status(204);
    let reqs = api.mock.requests();
    assert!(
        reqs.len() >= 10_000 && reqs.len() <= n + 1,
        "{}",
        reqs.len()
    );
    assert_eq!(
        reqs.last().unwrap().path,
        "/api/v3/store/auth/logout",
        "newest last"
    );
}

#[tokio::test]
async fn clock_over_http() {
    let api = Api::new().await;
    // The harness froze the clock; unfreezing and freezing over HTTP works too.
    for frozen in [false, true] {
        let r = api
            .control("POST", "/__mock/clock", Some(json!({"freeze": frozen})))
            .await;
        assert!((200..300).contains(&r.status));
    }
    let t0 = api.mock.now();
    let r = api
        .control(
            "POST",
            "/__mock/clock",
            Some(json!({"advance_seconds": 120})),
        )
        .await;
    assert!((200..300).contains(&r.status));
    assert_eq!(api.mock.now(), t0 + 120);
    api.control(
        "POST",
        "/__mock/clock",
        Some(json!({"set_unix": 2_000_000_000})),
    )
    .await;
    assert_eq!(api.mock.now(), 2_000_000_000);
    api.mock.advance_clock(Duration::from_secs(5));
    assert_eq!(api.mock.now(), 2_000_000_005);
}

#[tokio::test]
async fn config_over_http_switches_rate_limits_on() {
    let api = Api::new().await;
    let r = api
        .control(
            "POST",
            "/__mock/config",
            Some(json!({"spree": {"rate_limit_mode": "enforce"}})),
        )
        .await;
    assert!((200..300).contains(&r.status), "{}", r.text());
    let mut statuses = vec![];
    for _ in 0..6 {
        statuses.push(api.login("nobody@example.com", "x").await.status);
    }
    assert_eq!(statuses, [401, 401, 401, 401, 401, 429]);
    // bad config is a client error, not a crash
    let r = api
        .control(
            "POST",
            "/__mock/config",
            Some(json!({"spree": {"rate_limit_mode": 42}})),
        )
        .await;
    assert!((400..500).contains(&r.status), "{}", r.status);
}

// ----------------------------------------------------------------------------- faults

#[tokio::test]
async fn fault_responds_n_times_then_normal() {
    let api = Api::new().await;
    api.mock.add_fault(
        Fault::new("POST", "/api/v3/store/auth/login")
            .times(2)
            .respond(503, r#"{"error":{"code":"unavailable","message":"down"}}"#),
    );
    for _ in 0..2 {
        let r = api.login("nobody@example.com", "x").await;
        assert_eq!(r.status, 503);
        assert_eq!(
            r.text(),
            r#"{"error":{"code":"unavailable","message":"down"}}"#
        );
    }
    api.login("nobody@example.com", "x").await.assert_error(
        401,
        "authentication_failed",
        "Invalid email or password",
    );
    // other methods/paths untouched
    api.mock
        .add_fault(Fault::new("GET", "/api/v3/store/auth/login").respond(500, "x"));
    api.login("nobody@example.com", "x")
        .await
        .assert_status(401);
    api.mock.clear_faults();
}

#[tokio::test]
async fn fault_with_a_non_json_body_and_headers() {
    let api = Api::new().await;
    api.mock.add_fault(
        Fault::new("GET", "/api/v3/store/customers/me")
            .times(1)
            .respond(502, "<html>Bad Gateway</html>")
            .header("Content-Type", "text/html"),
    );
    let r = api.call("GET", "/customers/me", None, None).await;
    assert_eq!(r.status, 502);
    assert_eq!(r.text(), "<html>Bad Gateway</html>");
    assert_eq!(r.header("content-type").as_deref(), Some("text/html"));
}

#[tokio::test]
async fn fault_over_http_and_clear() {
    let api = Api::new().await;
    let r = api
        .control(
            "POST",
            "/__mock/faults",
            Some(json!({"method": "POST", "path": "/api/v3/store/auth/login", "status": 500, "body": "{}"})),
        )
        .await;
    assert!((200..300).contains(&r.status), "{}", r.text());
    assert_eq!(api.login("a@example.com", "x").await.status, 500);
    assert_eq!(api.login("a@example.com", "x").await.status, 500);
    api.control("DELETE", "/__mock/faults", None).await;
    assert_eq!(api.login("a@example.com", "x").await.status, 401);
    api.mock
        .add_fault(Fault::new("POST", "/api/v3/store/auth/login").respond(500, "{}"));
    api.mock.clear_faults();
    assert_eq!(api.login("a@example.com", "x").await.status, 401);
    let r = api
        .control("POST", "/__mock/faults", Some(json!({"bogus": true})))
        .await;
    assert!(
        (400..500).contains(&r.status),
        "bad fault spec is a 4xx: {}",
        r.status
    );
}

#[tokio::test]
async fn fault_delay_adds_latency() {
    let api = Api::new().await;
    api.mock.add_fault(
        Fault::new("POST", "/api/v3/store/auth/logout")
            .times(1)
            .delay(Duration::from_millis(800)),
    );
    let t = Instant::now();
    api.post("/auth/logout", json!({})).await.assert_status(204);
    assert!(
        t.elapsed() >= Duration::from_millis(800),
        "{:?}",
        t.elapsed()
    );
    let t = Instant::now();
    api.post("/auth/logout", json!({})).await.assert_status(204);
    assert!(t.elapsed() < Duration::from_millis(800), "only once");
}

#[tokio::test]
async fn dropped_refresh_retried_with_same_key_replays_the_rotated_pair() {
    let api = Api::new().await;
    let (_, rt, user) = api.session(&email("drop")).await;
    api.mock.clear_requests();
    api.mock.add_fault(
        Fault::new("POST", "/api/v3/store/auth/refresh")
            .times(1)
            .drop_connection(),
    );
    let body = serde_json::to_vec(&json!({"refresh_token": rt})).unwrap();
    let url = api.url("/auth/refresh");
    let first = api
        .http
        .post(&url)
        .header("X-Spree-Api-Key", KEY)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", "retry-me")
        .body(body.clone())
        .send()
        .await;
    assert!(first.is_err(), "connection dropped: {first:?}");
    // the server processed it: the presented token was rotated away
    let journal = api.mock.requests();
    assert_eq!(journal.len(), 1, "{journal:?}");
    assert_eq!(journal[0].status, 200, "processed before the drop");
    // retry with the same key: the same rotated pair, replayed
    let h = [("X-Spree-Api-Key", KEY), ("Idempotency-Key", "retry-me")];
    let a = api
        .raw("POST", "/auth/refresh", &h, Some(body.clone()))
        .await;
    a.assert_status(200);
    assert_eq!(a.header("idempotent-replayed").as_deref(), Some("true"));
    let b = api
        .raw("POST", "/auth/refresh", &h, Some(body.clone()))
        .await;
    assert_eq!(a.body, b.body, "stable replay");
    let v = a.json();
    assert_eq!(v["user"]["id"], user["id"]);
    // without the key the old token is dead; the replayed token is the live one
    api.refresh(&rt).await.assert_error(
        401,
        "invalid_refresh_token",
        "Invalid or expired refresh token",
    );
    api.refresh(v["refresh_token"].as_str().unwrap())
        .await
        .assert_status(200);
}

#[tokio::test]
async fn faults_are_journaled() {
    let api = Api::new().await;
    api.mock.clear_requests();
    api.mock.add_fault(
        Fault::new("POST", "/api/v3/store/auth/login")
            .times(1)
            .respond(503, "{}"),
    );
    api.login("x@example.com", "y").await;
    let j = api.mock.requests();
    assert_eq!(j.len(), 1);
    assert_eq!(j[0].status, 503);
}

#[tokio::test]
async fn same_seed_same_secret_same_clock_reproduce_ids_and_tokens() {
    let opts = || storefront_mock::MockOptions {
        seed: Some(42),
        spree: storefront_mock::SpreeOptions {
            jwt_secret: Some("repro".into()),
            ..Default::default()
        },
        ..Default::default()
    };
    let mut runs = vec![];
    for _ in 0..2 {
        let api = Api::with(opts()).await;
        api.mock.set_clock(1_900_000_000);
        let a = api.register("repro@example.com").await;
        let addr = api
            .create_address(a["token"].as_str().unwrap(), us_address())
            .await
            .json();
        let t = api.reset_token("repro@example.com").await;
        runs.push((a, addr["id"].clone(), t));
    }
    assert_eq!(runs[0].0["user"]["id"], runs[1].0["user"]["id"]);
    assert_eq!(runs[0].0["refresh_token"], runs[1].0["refresh_token"]);
    assert_eq!(
        runs[0].0["token"], runs[1].0["token"],
        "same jti, exp and secret"
    );
    assert_eq!(runs[0].1, runs[1].1);
    assert_eq!(runs[0].2, runs[1].2);
    // a different seed gives different ids
    let api = Api::with(storefront_mock::MockOptions {
        seed: Some(43),
        ..opts()
    })
    .await;
    api.mock.set_clock(1_900_000_000);
    let a = api.register("repro@example.com").await;
    assert_ne!(a["refresh_token"], runs[0].0["refresh_token"]);
}

#[tokio::test]
async fn fault_rate_is_seeded() {
    let pattern = |seed| async move {
        let api = Api::with(storefront_mock::MockOptions {
            seed: Some(seed),
            ..Default::default()
        })
        .await;
        api.mock.add_fault(
            Fault::new("POST", "/api/v3/store/auth/logout")
                .rate(0.5)
                .respond(503, "{}"),
        );
        let mut v = vec![];
        for _ in 0..40 {
            v.push(api.post("/auth/logout", json!({})).await.status);
        }
        v
    };
    let a = pattern(7).await;
    let b = pattern(7).await;
    assert_eq!(a, b, "same seed, same faults");
    let hits = a.iter().filter(|s| **s == 503).count();
    assert!((5..=35).contains(&hits), "about half: {hits}/40");
    assert!(a.iter().all(|s| *s == 503 || *s == 204));
}
