//! Global conventions: API key and check order, envelopes, 400/404/413, response headers,
//! idempotency, the Date header, rate limits (spec §2).
mod common;
use common::*;

use std::time::{Duration, UNIX_EPOCH};

use serde_json::json;

// ----------------------------------------------------------------------------- API key

#[tokio::test]
async fn api_key_required_on_every_key_first_endpoint() {
    let api = Api::new().await;
    let ops: [(&str, &str, &[u8]); 6] = [
        (
            "POST",
            "/customers",
            br#"{"email":"k@example.com","password":"password123"}"#,
        ),
        (
            "POST",
            "/auth/login",
            br#"{"email":"k@example.com","password":"password123"}"#,
        ),
        (
            "POST",
            "/auth/refresh",
            br#"{"refresh_token":"LQgQuH8rdUfM5EEX3L72Jmfv"}"#,
        ),
        ("POST", "/auth/logout", b"{}"),
        ("POST", "/password_resets", br#"{"email":"k@example.com"}"#),
        (
            "PATCH",
            "/password_resets/sometoken",
            br#"{"password":"x","password_confirmation":"x"}"#,
        ),
    ];
    for (m, p, b) in ops {
        for key in [
            None,
            Some("pk_wrong"),
            Some(""),
            Some("PK_TEST"),
            Some("sk_test"),
        ] {
            let h: Vec<(&str, &str)> = key
                .map(|k| vec![("X-Spree-Api-Key", k)])
                .unwrap_or_default();
            let r = api.raw(m, p, &h, Some(b.to_vec())).await;
            assert_eq!(r.status, 401, "{m} {p} key={key:?}: {}", r.text());
            r.assert_error(401, "invalid_token", "Valid API key required");
        }
    }
    // nothing happened: the registration above was rejected
    api.login("k@example.com", PASSWORD).await.assert_error(
        401,
        "authentication_failed",
        "Invalid email or password",
    );
}

#[tokio::test]
async fn api_key_is_not_read_from_query_or_other_headers() {
    let api = Api::new().await;
    let body = br#"{"email":"q@example.com","password":"password123"}"#.to_vec();
    api.raw(
        "POST",
        "/customers?api_key=pk_test&x-spree-api-key=pk_test",
        &[],
        Some(body.clone()),
    )
    .await
    .assert_error(401, "invalid_token", "Valid API key required");
    api.raw(
        "POST",
        "/auth/login",
        &[("Authorization", "Bearer pk_test")],
        Some(body),
    )
    .await
    .assert_error(401, "invalid_token", "Valid API key required");
}

#[tokio::test]
async fn api_key_header_name_is_case_insensitive() {
    let api = Api::new().await;
    let r = api
        .raw(
            "POST",
            "/customers",
            &[("x-spree-api-key", KEY)],
            Some(br#"{"email":"lc@example.com","password":"password123"}"#.to_vec()),
        )
        .await;
    r.assert_status(201);
}

#[tokio::test]
async fn customers_me_checks_jwt_first_then_key() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("ord")).await;
    let bearer = format!("Bearer {jwt}");
    for m in ["GET", "PATCH"] {
        let body = (m == "PATCH").then(|| b"{}".to_vec());
        api.raw(m, "/customers/me", &[], body.clone())
            .await
            .assert_error(401, "authentication_required", "Authentication required");
        api.raw(
            m,
            "/customers/me",
            &[
                ("X-Spree-Api-Key", "pk_wrong"),
                ("Authorization", "Bearer junk"),
            ],
            body.clone(),
        )
        .await
        .assert_error(401, "authentication_required", "Authentication required");
        api.raw(
            m,
            "/customers/me",
            &[("Authorization", &bearer)],
            body.clone(),
        )
        .await
        .assert_error(401, "invalid_token", "Valid API key required");
        api.raw(
            m,
            "/customers/me",
            &[("Authorization", &bearer), ("X-Spree-Api-Key", KEY)],
            body,
        )
        .await
        .assert_status(200);
    }
}

// ----------------------------------------------------------------------------- envelopes

