//! Sanctum tokens (spec §4): verified in full, never expiring unless configured, one more per
//! login, revoked one at a time; the legacy `apiToken` is never a credential.

use crate::common::email;
use crate::fixture::{PASSWORD, Shop, assert_problem};
use crate::seed::is_sanctum_token;
use std::time::Duration;
use storefront_mock::BagistoOptions;

#[tokio::test]
async fn every_login_adds_a_token_and_logout_deletes_only_the_presented_one() {
    let shop = Shop::new().await;
    let address = email("tokens");
    let (registered, _) = shop.session(&address).await;
    let first = shop.token(&address, PASSWORD).await;
    let second = shop.token(&address, PASSWORD).await;
    assert!(is_sanctum_token(&first) && is_sanctum_token(&second));
    assert_ne!(first, second);
    for token in [&registered, &first, &second] {
        assert_eq!(shop.profile(token).await.status, 200);
    }
    let r = shop
        .call("POST", "/customer/logout", Some(&first), None)
        .await;
    assert_eq!(r.json()["success"], true);
    assert_problem(
        &shop.profile(&first).await,
        401,
        "Unauthorized",
        "Invalid or expired token",
    );
    assert_eq!(
        shop.profile(&registered).await.status,
        200,
        "others stay valid"
    );
    assert_eq!(shop.profile(&second).await.status, 200);
}

#[tokio::test]
async fn a_token_is_verified_in_full_not_by_its_id() {
    let shop = Shop::new().await;
    let (token, _) = shop.session(&email("forge")).await;
    let (id, secret) = token.split_once('|').unwrap();
    let mut tampered = secret.to_owned();
    tampered.replace_range(0..1, if secret.starts_with('A') { "B" } else { "A" });
    for forged in [
        format!("{id}|{tampered}"),
        format!("{id}|"),
        format!("{id}|x"),
        secret.to_owned(),
        format!("{}|{secret}", id.parse::<u64>().unwrap() + 1),
    ] {
        let r = shop.profile(&forged).await;
        assert_problem(&r, 401, "Unauthorized", "Invalid or expired token");
        let r = shop
            .call("GET", "/customer-addresses", Some(&forged), None)
            .await;
        assert_eq!(r.status, 401, "{forged}");
    }
    assert_eq!(shop.profile(&token).await.status, 200);
}

#[tokio::test]
async fn the_api_token_is_never_a_credential() {
    let shop = Shop::new().await;
    let address = email("legacy");
    shop.register(&address).await;
    let login = shop.login(&address, PASSWORD).await.json();
    let api_token = login["apiToken"].as_str().unwrap();
    assert_eq!(api_token.len(), 80);
    assert_problem(
        &shop.profile(api_token).await,
        401,
        "Unauthorized",
        "Invalid or expired token",
    );
    let r = shop
        .call("POST", "/verify-tokens", Some(api_token), None)
        .await;
    assert_eq!(r.json()["isValid"], false);
    let r = shop
        .call("POST", "/customer/logout", Some(api_token), None)
        .await;
    assert_eq!(r.json()["success"], false);
}

#[tokio::test]
async fn tokens_never_expire_by_default() {
    let shop = Shop::new().await;
    let (token, _) = shop.session(&email("forever")).await;
    shop.mock.advance_clock(Duration::from_secs(400 * 86_400));
    assert_eq!(shop.profile(&token).await.status, 200);
    let r = shop
        .call("POST", "/verify-tokens", Some(&token), None)
        .await;
    assert_eq!(r.json()["isValid"], true);
}

#[tokio::test]
async fn an_expiration_is_an_option() {
    let shop = Shop::with(BagistoOptions {
        token_expiration: Some(3_600),
        ..BagistoOptions::default()
    })
    .await;
    let (token, _) = shop.session(&email("expiring")).await;
    shop.mock.advance_clock(Duration::from_secs(3_599));
    assert_eq!(shop.profile(&token).await.status, 200);
    shop.mock.advance_clock(Duration::from_secs(1));
    assert_problem(
        &shop.profile(&token).await,
        401,
        "Unauthorized",
        "Invalid or expired token",
    );
    let r = shop
        .call("POST", "/customer/logout", Some(&token), None)
        .await;
    assert_eq!(
        r.json()["message"],
        "Unauthenticated. Please login to perform this action"
    );
}

#[tokio::test]
async fn a_reset_forgets_tokens_and_never_reuses_their_ids() {
    let shop = Shop::new().await;
    let address = email("reset");
    let (token, _) = shop.session(&address).await;
    shop.mock.reset();
    shop.mock.freeze_clock(true);
    assert_eq!(shop.profile(&token).await.status, 401);
    let (again, _) = shop.session(&address).await;
    assert_ne!(
        again.split_once('|').unwrap().0,
        token.split_once('|').unwrap().0
    );
}
