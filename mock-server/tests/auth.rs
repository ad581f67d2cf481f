//! Login, refresh, logout and the JWT (spec §4.2–4.4, §5.1–5.3).
mod common;
use common::*;

use std::time::Duration;

use serde_json::{Value, json};

// ----------------------------------------------------------------------------- login

#[tokio::test]
async fn login_returns_auth_response_in_documented_shape() {
    let api = Api::new().await;
    let e = email("login");
    api.register_with(
        json!({"email": e, "password": PASSWORD, "first_name": "Lorri", "last_name": "Keebler"}),
    )
    .await;
    let r = api.login(&e, PASSWORD).await;
    r.assert_status(200);
    assert_json_content_type(&r);
    let raw = r.text();
    assert_keys(&raw, &[], &["token", "refresh_token", "user"]);
    assert_keys(&raw, &["user"], &CUSTOMER_KEYS);
    let v = r.json();
    assert!(
        is_refresh_token(v["refresh_token"].as_str().unwrap()),
        "{}",
        v["refresh_token"]
    );
    let u = &v["user"];
    assert!(u["id"].as_str().unwrap().starts_with("cus_"));
    assert_eq!(u["email"], json!(e));
    assert_eq!(u["first_name"], "Lorri");
    assert_eq!(u["full_name"], "Lorri Keebler");
    assert_eq!(u["available_store_credit_total"], "0");
    assert_eq!(u["display_available_store_credit_total"], "$0.00");
    assert_eq!(u["addresses"], json!([]));
    assert_eq!(u["customer_groups"], json!([]));
    assert!(
        !raw.contains('\n')
            && !raw.contains("\": ")
            && !raw.contains(", \"")
            && !raw.contains("{ "),
        "compact JSON expected: {raw}"
    );
}

#[tokio::test]
async fn login_with_provider_email_works() {
    let api = Api::new().await;
    let e = email("prov");
    api.register(&e).await;
    let r = api
        .post(
            "/auth/login",
            json!({"provider": "email", "email": e, "password": PASSWORD}),
        )
        .await;
    r.assert_status(200);
}

#[tokio::test]
async fn login_errors_exact_and_in_order() {
    let api = Api::new().await;
    let e = email("lerr");
    api.register(&e).await;
    let cases: Vec<(Value, u16, &str, String)> = vec![
        (
            json!({"provider": "auth0"}),
            400,
            "invalid_provider",
            "Unsupported authentication provider: auth0".into(),
        ),
        // provider is checked before email/password
        (
            json!({"provider": "okta", "email": "", "password": ""}),
            400,
            "invalid_provider",
            "Unsupported authentication provider: okta".into(),
        ),
        (
            json!({}),
            401,
            "authentication_failed",
            "Email is required".into(),
        ),
        (
            json!({"email": "", "password": PASSWORD}),
            401,
            "authentication_failed",
            "Email is required".into(),
        ),
        (
            json!({"password": PASSWORD}),
            401,
            "authentication_failed",
            "Email is required".into(),
        ),
        (
            json!({"email": e}),
            401,
            "authentication_failed",
            "Password is required".into(),
        ),
        (
            json!({"email": e, "password": ""}),
            401,
            "authentication_failed",
            "Password is required".into(),
        ),
        (
            json!({"email": e, "password": "wrong-password"}),
            401,
            "authentication_failed",
            "Invalid email or password".into(),
        ),
        (
            json!({"email": "nobody@example.com", "password": PASSWORD}),
            401,
            "authentication_failed",
            "Invalid email or password".into(),
        ),
    ];
    for (body, status, code, msg) in cases {
        let r = api.post("/auth/login", body.clone()).await;
        assert_eq!(r.status, status, "{body} -> {}", r.text());
        r.assert_error(status, code, &msg);
    }
}

#[tokio::test]
async fn unknown_email_and_wrong_password_are_byte_identical() {
    let api = Api::new().await;
    let e = email("enum");
    api.register(&e).await;
    let a = api.login(&e, "nope-nope").await;
    let b = api.login("ghost@example.com", "nope-nope").await;
    assert_eq!((a.status, &a.body), (b.status, &b.body));
}

#[tokio::test]
async fn login_without_json_content_type_reads_params_as_absent() {
    let api = Api::new().await;
    let e = email("noct");
    api.register(&e).await;
    let body = serde_json::to_vec(&json!({"email": e, "password": PASSWORD})).unwrap();
    let r = api
        .raw(
            "POST",
            "/auth/login",
            &[("X-Spree-Api-Key", KEY), ("Content-Type", "text/plain")],
            Some(body),
        )
        .await;
    r.assert_error(401, "authentication_failed", "Email is required");
}