#[tokio::test]
async fn malformed_json_is_400_invalid_request() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("bad")).await;
    for (m, p, auth) in [
        ("POST", "/auth/login", false),
        ("POST", "/customers", false),
        ("POST", "/auth/refresh", false),
        ("POST", "/password_resets", false),
        ("PATCH", "/customers/me", true),
        ("POST", "/customers/me/addresses", true),
    ] {
        let bearer = format!("Bearer {jwt}");
        let mut h = vec![("X-Spree-Api-Key", KEY)];
        if auth {
            h.push(("Authorization", &bearer));
        }
        for body in [
            &b"{"[..],
            b"{\"email\":",
            b"{'a':1}",
            b"nope",
            b"{\"a\":1,}",
        ] {
            let r = api.raw(m, p, &h, Some(body.to_vec())).await;
            assert_eq!(
                r.status,
                400,
                "{m} {p} {:?}: {}",
                String::from_utf8_lossy(body),
                r.text()
            );
            assert_json_content_type(&r);
            let v = r.json();
            assert_eq!(v["error"]["code"], "invalid_request");
            assert!(
                v["error"]["message"]
                    .as_str()
                    .is_some_and(|s| !s.is_empty()),
                "parser text as message"
            );
            assert!(v["error"].get("details").is_none());
        }
    }
}

#[tokio::test]
async fn body_over_102400_bytes_is_413_before_anything_else() {
    let api = Api::new().await;
    let pad = "a".repeat(102_400);
    let big = format!(r#"{{"email":"big@example.com","password":"password123","x":"{pad}"}}"#)
        .into_bytes();
    assert!(big.len() > 102_400);
    for (m, p, h) in [
        ("POST", "/customers", vec![("X-Spree-Api-Key", KEY)]),
        ("POST", "/auth/login", vec![]), // no key: the size limit runs first
        ("PATCH", "/customers/me", vec![]), // no JWT either
        (
            "POST",
            "/customers/me/addresses",
            vec![("X-Spree-Api-Key", KEY)],
        ),
    ] {
        let r = api.raw(m, p, &h, Some(big.clone())).await;
        assert_eq!(r.status, 413, "{m} {p}");
        assert_eq!(
            r.json(),
            json!({"error":{"code":"request_too_large","message":"Request body too large"}})
        );
        // the Rack middleware's own header: no charset (spec §2.8), no security headers
        assert_eq!(
            r.header("content-type").as_deref(),
            Some("application/json")
        );
        assert!(r.header("x-frame-options").is_none());
    }
    api.login("big@example.com", PASSWORD).await.assert_error(
        401,
        "authentication_failed",
        "Invalid email or password",
    );
}

#[tokio::test]
async fn body_of_exactly_102400_bytes_is_accepted() {
    let api = Api::new().await;
    let head = r#"{"email":"edge@example.com","password":"password123","x":""#;
    let tail = r#""}"#;
    let pad = "a".repeat(102_400 - head.len() - tail.len());
    let body = format!("{head}{pad}{tail}").into_bytes();
    assert_eq!(body.len(), 102_400);
    api.raw(
        "POST",
        "/customers",
        &[("X-Spree-Api-Key", KEY)],
        Some(body),
    )
    .await
    .assert_status(201);
}

#[tokio::test]
async fn unknown_paths_and_wrong_methods_are_404_envelopes() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("nf")).await;
    let bearer = format!("Bearer {jwt}");
    let cases = [
        ("GET", "/nope"),
        ("GET", "/auth/login"),
        ("DELETE", "/auth/refresh"),
        ("GET", "/customers"),
        ("PUT", "/customers/me"),
        ("DELETE", "/customers/me"),
        ("GET", "/password_resets"),
        ("POST", "/customers/me/addresses/addr_x"),
        ("GET", "/customer"),
        ("POST", "/customer/password_resets"),
    ];
    for (m, p) in cases {
        let r = api
            .raw(
                m,
                p,
                &[("X-Spree-Api-Key", KEY), ("Authorization", &bearer)],
                None,
            )
            .await;
        assert_eq!(r.status, 404, "{m} {p}: {}", r.text());
        assert_json_content_type(&r);
        let v = r.json();
        assert_eq!(v["error"]["code"], "not_found", "{m} {p}");
        assert!(v["error"]["message"].is_string());
    }
    for url in [
        format!("{}/", api.mock.uri()),
        format!("{}/api/v2/storefront/account", api.mock.uri()),
    ] {
        let r = api.raw("GET", &url, &[], None).await;
        assert_eq!(r.status, 404, "{url}");
        assert_eq!(r.json()["error"]["code"], "not_found");
    }
}

