//! Token-service lockout (spec §4.4, §2.3): 6 failed token requests lock the account for
//! 1800 s; while locked even the right password gets the generic 401.
use crate::support::bodies::sign_in_failed;
use crate::support::*;

async fn fail(shop: &Shop, e: &str, times: usize) {
    for attempt in 1..=times {
        let r = shop.login(e, "Wrong-password1").await;
        assert_eq!(r.status, 401, "failure {attempt}: {}", r.text());
        r.assert_error(401, sign_in_failed());
    }
}

#[tokio::test]
async fn six_failures_lock_the_account_against_the_right_password() {
    let shop = Shop::new().await;
    let e = email("lock");
    shop.register(&e).await;
    fail(&shop, &e, 6).await;
    shop.login(&e, PASSWORD)
        .await
        .assert_error(401, sign_in_failed());
    shop.advance(1799).await;
    shop.login(&e, PASSWORD)
        .await
        .assert_error(401, sign_in_failed());
}

#[tokio::test]
async fn five_failures_do_not_lock() {
    let shop = Shop::new().await;
    let e = email("nolock");
    shop.register(&e).await;
    fail(&shop, &e, 5).await;
    shop.login(&e, PASSWORD).await.token();
}

#[tokio::test]
async fn the_lock_lifts_after_1800_seconds() {
    let shop = Shop::new().await;
    let e = email("unlock");
    shop.register(&e).await;
    fail(&shop, &e, 6).await;
    shop.advance(1801).await;
    let token = shop.login(&e, PASSWORD).await.token();
    shop.me(&token).await.ok();
}

#[tokio::test]
async fn a_lock_does_not_touch_other_accounts() {
    let shop = Shop::new().await;
    let locked = email("locked");
    let other = email("free");
    shop.register(&locked).await;
    shop.register(&other).await;
    fail(&shop, &locked, 6).await;
    shop.login(&other, PASSWORD).await.token();
}

#[tokio::test]
async fn lockout_follows_the_configured_failures_and_duration() {
    let shop = Shop::with(options::lockout(3, 60)).await;
    let e = email("cfglock");
    shop.register(&e).await;
    fail(&shop, &e, 3).await;
    shop.login(&e, PASSWORD)
        .await
        .assert_error(401, sign_in_failed());
    shop.advance(61).await;
    shop.login(&e, PASSWORD).await.token();
}
