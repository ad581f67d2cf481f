//! The reset link: validation route and lifetime (spec §2.9, §5): `GET
//! /V1/customers/:customerId/password/resetLinkToken/:token` → `true`; mismatched and expired
//! tokens get their exact 400s; 2 hours on the mock clock.
use crate::support::bodies::{token_expired, token_mismatch};
use crate::support::*;

use serde_json::{Value, json};

async fn validate(shop: &Shop, customer: &Value, token: &str) -> Resp {
    let path = format!(
        "/V1/customers/{}/password/resetLinkToken/{}",
        customer["id"],
        pct(token)
    );
    shop.call("GET", &path, None, None).await
}

#[tokio::test]
async fn a_live_token_validates_to_true_without_being_used_up() {
    let shop = Shop::new().await;
    let e = email("valid");
    let customer = shop.register(&e).await;
    let token = shop.reset_token(&e).await;
    assert_eq!(validate(&shop, &customer, &token).await.ok(), json!(true));
    assert_eq!(validate(&shop, &customer, &token).await.ok(), json!(true));
    shop.reset_password(&e, &token, "NewPassw0rd").await.ok();
}

#[tokio::test]
async fn a_wrong_or_used_token_is_the_exact_mismatch_400() {
    let shop = Shop::new().await;
    let e = email("mismatch");
    let customer = shop.register(&e).await;
    let token = shop.reset_token(&e).await;
    validate(&shop, &customer, "0123456789abcdef0123456789abcdef")
        .await
        .assert_error(400, token_mismatch());
    shop.reset_password("", &token, "NewPassw0rd").await.ok();
    validate(&shop, &customer, &token)
        .await
        .assert_error(400, token_mismatch());
}

#[tokio::test]
async fn the_token_expires_after_two_hours() {
    let shop = Shop::new().await;
    let e = email("expiry");
    let customer = shop.register(&e).await;
    let token = shop.reset_token(&e).await;
    shop.advance(2 * 3600 - 1).await;
    assert_eq!(validate(&shop, &customer, &token).await.ok(), json!(true));
    shop.advance(2).await;
    validate(&shop, &customer, &token)
        .await
        .assert_error(400, token_expired());
    shop.reset_password(&e, &token, "NewPassw0rd")
        .await
        .assert_error(400, token_expired());
    shop.login(&e, PASSWORD).await.token();
}

#[tokio::test]
async fn a_token_just_inside_two_hours_still_resets() {
    let shop = Shop::new().await;
    let e = email("inside");
    shop.register(&e).await;
    let token = shop.reset_token(&e).await;
    shop.advance(2 * 3600 - 1).await;
    shop.reset_password(&e, &token, "NewPassw0rd").await.ok();
    shop.login(&e, "NewPassw0rd").await.token();
}

#[tokio::test]
async fn the_lifetime_follows_the_configured_hours() {
    let shop = Shop::with(options::reset_link_lifetime_hours(1)).await;
    let e = email("onehour");
    let customer = shop.register(&e).await;
    let token = shop.reset_token(&e).await;
    shop.advance(3601).await;
    validate(&shop, &customer, &token)
        .await
        .assert_error(400, token_expired());
}

#[tokio::test]
async fn an_expired_token_is_reported_before_the_password_policy() {
    let shop = Shop::new().await;
    let e = email("expiredfirst");
    shop.register(&e).await;
    let token = shop.reset_token(&e).await;
    shop.advance(2 * 3600 + 1).await;
    shop.reset_password(&e, &token, "short")
        .await
        .assert_error(400, token_expired());
}