#[tokio::test]
async fn action_responses_carry_security_headers() {
    let api = Api::new().await;
    let r = api
        .post(
            "/customers",
            json!({"email": "hdr@example.com", "password": PASSWORD}),
        )
        .await;
    r.assert_status(201);
    assert_eq!(
        r.header("x-content-type-options").as_deref(),
        Some("nosniff")
    );
    assert_eq!(r.header("x-frame-options").as_deref(), Some("DENY"));
    assert_eq!(
        r.header("referrer-policy").as_deref(),
        Some("strict-origin-when-cross-origin")
    );
    assert_eq!(
        r.header("permissions-policy").as_deref(),
        Some("camera=(), microphone=(), geolocation=()")
    );
    assert!(r.header("x-request-id").is_some_and(|s| !s.is_empty()));
    assert!(
        r.header("strict-transport-security").is_none(),
        "HTTPS only"
    );
    assert!(r.header("x-powered-by").is_none());
    let jwt = r.json()["token"].as_str().unwrap().to_string();
    let me = api.get_me(&jwt).await;
    assert_eq!(me.header("x-frame-options").as_deref(), Some("DENY"));
    let id2 = me.header("x-request-id").unwrap();
    assert_ne!(Some(id2), r.header("x-request-id"), "request ids differ");
}

// ----------------------------------------------------------------------------- Date header

#[tokio::test]
async fn date_header_follows_the_mock_clock() {
    let api = Api::new().await;
    api.mock.set_clock(1_800_000_000);
    assert_eq!(api.mock.now(), 1_800_000_000);
    let r = api.post("/auth/login", json!({})).await;
    assert_eq!(
        r.header("date").as_deref(),
        Some("Fri, 15 Jan 2027 08:00:00 GMT")
    );
    api.mock.advance_clock(Duration::from_secs(3661));
    let r = api.post("/password_resets", json!({})).await;
    let expect = httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(1_800_003_661));
    assert_eq!(r.header("date").as_deref(), Some(expect.as_str()));
    assert_eq!(r.header_all("date").len(), 1, "exactly one Date header");
    // control endpoint moves it too
    api.control(
        "POST",
        "/__mock/clock",
        Some(json!({"set_unix": 1_700_000_000})),
    )
    .await;
    assert_eq!(api.mock.now(), 1_700_000_000);
    let r = api.post("/auth/logout", json!({})).await;
    assert_eq!(
        r.header("date").as_deref(),
        Some("Tue, 14 Nov 2023 22:13:20 GMT")
    );
}

#[tokio::test]
async fn mock_clock_starts_at_the_wall_clock() {
    // "every expiry follows the mock's clock": the tests rely on no wall-clock drift, or at
    // least on the clock starting near the wall clock.
    let api = Api::new().await;
    let wall = std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!(
        (api.mock.now() - wall).abs() < 60,
        "mock clock starts at the wall clock"
    );
}

// ----------------------------------------------------------------------------- idempotency

#[tokio::test]
async fn idempotent_replay_of_a_201() {
    let api = Api::new().await;
    let body =
        serde_json::to_vec(&json!({"email": "idem@example.com", "password": PASSWORD})).unwrap();
    let h = [("X-Spree-Api-Key", KEY), ("Idempotency-Key", "reg-1")];
    let a = api.raw("POST", "/customers", &h, Some(body.clone())).await;
    a.assert_status(201);
    assert!(a.header("idempotent-replayed").is_none());
    let b = api.raw("POST", "/customers", &h, Some(body.clone())).await;
    b.assert_status(201);
    assert_eq!(b.header("idempotent-replayed").as_deref(), Some("true"));
    assert_eq!(a.body, b.body, "same body bytes");
    assert_eq!(b.header("content-type"), a.header("content-type"));
    // a different body with the same key
    let other =
        serde_json::to_vec(&json!({"email": "idem2@example.com", "password": PASSWORD})).unwrap();
    let c = api.raw("POST", "/customers", &h, Some(other)).await;
    c.assert_error(
        422,
        "idempotency_key_reused",
        "This Idempotency-Key has already been used with different request parameters.",
    );
    // whitespace differences count
    let spaced =
        serde_json::to_vec_pretty(&json!({"email": "idem@example.com", "password": PASSWORD}))
            .unwrap();
    api.raw("POST", "/customers", &h, Some(spaced))
        .await
        .assert_error(
            422,
            "idempotency_key_reused",
            "This Idempotency-Key has already been used with different request parameters.",
        );
    // same key on another path is a different request
    api.raw("POST", "/auth/login", &h, Some(body))
        .await
        .assert_error(
            422,
            "idempotency_key_reused",
            "This Idempotency-Key has already been used with different request parameters.",
        );
    // only one account exists; its refresh token from the replay is the original one
    let rt = a.json()["refresh_token"].as_str().unwrap().to_string();
    api.refresh(&rt).await.assert_status(200);
}