#[tokio::test]
async fn login_email_is_exact_after_squish_in_5_6_1() {
    let api = Api::new().await;
    api.register("mixed.case@example.com").await;
    api.login("  mixed.case@example.com ", PASSWORD)
        .await
        .assert_status(200);
    api.login("Mixed.Case@example.com", PASSWORD)
        .await
        .assert_error(401, "authentication_failed", "Invalid email or password");
}

#[tokio::test]
async fn every_login_adds_an_independent_session() {
    let api = Api::new().await;
    let e = email("multi");
    let first = api.register(&e).await;
    let a = api.login(&e, PASSWORD).await.json();
    let b = api.login(&e, PASSWORD).await.json();
    let rts = [
        &first["refresh_token"],
        &a["refresh_token"],
        &b["refresh_token"],
    ];
    assert!(rts[0] != rts[1] && rts[1] != rts[2] && rts[0] != rts[2]);
    for rt in rts {
        api.refresh(rt.as_str().unwrap()).await.assert_status(200);
    }
}

// ----------------------------------------------------------------------------- JWT

#[tokio::test]
async fn jwt_structure_claims_order_and_exp_from_mock_clock() {
    let api = Api::new().await;
    api.mock.set_clock(1_900_000_000);
    let (jwt, _, _) = api.session(&email("jwt")).await;
    let (header, payload, sig) = jwt_parts(&jwt);
    assert_eq!(header, r#"{"alg":"HS256"}"#);
    assert_eq!(sig.len(), 32, "HS256 signature length");
    assert_keys(
        &payload,
        &[],
        &["user_id", "user_type", "jti", "iss", "aud", "exp"],
    );
    let p: Value = serde_json::from_str(&payload).unwrap();
    assert!(
        p["user_id"].is_u64(),
        "user_id is the internal integer: {payload}"
    );
    assert_eq!(p["user_type"], "customer");
    assert_eq!(p["iss"], "spree");
    assert_eq!(p["aud"], "store_api");
    assert_eq!(p["exp"], json!(1_900_003_600i64));
    let jti = p["jti"].as_str().unwrap();
    let b = jti.as_bytes();
    assert!(
        jti.len() == 36
            && b[8] == b'-'
            && b[13] == b'-'
            && b[14] == b'4'
            && b[18] == b'-'
            && b[23] == b'-'
            && b"89ab".contains(&b[19]),
        "jti is a UUID v4: {jti}"
    );
}

#[tokio::test]
async fn jwt_jti_unique_and_user_id_stable() {
    let api = Api::new().await;
    let e = email("jti");
    let (j1, _, _) = api.session(&e).await;
    let j2 = api.login(&e, PASSWORD).await.json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let p1: Value = serde_json::from_str(&jwt_parts(&j1).1).unwrap();
    let p2: Value = serde_json::from_str(&jwt_parts(&j2).1).unwrap();
    assert_ne!(p1["jti"], p2["jti"]);
    assert_eq!(p1["user_id"], p2["user_id"]);
    let (j3, _, _) = api.session(&email("jti")).await;
    let p3: Value = serde_json::from_str(&jwt_parts(&j3).1).unwrap();
    assert_ne!(p1["user_id"], p3["user_id"]);
}

#[tokio::test]
async fn jwt_is_real_hs256_with_the_configured_secret() {
    let api = Api::with(opts_secret("fixed-test-secret")).await;
    let (jwt, _, _) = api.session(&email("sig")).await;
    let (signing_input, sig) = jwt.rsplit_once('.').unwrap();
    assert_eq!(b64url(sig), hs256(b"fixed-test-secret", signing_input));
}

#[tokio::test]
async fn jwt_expires_after_3600s_of_mock_time_with_zero_leeway() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("exp")).await;
    api.mock.advance_clock(Duration::from_secs(3599));
    api.get_me(&jwt).await.assert_status(200);
    api.mock.advance_clock(Duration::from_secs(1));
    api.get_me(&jwt)
        .await
        .assert_error(401, "authentication_required", "Authentication required");
}

