//! Change password, `PUT /V1/customers/me/password` (spec §2.7): 200 `true`; a wrong current
//! password is the exact 401; the policy applies to the new password; a token is required.
use crate::support::bodies::{not_authorized, sign_in_failed, too_short, wrong_current_password};
use crate::support::*;

use serde_json::json;

async fn change(shop: &Shop, token: Option<&str>, current: &str, new: &str) -> Resp {
    shop.call(
        "PUT",
        "/V1/customers/me/password",
        token,
        Some(json!({"currentPassword": current, "newPassword": new})),
    )
    .await
}

#[tokio::test]
async fn a_change_answers_true_and_swaps_the_passwords() {
    let shop = Shop::new().await;
    let e = email("change");
    let (token, _) = shop.customer(&e).await;
    let r = change(&shop, Some(&token), PASSWORD, "Changed1pass").await;
    assert_eq!(r.ok(), json!(true));
    shop.advance(1).await;
    shop.login(&e, "Changed1pass").await.token();
    shop.login(&e, PASSWORD)
        .await
        .assert_error(401, sign_in_failed());
}

#[tokio::test]
async fn a_wrong_current_password_is_the_exact_401() {
    let shop = Shop::new().await;
    let e = email("wrongcurrent");
    let (token, _) = shop.customer(&e).await;
    change(&shop, Some(&token), "Password2", "Changed1pass")
        .await
        .assert_error(401, wrong_current_password());
    shop.login(&e, PASSWORD).await.token();
}

#[tokio::test]
async fn the_new_password_follows_the_policy() {
    let shop = Shop::new().await;
    let e = email("weak");
    let (token, _) = shop.customer(&e).await;
    change(&shop, Some(&token), PASSWORD, "short")
        .await
        .assert_error(400, too_short(8));
    shop.login(&e, PASSWORD).await.token();
}

#[tokio::test]
async fn a_change_needs_a_customer_token() {
    let shop = Shop::new().await;
    change(&shop, None, PASSWORD, "Changed1pass")
        .await
        .assert_error(401, not_authorized());
}

#[tokio::test]
async fn a_missing_new_password_is_a_400() {
    let shop = Shop::new().await;
    let (token, _) = shop.customer(&email("nonew")).await;
    shop.call(
        "PUT",
        "/V1/customers/me/password",
        Some(&token),
        Some(json!({"currentPassword": PASSWORD})),
    )
    .await
    .assert_message(400);
}
