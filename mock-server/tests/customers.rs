//! Registration and the profile (spec §3.1, §4.1, §4.7, §4.8, §6.2).
mod common;
use common::*;

use serde_json::json;

// ----------------------------------------------------------------------------- register

#[tokio::test]
async fn register_returns_201_auth_response_and_logs_in() {
    let api = Api::new().await;
    let r = api
        .post(
            "/customers",
            json!({
                "email": "  New.User@Example.com ",
                "password": PASSWORD,
                "password_confirmation": PASSWORD,
                "first_name": "  John   Q ",
                "last_name": "Doe",
                "phone": "+1234567890",
                "metadata": {"source": "storefront"},
                "current_password": "ignored",
                "unknown_key": 1
            }),
        )
        .await;
    r.assert_status(201);
    assert_json_content_type(&r);
    let raw = r.text();
    assert_keys(&raw, &[], &["token", "refresh_token", "user"]);
    assert_keys(&raw, &["user"], &CUSTOMER_KEYS);
    let v = r.json();
    let u = &v["user"];
    let id = u["id"].as_str().unwrap();
    assert!(id.starts_with("cus_") && id.len() > 4, "{id}");
    assert_eq!(
        u["email"], "new.user@example.com",
        "squished and lower-cased"
    );
    assert_eq!(u["first_name"], "John Q", "squished");
    assert_eq!(u["last_name"], "Doe");
    assert_eq!(u["phone"], "+1234567890");
    assert_eq!(u["accepts_email_marketing"], false);
    assert_eq!(u["full_name"], "John Q Doe");
    assert_eq!(u["available_store_credit_total"], "0");
    assert_eq!(u["display_available_store_credit_total"], "$0.00");
    assert_eq!(u["addresses"], json!([]));
    assert_eq!(u["default_billing_address"], json!(null));
    assert_eq!(u["default_shipping_address"], json!(null));
    assert_eq!(u["newsletter_subscriber"], json!(null));
    assert_eq!(u["customer_groups"], json!([]));
    assert!(
        !raw.contains("metadata") && !raw.contains("storefront"),
        "metadata is never returned"
    );
    assert!(is_refresh_token(v["refresh_token"].as_str().unwrap()));
    // logged in: both tokens work
    let me = api.get_me(v["token"].as_str().unwrap()).await;
    me.assert_status(200);
    assert_eq!(me.json(), v["user"]);
    api.refresh(v["refresh_token"].as_str().unwrap())
        .await
        .assert_status(200);
    api.login("new.user@example.com", PASSWORD)
        .await
        .assert_status(200);
}

#[tokio::test]
async fn register_full_name_falls_back_to_email_and_blank_names_are_null() {
    let api = Api::new().await;
    let v = api
        .register_with(json!({"email": "anon@example.com", "password": PASSWORD, "first_name": "   ", "last_name": ""}))
        .await;
    assert_eq!(v["user"]["first_name"], json!(null));
    assert_eq!(v["user"]["last_name"], json!(null));
    assert_eq!(v["user"]["full_name"], "anon@example.com");
    let v = api
        .register_with(
            json!({"email": "solo@example.com", "password": PASSWORD, "first_name": "Solo"}),
        )
        .await;
    assert_eq!(v["user"]["full_name"], "Solo");
}

#[tokio::test]
async fn register_with_marketing_populates_newsletter_subscriber() {
    let api = Api::new().await;
    let v = api
        .register_with(json!({"email": "news@example.com", "password": PASSWORD, "accepts_email_marketing": true}))
        .await;
    let raw = serde_json::to_string(&v).unwrap();
    let u = &v["user"];
    assert_eq!(u["accepts_email_marketing"], true);
    let s = &u["newsletter_subscriber"];
    assert!(s.is_object(), "{raw}");
    assert!(s["id"].as_str().unwrap().starts_with("sub_"));
    assert_eq!(s["email"], "news@example.com");
    assert_eq!(s["verified"], true);
    assert_eq!(s["customer_id"], u["id"]);
    // created_at: ISO-8601 with milliseconds, e.g. 2026-07-25T19:41:19.980Z
    let c = s["created_at"].as_str().unwrap();
    assert!(
        c.len() == 24 && c.ends_with('Z') && c.as_bytes()[19] == b'.',
        "{c}"
    );
    assert!(s["verified_at"].is_string());
}