#[tokio::test]
async fn forged_or_foreign_jwts_are_treated_as_absent() {
    let secret = "fixed-test-secret";
    let api = Api::with(opts_secret(secret)).await;
    let (jwt, _, _) = api.session(&email("forge")).await;
    let p: Value = serde_json::from_str(&jwt_parts(&jwt).1).unwrap();
    let uid = p["user_id"].as_u64().unwrap();
    let exp = api.mock.now() + 3600;
    let good = format!(
        r#"{{"user_id":{uid},"user_type":"customer","jti":"1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b","iss":"spree","aud":"store_api","exp":{exp}}}"#
    );
    // Sanity: our forged token with the real secret is accepted, so the negatives below mean something.
    api.get_me(&forge_jwt(secret.as_bytes(), &good))
        .await
        .assert_status(200);
    let bad = [
        forge_jwt(b"other-secret", &good),
        forge_jwt(secret.as_bytes(), &good.replace("store_api", "admin_api")),
        forge_jwt(
            secret.as_bytes(),
            &good.replace(r#""iss":"spree""#, r#""iss":"evil""#),
        ),
        forge_jwt(
            secret.as_bytes(),
            &good.replace(
                &format!("\"exp\":{exp}"),
                &format!("\"exp\":{}", api.mock.now()),
            ),
        ),
        forge_jwt(
            secret.as_bytes(),
            &good.replace(&format!("\"user_id\":{uid}"), "\"user_id\":999999"),
        ),
        format!("{}.", jwt.rsplit_once('.').unwrap().0), // alg stripped signature
        "eyJhbGciOiJub25lIn0.eyJ1c2VyX2lkIjoxfQ.".to_string(), // alg none
        "not-a-jwt".to_string(),
        "a.b.c".to_string(),
    ];
    for t in bad {
        api.get_me(&t).await.assert_error(
            401,
            "authentication_required",
            "Authentication required",
        );
    }
}

#[tokio::test]
async fn bearer_prefix_is_case_sensitive_and_token_is_last_part() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("bearer")).await;
    let lower = format!("bearer {jwt}");
    let r = api
        .raw(
            "GET",
            "/customers/me",
            &[("X-Spree-Api-Key", KEY), ("Authorization", &lower)],
            None,
        )
        .await;
    r.assert_error(401, "authentication_required", "Authentication required");
    let no_scheme = jwt.clone();
    let r = api
        .raw(
            "GET",
            "/customers/me",
            &[("X-Spree-Api-Key", KEY), ("Authorization", &no_scheme)],
            None,
        )
        .await;
    r.assert_error(401, "authentication_required", "Authentication required");
    let extra = format!("Bearer junk {jwt}");
    let r = api
        .raw(
            "GET",
            "/customers/me",
            &[("X-Spree-Api-Key", KEY), ("Authorization", &extra)],
            None,
        )
        .await;
    r.assert_status(200);
}

// ----------------------------------------------------------------------------- refresh

#[tokio::test]
async fn refresh_rotates_single_use() {
    let api = Api::new().await;
    let (_, rt0, user) = api.session(&email("rot")).await;
    let r = api.refresh(&rt0).await;
    r.assert_status(200);
    let raw = r.text();
    assert_keys(&raw, &[], &["token", "refresh_token", "user"]);
    assert_keys(&raw, &["user"], &CUSTOMER_KEYS);
    let v = r.json();
    let rt1 = v["refresh_token"].as_str().unwrap();
    assert!(is_refresh_token(rt1));
    assert_ne!(rt1, rt0);
    assert_eq!(v["user"]["id"], user["id"]);
    api.get_me(v["token"].as_str().unwrap())
        .await
        .assert_status(200);
    // old token is dead, and presenting it does not kill the new one
    api.refresh(&rt0).await.assert_error(
        401,
        "invalid_refresh_token",
        "Invalid or expired refresh token",
    );
    let r2 = api.refresh(rt1).await;
    r2.assert_status(200);
    api.refresh(rt1).await.assert_error(
        401,
        "invalid_refresh_token",
        "Invalid or expired refresh token",
    );
}

#[tokio::test]
async fn refresh_errors() {
    let api = Api::new().await;
    api.post("/auth/refresh", json!({})).await.assert_error(
        401,
        "invalid_refresh_token",
        "refresh_token is required",
    );
    api.post("/auth/refresh", json!({"refresh_token": ""}))
        .await
        .assert_error(401, "invalid_refresh_token", "refresh_token is required");
    api.refresh("LQgQuH8rdUfM5EEX3L72Jmfv").await.assert_error(
        401,
        "invalid_refresh_token",
        "Invalid or expired refresh token",
    );
}