#[tokio::test]
async fn idempotent_replay_covers_4xx() {
    let api = Api::new().await;
    api.register("idem4@example.com").await;
    let h = [("X-Spree-Api-Key", KEY), ("Idempotency-Key", "login-wrong")];
    let body = br#"{"email":"idem4@example.com","password":"wrong-pass"}"#.to_vec();
    let a = api.raw("POST", "/auth/login", &h, Some(body.clone())).await;
    a.assert_error(401, "authentication_failed", "Invalid email or password");
    let b = api.raw("POST", "/auth/login", &h, Some(body)).await;
    b.assert_error(401, "authentication_failed", "Invalid email or password");
    assert_eq!(b.header("idempotent-replayed").as_deref(), Some("true"));
}

#[tokio::test]
async fn idempotent_refresh_retry_returns_the_same_rotated_pair() {
    let api = Api::new().await;
    let (_, rt, _) = api.session(&email("idr")).await;
    let h = [
        ("X-Spree-Api-Key", KEY),
        ("Idempotency-Key", "refresh-once"),
    ];
    let body = serde_json::to_vec(&json!({"refresh_token": rt})).unwrap();
    let a = api
        .raw("POST", "/auth/refresh", &h, Some(body.clone()))
        .await;
    a.assert_status(200);
    let b = api
        .raw("POST", "/auth/refresh", &h, Some(body.clone()))
        .await;
    b.assert_status(200);
    assert_eq!(b.header("idempotent-replayed").as_deref(), Some("true"));
    assert_eq!(a.body, b.body);
    // without the key the same body is a fresh attempt with a dead token
    api.raw("POST", "/auth/refresh", &h[..1], Some(body))
        .await
        .assert_error(
            401,
            "invalid_refresh_token",
            "Invalid or expired refresh token",
        );
}

#[tokio::test]
async fn rejections_before_the_action_are_not_cached() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("nc")).await;
    let bearer = format!("Bearer {jwt}");
    let body = br#"{"first_name":"Cached"}"#.to_vec();
    // 401 authentication_required, then the same key with a JWT executes
    let r = api
        .raw(
            "PATCH",
            "/customers/me",
            &[("X-Spree-Api-Key", KEY), ("Idempotency-Key", "k1")],
            Some(body.clone()),
        )
        .await;
    r.assert_error(401, "authentication_required", "Authentication required");
    let r = api
        .raw(
            "PATCH",
            "/customers/me",
            &[
                ("X-Spree-Api-Key", KEY),
                ("Idempotency-Key", "k1"),
                ("Authorization", &bearer),
            ],
            Some(body.clone()),
        )
        .await;
    r.assert_status(200);
    assert!(r.header("idempotent-replayed").is_none());
    assert_eq!(r.json()["first_name"], "Cached");
    // 401 invalid_token is not cached
    let reg = br#"{"email":"nc2@example.com","password":"password123"}"#.to_vec();
    api.raw(
        "POST",
        "/customers",
        &[("Idempotency-Key", "k2")],
        Some(reg.clone()),
    )
    .await
    .assert_error(401, "invalid_token", "Valid API key required");
    let r = api
        .raw(
            "POST",
            "/customers",
            &[("X-Spree-Api-Key", KEY), ("Idempotency-Key", "k2")],
            Some(reg),
        )
        .await;
    r.assert_status(201);
    assert!(r.header("idempotent-replayed").is_none());
    // 400 malformed JSON is not cached
    let h = [("X-Spree-Api-Key", KEY), ("Idempotency-Key", "k3")];
    api.raw("POST", "/auth/login", &h, Some(b"{".to_vec()))
        .await
        .assert_status(400);
    let r = api
        .raw(
            "POST",
            "/auth/login",
            &h,
            Some(br#"{"email":"nc2@example.com","password":"password123"}"#.to_vec()),
        )
        .await;
    r.assert_status(200);
    assert!(r.header("idempotent-replayed").is_none());
}

