//! The configurable behaviours of spec §10.2 (defaults are covered by the other files).
mod common;
use common::*;

use std::time::Duration;

use serde_json::json;
use storefront_mock::{
    AddressNamesMode, Lockout, LoginEmailMatch, MissingPasswordResetMode, MockOptions,
    RateLimitMode, SpreeOptions,
};

#[tokio::test]
async fn custom_token_lifetimes() {
    let api = Api::with(MockOptions {
        spree: SpreeOptions {
            jwt_expiration: 60,
            refresh_token_expiry: 600,
            password_reset_expiry: 30,
            ..Default::default()
        },
        ..Default::default()
    })
    .await;
    let e = email("life");
    let (jwt, rt, _) = api.session(&e).await;
    let p: serde_json::Value = serde_json::from_str(&jwt_parts(&jwt).1).unwrap();
    assert_eq!(p["exp"], json!(api.mock.now() + 60));
    let t = api.reset_token(&e).await;
    api.mock.advance_clock(Duration::from_secs(30));
    api.get_me(&jwt).await.assert_status(200);
    api.call(
        "PATCH",
        &format!("/password_resets/{}", pct(&t)),
        None,
        Some(json!({"password": "abcdefgh", "password_confirmation": "abcdefgh"})),
    )
    .await
    .assert_error(
        422,
        "password_reset_token_invalid",
        "Password reset token is invalid or has expired.",
    );
    api.mock.advance_clock(Duration::from_secs(30));
    api.get_me(&jwt)
        .await
        .assert_error(401, "authentication_required", "Authentication required");
    api.mock.advance_clock(Duration::from_secs(540));
    api.refresh(&rt).await.assert_error(
        401,
        "invalid_refresh_token",
        "Invalid or expired refresh token",
    );
}

#[tokio::test]
async fn strict_5_6_1_address_names() {
    let api = Api::with(MockOptions {
        spree: SpreeOptions {
            address_names: AddressNamesMode::Strict561,
            ..Default::default()
        },
        ..Default::default()
    })
    .await;
    let (jwt, _, _) = api.session(&email("strict")).await;
    let r = api.create_address(&jwt, us_address()).await;
    r.assert_status(201);
    assert_keys(
        &r.text(),
        &[],
        &[
            "id",
            "first_name",
            "last_name",
            "full_name",
            "address1",
            "address2",
            "postal_code",
            "city",
            "phone",
            "company",
            "country_name",
            "country_iso",
            "state_text",
            "state_abbr",
            "quick_checkout",
            "is_default_billing",
            "is_default_shipping",
            "state_name",
        ],
    );
    // the 6.0 names are ignored by a 5.6.1 server
    let r = api.create_address(&jwt, de_address()).await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(
        r.json()["error"]["details"]["country"],
        json!(["can't be blank"])
    );
}

#[tokio::test]
async fn devise_mode_reset_without_password_is_200_and_changes_nothing() {
    let api = Api::with(MockOptions {
        spree: SpreeOptions {
            missing_password_reset: MissingPasswordResetMode::Devise561,
            ..Default::default()
        },
        ..Default::default()
    })
    .await;
    let e = email("devise");
    let (_, rt, _) = api.session(&e).await;
    let t = api.reset_token(&e).await;
    let r = api
        .call(
            "PATCH",
            &format!("/password_resets/{}", pct(&t)),
            None,
            Some(json!({})),
        )
        .await;
    r.assert_status(200);
    assert_keys(&r.text(), &[], &["token", "refresh_token", "user"]);
    api.refresh(&rt).await.assert_error(
        401,
        "invalid_refresh_token",
        "Invalid or expired refresh token",
    );
    api.refresh(r.json()["refresh_token"].as_str().unwrap())
        .await
        .assert_status(200);
    api.login(&e, PASSWORD).await.assert_status(200);
}

#[tokio::test]
async fn case_insensitive_login_6_0() {
    let api = Api::with(MockOptions {
        spree: SpreeOptions {
            login_email_match: LoginEmailMatch::CaseInsensitive,
            ..Default::default()
        },
        ..Default::default()
    })
    .await;
    api.register("ci@example.com").await;
    api.login("CI@Example.COM", PASSWORD)
        .await
        .assert_status(200);
}

#[tokio::test]
async fn cust_prefix_6_0() {
    let api = Api::with(MockOptions {
        spree: SpreeOptions {
            customer_id_prefix: "cust_".into(),
            ..Default::default()
        },
        ..Default::default()
    })
    .await;
    let (_, _, user) = api.session(&email("prefix")).await;
    assert!(user["id"].as_str().unwrap().starts_with("cust_"), "{user}");
}

#[tokio::test]
async fn password_policy_min_8() {
    let api = Api::with(MockOptions {
        spree: SpreeOptions {
            password_min_length: 8,
            ..Default::default()
        },
        ..Default::default()
    })
    .await;
    api.post(
        "/customers",
        json!({"email": "p8@example.com", "password": "1234567"}),
    )
    .await
    .assert_validation(
        "Password is too short (minimum is 8 characters)",
        json!({"password": ["is too short (minimum is 8 characters)"]}),
    );
    api.post(
        "/customers",
        json!({"email": "p8@example.com", "password": "12345678"}),
    )
    .await
    .assert_status(201);
}

