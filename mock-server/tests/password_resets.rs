//! Password reset request and completion through the outbox (spec §4.5, §4.6, §5.4, §7).
mod common;
use common::*;

use std::time::Duration;

use serde_json::json;

const ACCEPTED: &str = r#"{"message":"If an account exists for that email, password reset instructions have been sent."}"#;

#[tokio::test]
async fn request_answers_identically_for_known_unknown_and_missing_email() {
    let api = Api::new().await;
    api.register("known@example.com").await;
    let bodies = [
        json!({"email": "known@example.com"}),
        json!({"email": "unknown@example.com"}),
        json!({}),
        json!({"email": ""}),
        json!({"email": "known@example.com", "redirect_url": "https://evil.example/steal"}),
        json!({"email": "known@example.com", "redirect_url": "not a url"}),
    ];
    for b in bodies {
        let r = api.post("/password_resets", b.clone()).await;
        assert_eq!(r.status, 202, "{b}");
        assert_eq!(r.text(), ACCEPTED, "{b}");
        assert_json_content_type(&r);
    }
    // one outbox message per request that named an existing customer
    let out = api.mock.outbox();
    assert_eq!(out.len(), 3, "{out:?}");
    assert!(
        out.iter()
            .all(|m| m.to == "known@example.com" && m.kind == "password_reset")
    );
    // disallowed redirect URLs are dropped silently
    assert!(out.iter().all(|m| m.redirect_url.is_none()));
}

#[tokio::test]
async fn email_lookup_is_exact() {
    let api = Api::new().await;
    api.register("exact@example.com").await;
    api.post("/password_resets", json!({"email": "EXACT@example.com"}))
        .await
        .assert_status(202);
    assert!(
        api.mock.outbox().is_empty(),
        "case-sensitive lookup (5.6.1)"
    );
}

#[tokio::test]
async fn outbox_message_shape_and_http_view() {
    let api = Api::new().await;
    api.register("shape@example.com").await;
    api.register("other@example.com").await;
    api.mock.set_clock(1_900_000_000);
    api.post("/password_resets", json!({"email": "shape@example.com"}))
        .await
        .assert_status(202);
    api.post("/password_resets", json!({"email": "other@example.com"}))
        .await
        .assert_status(202);
    let r = api.control("GET", "/__mock/outbox", None).await;
    r.assert_status(200);
    let v = r.json();
    let msgs = v["messages"].as_array().unwrap();
    assert_eq!(msgs.len(), 2);
    assert_eq!(msgs[0]["to"], "shape@example.com", "oldest first");
    assert_eq!(msgs[0]["kind"], "password_reset");
    assert_eq!(msgs[0]["redirect_url"], json!(null));
    assert!(msgs[0]["token"].as_str().is_some_and(|t| !t.is_empty()));
    assert_eq!(
        msgs[0]["created_at"].as_str().unwrap().get(..19),
        Some("2030-03-17T17:46:40"),
        "RFC3339 from the mock clock"
    );
    assert_keys(
        &r.text(),
        &["messages", "0"],
        &["kind", "to", "token", "redirect_url", "created_at"],
    );
    // filter
    let r = api
        .control("GET", "/__mock/outbox?to=other%40example.com", None)
        .await;
    let v = r.json();
    assert_eq!(v["messages"].as_array().unwrap().len(), 1);
    assert_eq!(v["messages"][0]["to"], "other@example.com");
    // Rust view agrees
    let out = api.mock.outbox();
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].token, msgs[0]["token"].as_str().unwrap());
}

#[tokio::test]
async fn redirect_url_kept_only_for_allowed_origins() {
    let api = Api::with(opts_origins(&[
        "https://shop.example",
        "http://localhost:3000",
    ]))
    .await;
    api.register("redir@example.com").await;
    let cases = [
        (
            "https://shop.example/reset-password",
            Some("https://shop.example/reset-password"),
        ),
        ("https://evil.example/reset", None),
        ("http://shop.example/reset", None), // scheme differs
        ("https://shop.example:8443/reset", None), // port differs
        (
            "http://localhost:5173/reset",
            Some("http://localhost:5173/reset"),
        ), // loopback: any port
    ];
    for (url, want) in cases {
        let before = api.mock.outbox().len();
        api.post(
            "/password_resets",
            json!({"email": "redir@example.com", "redirect_url": url}),
        )
        .await
        .assert_status(202);
        let out = api.mock.outbox();
        assert_eq!(out.len(), before + 1);
        assert_eq!(out.last().unwrap().redirect_url.as_deref(), want, "{url}");
    }
}