#[tokio::test]
async fn register_subscriber_key_order() {
    let api = Api::new().await;
    let r = api
        .post("/customers", json!({"email": "order@example.com", "password": PASSWORD, "accepts_email_marketing": true}))
        .await;
    r.assert_status(201);
    assert_keys(
        &r.text(),
        &["user", "newsletter_subscriber"],
        &[
            "id",
            "email",
            "created_at",
            "updated_at",
            "verified",
            "verified_at",
            "customer_id",
        ],
    );
}

#[tokio::test]
async fn register_duplicate_email_case_insensitive() {
    let api = Api::new().await;
    api.register("dup@example.com").await;
    for e in ["dup@example.com", "DUP@Example.com", " dup@example.com "] {
        let r = api
            .post("/customers", json!({"email": e, "password": PASSWORD}))
            .await;
        r.assert_validation(
            "Email has already been taken",
            json!({"email": ["has already been taken"]}),
        );
    }
}

#[tokio::test]
async fn register_validation_messages() {
    let api = Api::new().await;
    let long = "x".repeat(129);
    let cases = vec![
        (
            json!({"email": "", "password": PASSWORD}),
            "Email can't be blank",
            json!({"email": ["can't be blank"]}),
        ),
        (
            json!({"password": PASSWORD}),
            "Email can't be blank",
            json!({"email": ["can't be blank"]}),
        ),
        (
            json!({"email": "not-an-email", "password": PASSWORD}),
            "Email is invalid",
            json!({"email": ["is invalid"]}),
        ),
        (
            json!({"email": "a b@example.com", "password": PASSWORD}),
            "Email is invalid",
            json!({"email": ["is invalid"]}),
        ),
        (
            json!({"email": "v1@example.com"}),
            "Password can't be blank",
            json!({"password": ["can't be blank"]}),
        ),
        (
            json!({"email": "v2@example.com", "password": ""}),
            "Password can't be blank",
            json!({"password": ["can't be blank"]}),
        ),
        (
            json!({"email": "v3@example.com", "password": "12345"}),
            "Password is too short (minimum is 6 characters)",
            json!({"password": ["is too short (minimum is 6 characters)"]}),
        ),
        (
            json!({"email": "v4@example.com", "password": long}),
            "Password is too long (maximum is 128 characters)",
            json!({"password": ["is too long (maximum is 128 characters)"]}),
        ),
        (
            json!({"email": "v5@example.com", "password": PASSWORD, "password_confirmation": "different1"}),
            "Password confirmation doesn't match Password",
            json!({"password_confirmation": ["doesn't match Password"]}),
        ),
        (
            json!({"email": "v6@example.com", "password": "123", "password_confirmation": "1234"}),
            "Password confirmation doesn't match Password and Password is too short (minimum is 6 characters)",
            json!({"password_confirmation": ["doesn't match Password"], "password": ["is too short (minimum is 6 characters)"]}),
        ),
        (
            json!({"email": "", "password": ""}),
            "Email can't be blank and Password can't be blank",
            json!({"email": ["can't be blank"], "password": ["can't be blank"]}),
        ),
    ];
    for (body, msg, details) in cases {
        let r = api.post("/customers", body.clone()).await;
        assert_eq!(r.status, 422, "{body}: {}", r.text());
        r.assert_validation(msg, details);
    }
    // none of the failures created an account
    for i in 1..=6 {
        api.login(&format!("v{i}@example.com"), PASSWORD)
            .await
            .assert_error(401, "authentication_failed", "Invalid email or password");
    }
}

#[tokio::test]
async fn register_password_boundaries_6_and_128() {
    let api = Api::new().await;
    api.register_with(json!({"email": "six@example.com", "password": "123456"}))
        .await;
    api.register_with(json!({"email": "max@example.com", "password": "y".repeat(128)}))
        .await;
    api.login("max@example.com", &"y".repeat(128))
        .await
        .assert_status(200);
}

#[tokio::test]
async fn validation_error_key_order_is_code_message_details() {
    let api = Api::new().await;
    let r = api.post("/customers", json!({"email": ""})).await;
    assert_eq!(r.status, 422);
    assert_keys(&r.text(), &[], &["error"]);
    assert_keys(&r.text(), &["error"], &["code", "message", "details"]);
}