#[tokio::test]
async fn idempotency_key_length_and_blank() {
    let api = Api::new().await;
    let long = "k".repeat(256);
    let body = br#"{"email":"len@example.com","password":"password123"}"#.to_vec();
    api.raw(
        "POST",
        "/customers",
        &[("X-Spree-Api-Key", KEY), ("Idempotency-Key", &long)],
        Some(body.clone()),
    )
    .await
    .assert_error(
        400,
        "invalid_request",
        "Idempotency-Key must be 255 characters or less.",
    );
    let ok = "k".repeat(255);
    api.raw(
        "POST",
        "/customers",
        &[("X-Spree-Api-Key", KEY), ("Idempotency-Key", &ok)],
        Some(body.clone()),
    )
    .await
    .assert_status(201);
    // blank key: feature off, so the second attempt executes (and fails on uniqueness)
    let r = api
        .raw(
            "POST",
            "/customers",
            &[("X-Spree-Api-Key", KEY), ("Idempotency-Key", "")],
            Some(body),
        )
        .await;
    r.assert_validation(
        "Email has already been taken",
        json!({"email": ["has already been taken"]}),
    );
    assert!(r.header("idempotent-replayed").is_none());
}

#[tokio::test]
async fn idempotency_cache_expires_after_24h_of_mock_time() {
    let api = Api::new().await;
    let h = [("X-Spree-Api-Key", KEY), ("Idempotency-Key", "ttl")];
    let body = br#"{"email":"ttl@example.com","password":"password123"}"#.to_vec();
    api.raw("POST", "/customers", &h, Some(body.clone()))
        .await
        .assert_status(201);
    api.mock.advance_clock(Duration::from_secs(86_400 - 1));
    let r = api.raw("POST", "/customers", &h, Some(body.clone())).await;
    r.assert_status(201);
    assert_eq!(r.header("idempotent-replayed").as_deref(), Some("true"));
    api.mock.advance_clock(Duration::from_secs(1));
    let r = api.raw("POST", "/customers", &h, Some(body)).await;
    r.assert_validation(
        "Email has already been taken",
        json!({"email": ["has already been taken"]}),
    );
}

#[tokio::test]
async fn idempotency_applies_to_delete_and_logout() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("idd")).await;
    let a = api.create_address(&jwt, us_address()).await.json();
    let bearer = format!("Bearer {jwt}");
    let h = [
        ("X-Spree-Api-Key", KEY),
        ("Authorization", bearer.as_str()),
        ("Idempotency-Key", "del"),
    ];
    let p = format!("/customers/me/addresses/{}", a["id"].as_str().unwrap());
    api.raw("DELETE", &p, &h, None).await.assert_status(204);
    let r = api.raw("DELETE", &p, &h, None).await;
    r.assert_status(204);
    assert_eq!(r.header("idempotent-replayed").as_deref(), Some("true"));
    let h = [("X-Spree-Api-Key", KEY), ("Idempotency-Key", "lo")];
    api.raw("POST", "/auth/logout", &h, Some(b"{}".to_vec()))
        .await
        .assert_status(204);
    let r = api
        .raw("POST", "/auth/logout", &h, Some(b"{}".to_vec()))
        .await;
    r.assert_status(204);
    assert_eq!(r.header("idempotent-replayed").as_deref(), Some("true"));
}

// ----------------------------------------------------------------------------- rate limits