#[tokio::test]
async fn refresh_ignores_authorization_header() {
    let api = Api::new().await;
    let (_, rt, _) = api.session(&email("rfauth")).await;
    let body = serde_json::to_vec(&json!({"refresh_token": rt})).unwrap();
    let r = api
        .raw(
            "POST",
            "/auth/refresh",
            &[
                ("X-Spree-Api-Key", KEY),
                ("Authorization", "Bearer garbage"),
            ],
            Some(body),
        )
        .await;
    r.assert_status(200);
}

#[tokio::test]
async fn old_jwt_stays_valid_after_refresh() {
    let api = Api::new().await;
    let (jwt, rt, _) = api.session(&email("oldjwt")).await;
    api.refresh(&rt).await.assert_status(200);
    api.get_me(&jwt).await.assert_status(200);
}

#[tokio::test]
async fn refresh_token_lives_30_days_of_mock_time() {
    let api = Api::new().await;
    let e = email("rt30");
    let (_, a, _) = api.session(&e).await;
    let b = api.login(&e, PASSWORD).await.json()["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();
    api.mock.advance_clock(Duration::from_secs(2_592_000 - 1));
    let r = api.refresh(&a).await;
    r.assert_status(200);
    let a2 = r.json()["refresh_token"].as_str().unwrap().to_string();
    api.mock.advance_clock(Duration::from_secs(1));
    // b: expires_at == now -> invalid
    api.refresh(&b).await.assert_error(
        401,
        "invalid_refresh_token",
        "Invalid or expired refresh token",
    );
    // a2 got a fresh 30 days at rotation
    api.mock.advance_clock(Duration::from_secs(2_592_000 - 2));
    api.refresh(&a2).await.assert_status(200);
}

#[tokio::test]
async fn refreshed_jwt_exp_follows_mock_clock() {
    let api = Api::new().await;
    let (_, rt, _) = api.session(&email("rexp")).await;
    let t = api.mock.now() + 12_345;
    api.mock.set_clock(t);
    let r = api.refresh(&rt).await;
    r.assert_status(200);
    let jwt = r.json()["token"].as_str().unwrap().to_string();
    let p: Value = serde_json::from_str(&jwt_parts(&jwt).1).unwrap();
    assert_eq!(p["exp"], json!(t + 3600));
}

// ----------------------------------------------------------------------------- logout

#[tokio::test]
async fn logout_is_always_204_with_empty_body() {
    let api = Api::new().await;
    let (jwt, rt, _) = api.session(&email("logout")).await;
    let bodies = [
        Some(json!({"refresh_token": rt})),
        Some(json!({"refresh_token": rt})), // already revoked
        Some(json!({"refresh_token": "LQgQuH8rdUfM5EEX3L72Jmfv"})),
        Some(json!({"refresh_token": ""})),
        Some(json!({})),
        None,
    ];
    for b in bodies {
        let r = api.call("POST", "/auth/logout", None, b.clone()).await;
        assert_eq!(r.status, 204, "{b:?}: {}", r.text());
        assert!(r.body.is_empty(), "204 has an empty body");
    }
    api.refresh(&rt).await.assert_error(
        401,
        "invalid_refresh_token",
        "Invalid or expired refresh token",
    );
    // logout does not revoke the JWT
    api.get_me(&jwt).await.assert_status(200);
}

#[tokio::test]
async fn logout_only_revokes_the_named_token() {
    let api = Api::new().await;
    let e = email("lo2");
    let (_, a, _) = api.session(&e).await;
    let b = api.login(&e, PASSWORD).await.json()["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();
    api.post("/auth/logout", json!({"refresh_token": a}))
        .await
        .assert_status(204);
    api.refresh(&b).await.assert_status(200);
}

#[tokio::test]
async fn logout_of_expired_token_is_204_and_ignores_authorization() {
    let api = Api::new().await;
    let (_, rt, _) = api.session(&email("loexp")).await;
    api.mock.advance_clock(Duration::from_secs(40 * 86_400));
    let body = serde_json::to_vec(&json!({"refresh_token": rt})).unwrap();
    let r = api
        .raw(
            "POST",
            "/auth/logout",
            &[("X-Spree-Api-Key", KEY), ("Authorization", "Bearer junk")],
            Some(body),
        )
        .await;
    r.assert_status(204);
}

#[tokio::test]
async fn logout_still_needs_the_api_key() {
    let api = Api::new().await;
    let r = api
        .raw("POST", "/auth/logout", &[], Some(b"{}".to_vec()))
        .await;
    r.assert_error(401, "invalid_token", "Valid API key required");
}
