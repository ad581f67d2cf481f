//! Email confirmation (spec §6, §2.3; off by default): when on, registration answers 200
//! with a `confirmation` key, the key goes to the outbox and login is refused with the
//! configured message.
use crate::support::bodies::{not_confirmed, sign_in_failed};
use crate::support::*;

use serde_json::json;

#[tokio::test]
async fn confirmation_is_off_by_default() {
    let shop = Shop::new().await;
    let e = email("noconfirm");
    let customer = shop.register(&e).await;
    assert!(customer.get("confirmation").is_none(), "{customer}");
    shop.login(&e, PASSWORD).await.token();
}

#[tokio::test]
async fn registration_returns_the_confirmation_key_and_mails_it() {
    let shop = Shop::with(options::confirmation_required()).await;
    let e = email("confirm");
    let customer = shop.register(&e).await;
    let key = customer["confirmation"]
        .as_str()
        .unwrap_or_else(|| panic!("a `confirmation` key: {customer}"));
    assert!(!key.is_empty());
    let messages = shop.outbox(&e).await;
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert_eq!(messages[0]["token"], json!(key));
    assert_ne!(messages[0]["kind"], "password_reset");
}

#[tokio::test]
async fn an_unconfirmed_account_cannot_sign_in() {
    let shop = Shop::with(options::confirmation_required()).await;
    let e = email("unconfirmed");
    shop.register(&e).await;
    shop.login(&e, PASSWORD)
        .await
        .assert_error(401, not_confirmed());
}

#[tokio::test]
async fn the_generic_message_option_hides_the_unconfirmed_state() {
    let shop = Shop::new().await;
    shop.configure(options::confirmation_required()).await;
    shop.configure(options::unconfirmed_message_generic()).await;
    let e = email("generic");
    shop.register(&e).await;
    shop.login(&e, PASSWORD)
        .await
        .assert_error(401, sign_in_failed());
}

#[tokio::test]
async fn confirmed_accounts_created_before_the_switch_still_sign_in() {
    let shop = Shop::new().await;
    let e = email("before");
    shop.register(&e).await;
    shop.configure(options::confirmation_required()).await;
    shop.login(&e, PASSWORD).await.token();
}