#[tokio::test]
async fn reset_token_has_no_slash_and_needs_encoding() {
    let api = Api::new().await;
    api.register("tok@example.com").await;
    for _ in 0..5 {
        let t = api.reset_token("tok@example.com").await;
        assert!(!t.contains('/'), "reset token must never contain '/': {t}");
        assert!(
            pct(&t) != t,
            "spec §10.4: the token should contain a character a careful client encodes: {t}"
        );
    }
}

#[tokio::test]
async fn complete_with_raw_token_logs_in_and_revokes_all_refresh_tokens() {
    let api = Api::new().await;
    let e = "flow@example.com";
    let (jwt, rt1, user) = api.session(e).await;
    let rt2 = api.login(e, PASSWORD).await.json()["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();
    let token = api.reset_token(e).await;
    let r = api
        .call(
            "PATCH",
            &format!("/password_resets/{token}"),
            None,
            Some(json!({"password": "resetpass1", "password_confirmation": "resetpass1"})),
        )
        .await;
    r.assert_status(200);
    let raw = r.text();
    assert_keys(&raw, &[], &["token", "refresh_token", "user"]);
    assert_keys(&raw, &["user"], &CUSTOMER_KEYS);
    let v = r.json();
    assert_eq!(v["user"]["id"], user["id"]);
    let new_rt = v["refresh_token"].as_str().unwrap();
    assert!(is_refresh_token(new_rt));
    api.get_me(v["token"].as_str().unwrap())
        .await
        .assert_status(200);
    // all earlier refresh tokens are gone, the new one works
    for old in [&rt1, &rt2] {
        api.refresh(old).await.assert_error(
            401,
            "invalid_refresh_token",
            "Invalid or expired refresh token",
        );
    }
    api.refresh(new_rt).await.assert_status(200);
    // existing JWTs stay valid
    api.get_me(&jwt).await.assert_status(200);
    // new password in force
    api.login(e, "resetpass1").await.assert_status(200);
    api.login(e, PASSWORD).await.assert_error(
        401,
        "authentication_failed",
        "Invalid email or password",
    );
    // token is dead after use
    api.call(
        "PATCH",
        &format!("/password_resets/{}", pct(&token)),
        None,
        Some(json!({"password": "another12", "password_confirmation": "another12"})),
    )
    .await
    .assert_error(
        422,
        "password_reset_token_invalid",
        "Password reset token is invalid or has expired.",
    );
}

#[tokio::test]
async fn complete_with_percent_encoded_token_and_put() {
    let api = Api::new().await;
    let e = "enc@example.com";
    api.register(e).await;
    let token = api.reset_token(e).await;
    let r = api
        .call(
            "PUT",
            &format!("/password_resets/{}", pct(&token)),
            None,
            Some(json!({"password": "encoded12", "password_confirmation": "encoded12"})),
        )
        .await;
    r.assert_status(200);
    api.login(e, "encoded12").await.assert_status(200);
}

#[tokio::test]
async fn token_expires_after_15_minutes_of_mock_time() {
    let api = Api::new().await;
    let e = "exp15@example.com";
    api.register(e).await;
    let t1 = api.reset_token(e).await;
    api.mock.advance_clock(Duration::from_secs(899));
    let t2 = api.reset_token(e).await;
    api.mock.advance_clock(Duration::from_secs(2)); // t1 now 901 s old, t2 2 s
    let body = json!({"password": "later123", "password_confirmation": "later123"});
    api.call(
        "PATCH",
        &format!("/password_resets/{}", pct(&t1)),
        None,
        Some(body.clone()),
    )
    .await
    .assert_error(
        422,
        "password_reset_token_invalid",
        "Password reset token is invalid or has expired.",
    );
    api.call(
        "PATCH",
        &format!("/password_resets/{}", pct(&t2)),
        None,
        Some(body),
    )
    .await
    .assert_status(200);
}

#[tokio::test]
async fn token_valid_at_899_seconds() {
    let api = Api::new().await;
    let e = "exp899@example.com";
    api.register(e).await;
    let t = api.reset_token(e).await;
    api.mock.advance_clock(Duration::from_secs(899));
    api.call(
        "PATCH",
        &format!("/password_resets/{}", pct(&t)),
        None,
        Some(json!({"password": "late1234", "password_confirmation": "late1234"})),
    )
    .await
    .assert_status(200);
}

#[tokio::test]
async fn several_tokens_valid_until_the_password_changes() {
    let api = Api::new().await;
    let e = "multi@example.com";
    api.register(e).await;
    let a = api.reset_token(e).await;
    // tokens embed their expiry; a frozen mock clock may legitimately mint identical ones
    api.mock.advance_clock(Duration::from_secs(1));
    let b = api.reset_token(e).await;
    assert_ne!(a, b);
    let body = json!({"password": "fromb123", "password_confirmation": "fromb123"});
    api.call(
        "PATCH",
        &format!("/password_resets/{}", pct(&b)),
        None,
        Some(body.clone()),
    )
    .await
    .assert_status(200);
    api.call(
        "PATCH",
        &format!("/password_resets/{}", pct(&a)),
        None,
        Some(body),
    )
    .await
    .assert_error(
        422,
        "password_reset_token_invalid",
        "Password reset token is invalid or has expired.",
    );
}

#[tokio::test]
async fn profile_password_change_kills_outstanding_reset_tokens() {
    let api = Api::new().await;
    let e = "prof@example.com";
    let (jwt, _, _) = api.session(e).await;
    let t = api.reset_token(e).await;
    api.call(
        "PATCH",
        "/customers/me",
        Some(&jwt),
        Some(json!({"password": "viaprofile1", "password_confirmation": "viaprofile1", "current_password": PASSWORD})),
    )
    .await
    .assert_status(200);
    api.call(
        "PATCH",
        &format!("/password_resets/{}", pct(&t)),
        None,
        Some(json!({"password": "viareset12", "password_confirmation": "viareset12"})),
    )
    .await
    .assert_error(
        422,
        "password_reset_token_invalid",
        "Password reset token is invalid or has expired.",
    );
}

#[tokio::test]
async fn garbage_tokens_are_invalid() {
    let api = Api::new().await;
    api.register("garb@example.com").await;
    let t = api.reset_token("garb@example.com").await;
    let mut tampered = t.clone().into_bytes();
    let i = tampered.len() / 2;
    tampered[i] = if tampered[i] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    for tok in ["garbage", "abc--def", "%3D%3D", &tampered] {
        api.call(
            "PATCH",
            &format!("/password_resets/{tok}"),
            None,
            Some(json!({"password": "whatever1", "password_confirmation": "whatever1"})),
        )
        .await
        .assert_error(
            422,
            "password_reset_token_invalid",
            "Password reset token is invalid or has expired.",
        );
    }
}

#[tokio::test]
async fn completion_validation_errors_keep_the_token_alive() {
    let api = Api::new().await;
    let e = "cval@example.com";
    api.register(e).await;
    let t = pct(&api.reset_token(e).await);
    let path = format!("/password_resets/{t}");
    api.call(
        "PATCH",
        &path,
        None,
        Some(json!({"password": "abcdefgh", "password_confirmation": "abcdefgX"})),
    )
    .await
    .assert_validation(
        "Password confirmation doesn't match Password",
        json!({"password_confirmation": ["doesn't match Password"]}),
    );
    api.call(
        "PATCH",
        &path,
        None,
        Some(json!({"password": "abc", "password_confirmation": "abc"})),
    )
    .await
    .assert_validation(
        "Password is too short (minimum is 6 characters)",
        json!({"password": ["is too short (minimum is 6 characters)"]}),
    );
    // mock default: missing password is a validation error (§1, §10.2)
    // with a confirmation but no password, Rails also reports the confirmation mismatch
    let r = api
        .call(
            "PATCH",
            &path,
            None,
            Some(json!({"password_confirmation": "abcdefgh"})),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json()["error"]["code"], "validation_error");
    assert_eq!(
        r.json()["error"]["details"]["password"],
        json!(["can't be blank"])
    );
    api.call("PATCH", &path, None, Some(json!({})))
        .await
        .assert_validation(
            "Password can't be blank",
            json!({"password": ["can't be blank"]}),
        );
    // still usable
    api.call(
        "PATCH",
        &path,
        None,
        Some(json!({"password": "finally1", "password_confirmation": "finally1"})),
    )
    .await
    .assert_status(200);
}

#[tokio::test]
async fn reset_endpoints_need_the_api_key() {
    let api = Api::new().await;
    api.raw(
        "POST",
        "/password_resets",
        &[],
        Some(br#"{"email":"a@b.c"}"#.to_vec()),
    )
    .await
    .assert_error(401, "invalid_token", "Valid API key required");
    api.raw(
        "PATCH",
        "/password_resets/abc",
        &[],
        Some(br#"{"password":"x"}"#.to_vec()),
    )
    .await
    .assert_error(401, "invalid_token", "Valid API key required");
}
