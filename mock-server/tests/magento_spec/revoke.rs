//! Logout: `POST /V1/integration/customer/revoke-customer-token` (spec §2.4, §4.3, issue 8 §5):
//! 200 `true`; every token of the customer issued up to the revoke dies, the one used to
//! revoke included; a token issued a second later works.
use crate::support::bodies::not_authorized;
use crate::support::*;

use serde_json::json;

#[tokio::test]
async fn revoke_answers_200_true() {
    let shop = Shop::new().await;
    let (token, _) = shop.customer(&email("rv")).await;
    let r = shop.revoke(Some(&token)).await;
    assert_eq!(r.ok(), json!(true));
    assert_eq!(r.text().trim(), "true");
}

#[tokio::test]
async fn revoke_kills_the_token_used_to_revoke() {
    let shop = Shop::new().await;
    let (token, _) = shop.customer(&email("rvself")).await;
    shop.revoke(Some(&token)).await.ok();
    shop.me(&token).await.assert_error(401, not_authorized());
    shop.revoke(Some(&token))
        .await
        .assert_error(401, not_authorized());
}

#[tokio::test]
async fn revoke_kills_every_token_of_the_customer() {
    let shop = Shop::new().await;
    let e = email("rvall");
    shop.register(&e).await;
    let oldest = shop.token(&e).await;
    shop.advance(600).await;
    let older = shop.token(&e).await;
    shop.advance(1).await;
    let used = shop.token(&e).await;
    shop.revoke(Some(&used)).await.ok();
    for token in [&oldest, &older, &used] {
        shop.me(token).await.assert_error(401, not_authorized());
    }
}

#[tokio::test]
async fn a_token_issued_one_second_before_the_revoke_dies() {
    let shop = Shop::new().await;
    let e = email("rvsecond");
    shop.register(&e).await;
    let token = shop.token(&e).await;
    shop.advance(1).await;
    shop.revoke(Some(&token)).await.ok();
    shop.me(&token).await.assert_error(401, not_authorized());
}

#[tokio::test]
async fn a_token_issued_a_second_after_the_revoke_works() {
    let shop = Shop::new().await;
    let e = email("rvlater");
    shop.register(&e).await;
    let token = shop.token(&e).await;
    shop.revoke(Some(&token)).await.ok();
    shop.advance(1).await;
    let fresh = shop.token(&e).await;
    shop.me(&fresh).await.ok();
    shop.me(&token).await.assert_error(401, not_authorized());
}

#[tokio::test]
async fn revoke_leaves_other_customers_signed_in() {
    let shop = Shop::new().await;
    let (mine, _) = shop.customer(&email("rvmine")).await;
    let (theirs, _) = shop.customer(&email("rvtheirs")).await;
    shop.revoke(Some(&mine)).await.ok();
    shop.me(&theirs).await.ok();
}

#[tokio::test]
async fn revoke_without_a_token_gets_the_exact_401() {
    let shop = Shop::new().await;
    shop.revoke(None).await.assert_error(401, not_authorized());
}

#[tokio::test]
async fn without_the_revoke_route_it_is_an_unknown_route() {
    let shop = Shop::with(options::without_revoke_route()).await;
    let (token, _) = shop.customer(&email("norevoke")).await;
    shop.revoke(Some(&token)).await.assert_message(404);
    shop.me(&token).await.ok();
}