#[tokio::test]
async fn rate_limits_are_off_by_default() {
    let api = Api::new().await;
    for i in 0..12 {
        let r = api
            .post(
                "/auth/login",
                json!({"email": "x@example.com", "password": "wrong1"}),
            )
            .await;
        assert_eq!(r.status, 401, "login #{i}");
        assert!(r.header("retry-after").is_none());
    }
    for i in 0..6 {
        api.post(
            "/customers",
            json!({"email": format!("rl{i}@example.com"), "password": PASSWORD}),
        )
        .await
        .assert_status(201);
        api.post("/password_resets", json!({"email": "x@example.com"}))
            .await
            .assert_status(202);
    }
}

#[track_caller]
fn assert_429(r: &Resp, limit: u32) {
    r.assert_error(
        429,
        "rate_limit_exceeded",
        "Too many requests. Please retry later.",
    );
    assert_eq!(r.header("retry-after").as_deref(), Some("60"));
    assert_eq!(r.header("x-ratelimit-limit"), Some(limit.to_string()));
    assert_eq!(r.header("x-ratelimit-remaining").as_deref(), Some("0"));
}

#[tokio::test]
async fn enforced_login_limit_is_5_per_window() {
    let api = Api::with(opts_enforce()).await;
    api.register("rl@example.com").await;
    for _ in 0..5 {
        api.login("rl@example.com", PASSWORD)
            .await
            .assert_status(200);
    }
    let r = api.login("rl@example.com", PASSWORD).await;
    assert_429(&r, 5);
    // the window is fixed and follows the mock clock
    api.mock.advance_clock(Duration::from_secs(60));
    api.login("rl@example.com", PASSWORD)
        .await
        .assert_status(200);
}

#[tokio::test]
async fn enforced_register_limit_is_3() {
    let api = Api::with(opts_enforce()).await;
    for i in 0..3 {
        api.post(
            "/customers",
            json!({"email": format!("r{i}@example.com"), "password": PASSWORD}),
        )
        .await
        .assert_status(201);
    }
    let r = api
        .post(
            "/customers",
            json!({"email": "r9@example.com", "password": PASSWORD}),
        )
        .await;
    assert_429(&r, 3);
    api.login("r9@example.com", PASSWORD).await.assert_error(
        401,
        "authentication_failed",
        "Invalid email or password",
    );
}

#[tokio::test]
async fn enforced_password_reset_bucket_is_shared_by_create_and_update() {
    let api = Api::with(opts_enforce()).await;
    api.post("/password_resets", json!({"email": "a@example.com"}))
        .await
        .assert_status(202);
    api.post("/password_resets", json!({"email": "a@example.com"}))
        .await
        .assert_status(202);
    api.call(
        "PATCH",
        "/password_resets/bad",
        None,
        Some(json!({"password": "abcdefgh", "password_confirmation": "abcdefgh"})),
    )
    .await
    .assert_status(422);
    let r = api
        .post("/password_resets", json!({"email": "a@example.com"}))
        .await;
    assert_429(&r, 3);
}

#[tokio::test]
async fn enforced_refresh_bucket_covers_logout() {
    let api = Api::with(opts_enforce()).await;
    for i in 0..10 {
        let p = if i % 2 == 0 {
            "/auth/refresh"
        } else {
            "/auth/logout"
        };
        let r = api
            .post(p, json!({"refresh_token": "LQgQuH8rdUfM5EEX3L72Jmfv"}))
            .await;
        assert_ne!(r.status, 429, "request #{i} {p}");
    }
    let r = api.post("/auth/logout", json!({})).await;
    assert_429(&r, 10);
    let r = api
        .post("/auth/refresh", json!({"refresh_token": "x"}))
        .await;
    assert_429(&r, 10);
}

#[tokio::test]
async fn headers_only_mode_emits_headers_and_never_429() {
    let api = Api::with(opts_headers_only()).await;
    for i in 0..8 {
        let r = api
            .post(
                "/auth/login",
                json!({"email": "h@example.com", "password": "wrong1"}),
            )
            .await;
        assert_eq!(r.status, 401, "#{i}");
        let _ = r;
    }
    let r = api
        .post(
            "/customers",
            json!({"email": "h@example.com", "password": PASSWORD}),
        )
        .await;
    r.assert_status(201);
    assert_eq!(r.header("x-ratelimit-limit").as_deref(), Some("300"));
    let rem: u32 = r.header("x-ratelimit-remaining").unwrap().parse().unwrap();
    assert!(rem < 300);
}