#[tokio::test]
async fn lockout_6_0() {
    let api = Api::with(MockOptions {
        spree: SpreeOptions {
            lockout: Lockout {
                enabled: true,
                ..Default::default()
            },
            ..Default::default()
        },
        ..Default::default()
    })
    .await;
    let e = email("lock");
    api.register(&e).await;
    // counter resets on a successful login
    for _ in 0..4 {
        api.login(&e, "wrong-pass").await.assert_error(
            401,
            "authentication_failed",
            "Invalid email or password",
        );
    }
    api.login(&e, PASSWORD).await.assert_status(200);
    for _ in 0..5 {
        api.login(&e, "wrong-pass").await.assert_error(
            401,
            "authentication_failed",
            "Invalid email or password",
        );
    }
    // locked: checked before the password
    api.login(&e, PASSWORD).await.assert_error(
        401,
        "authentication_failed",
        "Account temporarily locked. Try again later.",
    );
    api.login(&e, "wrong-pass").await.assert_error(
        401,
        "authentication_failed",
        "Account temporarily locked. Try again later.",
    );
    api.mock.advance_clock(Duration::from_secs(1800));
    api.login(&e, PASSWORD).await.assert_status(200);
}

#[tokio::test]
async fn custom_body_limit_and_idempotency_ttl() {
    let api = Api::with(MockOptions {
        max_request_body_size: 1_000,
        spree: SpreeOptions {
            idempotency_ttl: 60,
            ..Default::default()
        },
        ..Default::default()
    })
    .await;
    let pad = "x".repeat(1_000);
    let r = api
        .post(
            "/auth/login",
            json!({"email": "a@example.com", "password": pad}),
        )
        .await;
    assert_eq!(r.status, 413);
    let h = [("X-Spree-Api-Key", KEY), ("Idempotency-Key", "ttl60")];
    let body = br#"{"email":"ttl60@example.com","password":"password123"}"#.to_vec();
    api.raw("POST", "/customers", &h, Some(body.clone()))
        .await
        .assert_status(201);
    api.mock.advance_clock(Duration::from_secs(61));
    let r = api.raw("POST", "/customers", &h, Some(body)).await;
    r.assert_validation(
        "Email has already been taken",
        json!({"email": ["has already been taken"]}),
    );
}

#[tokio::test]
async fn client_ip_header_separates_buckets() {
    let api = Api::with(MockOptions {
        client_ip_header: Some("X-Forwarded-For".into()),
        spree: SpreeOptions {
            rate_limit_mode: RateLimitMode::Enforce,
            ..Default::default()
        },
        ..Default::default()
    })
    .await;
    let body = br#"{"email":"ip@example.com","password":"nope-nope"}"#.to_vec();
    for _ in 0..5 {
        api.raw(
            "POST",
            "/auth/login",
            &[("X-Spree-Api-Key", KEY), ("X-Forwarded-For", "10.0.0.1")],
            Some(body.clone()),
        )
        .await
        .assert_status(401);
    }
    let r = api
        .raw(
            "POST",
            "/auth/login",
            &[("X-Spree-Api-Key", KEY), ("X-Forwarded-For", "10.0.0.1")],
            Some(body.clone()),
        )
        .await;
    assert_eq!(r.status, 429);
    api.raw(
        "POST",
        "/auth/login",
        &[("X-Spree-Api-Key", KEY), ("X-Forwarded-For", "10.0.0.2")],
        Some(body),
    )
    .await
    .assert_status(401);
}

#[tokio::test]
async fn enforced_api_wide_bucket_is_300() {
    let api = Api::with(MockOptions {
        spree: SpreeOptions {
            rate_limit_mode: RateLimitMode::Enforce,
            ..Default::default()
        },
        ..Default::default()
    })
    .await;
    let (jwt, _, _) = api.session(&email("wide")).await; // 1 request counted
    let mut last = None;
    for i in 0..300 {
        let r = api.get_me(&jwt).await;
        if r.status == 429 {
            last = Some((i, r));
            break;
        }
    }
    let (i, r) = last.expect("the API-wide bucket trips within 300 GETs");
    assert_eq!(i, 299, "request #{} overall was the first throttled", i + 2);
    r.assert_error(
        429,
        "rate_limit_exceeded",
        "Too many requests. Please retry later.",
    );
    assert_eq!(r.header("x-ratelimit-limit").as_deref(), Some("300"));
    assert_eq!(r.header("retry-after").as_deref(), Some("60"));
}

#[tokio::test]
async fn headers_only_retry_after_on_success_at_300() {
    // a seeded customer logs in through AuthController, so that the per-controller (5.6.1)
    // counter of CustomersController starts at the first GET /customers/me
    let api = Api::with(MockOptions {
        seed_customers: vec![storefront_mock::SeedCustomer {
            email: "ho@example.com".into(),
            password: PASSWORD.into(),
            ..Default::default()
        }],
        spree: SpreeOptions {
            rate_limit_mode: RateLimitMode::HeadersOnly,
            ..Default::default()
        },
        ..Default::default()
    })
    .await;
    let login = api.login("ho@example.com", PASSWORD).await;
    login.assert_status(200);
    let jwt = login.json()["token"].as_str().unwrap().to_string();
    let first = api.get_me(&jwt).await;
    first.assert_status(200);
    assert_eq!(first.header("x-ratelimit-limit").as_deref(), Some("300"));
    assert_eq!(
        first.header("x-ratelimit-remaining").as_deref(),
        Some("299")
    );
    assert!(first.header("retry-after").is_none());
    let mut r = first;
    for _ in 1..300 {
        r = api.get_me(&jwt).await;
    }
    r.assert_status(200);
    assert_eq!(r.header("x-ratelimit-remaining").as_deref(), Some("0"));
    assert_eq!(
        r.header("retry-after").as_deref(),
        Some("60"),
        "Retry-After on a 2xx once count >= 300"
    );
    let r = api.get_me(&jwt).await;
    r.assert_status(200);
}