// ----------------------------------------------------------------------------- GET /customers/me

#[tokio::test]
async fn get_me_returns_the_customer() {
    let api = Api::new().await;
    let (jwt, _, user) = api.session(&email("me")).await;
    let r = api.get_me(&jwt).await;
    r.assert_status(200);
    assert_json_content_type(&r);
    assert_keys(&r.text(), &[], &CUSTOMER_KEYS);
    assert_eq!(r.json(), user);
}

#[tokio::test]
async fn get_me_without_jwt_is_authentication_required() {
    let api = Api::new().await;
    let r = api.call("GET", "/customers/me", None, None).await;
    r.assert_error(401, "authentication_required", "Authentication required");
}

#[tokio::test]
async fn get_me_ignores_fields_or_honours_them_with_id() {
    let api = Api::new().await;
    let (jwt, _, user) = api.session(&email("fields")).await;
    let r = api
        .call("GET", "/customers/me?fields=email", Some(&jwt), None)
        .await;
    r.assert_status(200);
    let v = r.json();
    assert_eq!(v["id"], user["id"], "id is always included");
    assert_eq!(v["email"], user["email"]);
}

// ----------------------------------------------------------------------------- PATCH /customers/me

#[tokio::test]
async fn update_profile_plain_fields() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("upd")).await;
    let r = api
        .call(
            "PATCH",
            "/customers/me",
            Some(&jwt),
            Some(json!({"first_name": " Updated ", "last_name": "Name", "phone": "555-555-0199", "metadata": {"k": "v"}, "bogus": true})),
        )
        .await;
    r.assert_status(200);
    assert_keys(&r.text(), &[], &CUSTOMER_KEYS);
    let v = r.json();
    assert_eq!(v["first_name"], "Updated");
    assert_eq!(v["full_name"], "Updated Name");
    assert_eq!(v["phone"], "555-555-0199");
    assert!(!r.text().contains("metadata"));
    assert_eq!(api.get_me(&jwt).await.json(), v, "persisted");
    // blank -> null; full_name falls back to email
    let v = api
        .call(
            "PATCH",
            "/customers/me",
            Some(&jwt),
            Some(json!({"first_name": "", "last_name": "  "})),
        )
        .await
        .json();
    assert_eq!(v["first_name"], json!(null));
    assert_eq!(v["last_name"], json!(null));
    assert_eq!(v["full_name"], v["email"]);
}

#[tokio::test]
async fn update_profile_marketing_toggles_subscriber() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("mkt")).await;
    let v = api
        .call(
            "PATCH",
            "/customers/me",
            Some(&jwt),
            Some(json!({"accepts_email_marketing": true})),
        )
        .await
        .json();
    assert_eq!(v["accepts_email_marketing"], true);
    assert!(v["newsletter_subscriber"].is_object(), "{v}");
    let v = api
        .call(
            "PATCH",
            "/customers/me",
            Some(&jwt),
            Some(json!({"accepts_email_marketing": false})),
        )
        .await
        .json();
    assert_eq!(v["accepts_email_marketing"], false);
    assert_eq!(v["newsletter_subscriber"], json!(null));
}

