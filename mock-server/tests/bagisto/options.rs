//! Bagisto's options at run time (`POST /__mock/config`, nested under `"bagisto"`) and seed
//! customers.

use crate::common::email;
use crate::fixture::{KEY, PASSWORD, Shop};
use serde_json::json;
use storefront_mock::{MockBackend, MockOptions, PasswordRules, SeedCustomer};

#[tokio::test]
async fn options_patch_at_run_time_and_refuse_what_was_not_agreed() {
    let shop = Shop::new().await;
    let config = format!("{}/__mock/config", shop.mock.uri());
    let patch = |body| {
        shop.raw(
            "POST",
            &config,
            &[],
            Some(serde_json::to_vec(&body).unwrap()),
        )
    };
    assert_eq!(
        patch(json!({"bagisto": {"password_rules": "code", "rate_limit": 5}}))
            .await
            .status,
        204
    );
    let options = shop.mock.options();
    assert_eq!(
        (options.bagisto.password_rules, options.bagisto.rate_limit),
        (PasswordRules::Code, Some(5))
    );
    let r = shop.call("POST", "/customers", None, Some(json!({"firstName": "A", "lastName": "B", "email": email("patched"), "password": "simple"}))).await;
    assert_eq!(
        (r.status, r.header("x-ratelimit-remaining")),
        (201, Some("4".into()))
    );
    assert_eq!(
        patch(json!({"bagisto": {"rate_limit": null}})).await.status,
        204
    );
    assert!(
        shop.call("GET", "/customer-profile", None, None)
            .await
            .header("x-ratelimit-limit")
            .is_none()
    );
    for bad in [
        json!({"bagisto": {"profile_without_token_status": 403}}),
        json!({"bagisto": {"rate_limit_window": "day"}}),
        json!({"bagisto": {"bogus": 1}}),
    ] {
        assert_eq!(patch(bad.clone()).await.status, 400, "{bad}");
    }
    let r = patch(json!({"password_rules": "code"})).await;
    assert_eq!(r.status, 400);
    assert!(
        r.text()
            .contains(r#"nest it as {\"bagisto\":{\"password_rules\":…}}"#),
        "{}",
        r.text()
    );
}

#[tokio::test]
async fn seed_customers_exist_from_the_start_and_after_a_reset() {
    let shop = Shop::start(MockOptions {
        seed_customers: vec![SeedCustomer {
            email: "seeded@example.com".into(),
            password: PASSWORD.into(),
            first_name: Some("Sam".into()),
            last_name: Some("Seed".into()),
            phone: Some("5550199".into()),
            accepts_email_marketing: true,
        }],
        ..MockOptions::for_backend(MockBackend::Bagisto)
    })
    .await;
    let token = shop.token("seeded@example.com", PASSWORD).await;
    let profile = shop.profile(&token).await.json();
    assert_eq!(
        (
            profile[0]["firstName"].clone(),
            profile[0]["phone"].clone(),
            profile[0]["subscribedToNewsLetter"].clone()
        ),
        (json!("Sam"), json!("5550199"), json!(true))
    );
    shop.mock.reset();
    assert_eq!(
        shop.login("seeded@example.com", PASSWORD).await.json()["success"],
        true
    );
    let key = shop.mock.publishable_key();
    assert_eq!(key, KEY);
}