#[tokio::test]
async fn update_profile_current_password_rule() {
    let api = Api::new().await;
    let e = email("cp");
    let (jwt, rt, _) = api.session(&e).await;
    let cpi = |r: common::Resp| {
        r.assert_error(
            422,
            "current_password_invalid",
            "Current password is invalid or missing",
        )
    };
    let patch = |b| api.call("PATCH", "/customers/me", Some(&jwt), Some(b));
    cpi(patch(json!({"email": "other@example.com"})).await);
    cpi(patch(json!({"email": "other@example.com", "current_password": ""})).await);
    cpi(patch(json!({"email": "other@example.com", "current_password": "wrong-one"})).await);
    cpi(patch(json!({"password": "newpassword1", "password_confirmation": "newpassword1"})).await);
    cpi(patch(json!({"password": "newpassword1", "current_password": "nope-nope"})).await);
    // case-only change is a change
    cpi(patch(json!({"email": e.to_uppercase()})).await);
    // identical email and blank password are not sensitive
    patch(json!({"email": e, "first_name": "Same"}))
        .await
        .assert_status(200);
    let r = patch(json!({"password": "", "first_name": "Blank"})).await;
    assert_ne!(
        r.json().pointer("/error/code"),
        Some(&json!("current_password_invalid")),
        "blank password is not sensitive"
    );
    // rejected changes did nothing
    api.login(&e, PASSWORD).await.assert_status(200);
    api.login("other@example.com", PASSWORD).await.assert_error(
        401,
        "authentication_failed",
        "Invalid email or password",
    );
    // correct current_password: email change
    let r = patch(json!({"email": "changed@example.com", "current_password": PASSWORD})).await;
    r.assert_status(200);
    assert_eq!(r.json()["email"], "changed@example.com");
    api.login("changed@example.com", PASSWORD)
        .await
        .assert_status(200);
    // password change
    patch(json!({"password": "brandnew99", "password_confirmation": "brandnew99", "current_password": PASSWORD}))
        .await
        .assert_status(200);
    api.login("changed@example.com", "brandnew99")
        .await
        .assert_status(200);
    api.login("changed@example.com", PASSWORD)
        .await
        .assert_error(401, "authentication_failed", "Invalid email or password");
    // a profile password change revokes neither refresh tokens nor JWTs
    api.refresh(&rt).await.assert_status(200);
    api.get_me(&jwt).await.assert_status(200);
}

#[tokio::test]
async fn update_profile_validation_errors() {
    let api = Api::new().await;
    api.register("taken@example.com").await;
    let (jwt, _, _) = api.session(&email("val")).await;
    let patch = |b| api.call("PATCH", "/customers/me", Some(&jwt), Some(b));
    // blank email is not sensitive: it fails validation instead
    patch(json!({"email": ""}))
        .await
        .assert_validation("Email can't be blank", json!({"email": ["can't be blank"]}));
    patch(json!({"email": "taken@example.com", "current_password": PASSWORD}))
        .await
        .assert_validation(
            "Email has already been taken",
            json!({"email": ["has already been taken"]}),
        );
    patch(json!({"email": "bad-email", "current_password": PASSWORD}))
        .await
        .assert_validation("Email is invalid", json!({"email": ["is invalid"]}));
    patch(json!({"password": "123", "password_confirmation": "123", "current_password": PASSWORD}))
        .await
        .assert_validation(
            "Password is too short (minimum is 6 characters)",
            json!({"password": ["is too short (minimum is 6 characters)"]}),
        );
    patch(json!({"password": "abcdefgh", "password_confirmation": "abcdefgX", "current_password": PASSWORD}))
        .await
        .assert_validation(
            "Password confirmation doesn't match Password",
            json!({"password_confirmation": ["doesn't match Password"]}),
        );
    // failures changed nothing
    let me = api.get_me(&jwt).await.json();
    assert!(me["email"].as_str().unwrap().starts_with("val"));
}

#[tokio::test]
async fn update_profile_requires_jwt() {
    let api = Api::new().await;
    api.call(
        "PATCH",
        "/customers/me",
        None,
        Some(json!({"first_name": "x"})),
    )
    .await
    .assert_error(401, "authentication_required", "Authentication required");
}

#[tokio::test]
async fn customers_me_answers_get_and_patch_only() {
    let api = Api::new().await;
    let (jwt, _, _) = api.session(&email("meth")).await;
    for m in ["PUT", "DELETE", "POST"] {
        let r = api
            .call(m, "/customers/me", Some(&jwt), Some(json!({})))
            .await;
        assert_eq!(r.status, 404, "{m}: {}", r.text());
        assert_eq!(r.json()["error"]["code"], "not_found", "{m}");
    }
}

#[tokio::test]
async fn html_characters_are_escaped_like_rails_and_non_ascii_is_raw() {
    // spec §2.4: Rails escapes <, > and & in JSON; other non-ASCII is raw UTF-8
    let api = Api::new().await;
    let r = api
        .post(
            "/customers",
            json!({"email": "esc@example.com", "password": PASSWORD, "first_name": "<b>&Zoë"}),
        )
        .await;
    r.assert_status(201);
    let raw = r.text();
    assert!(
        raw.contains(r#""first_name":"\u003cb\u003e\u0026Zoë""#),
        "{raw}"
    );
    assert_eq!(r.json()["user"]["first_name"], "<b>&Zoë");
}
