//! Store scope in the URL (spec §1.1, §9.9, issue 8 §5): `/rest/<store>/V1/…`, `/rest/V1/…`
//! for the default store, `rest/all` refused for customer token requests, an unknown code.
use crate::support::bodies::{duplicate, sign_in_failed};
use crate::support::*;

use serde_json::json;

fn registration(e: &str) -> serde_json::Value {
    json!({"customer": {"email": e, "firstname": "Jane", "lastname": "Doe"}, "password": PASSWORD})
}

#[tokio::test]
async fn rest_v1_without_a_code_is_the_default_store() {
    let shop = Shop::new().await;
    let e = email("nocode");
    let customer = shop
        .call_at("POST", "/rest/V1/customers", None, Some(registration(&e)))
        .await
        .ok();
    assert_eq!(customer["store_id"], 1);
    assert_eq!(customer["website_id"], 1);
    let token = shop
        .call_at(
            "POST",
            "/rest/V1/integration/customer/token",
            None,
            Some(json!({"username": e, "password": PASSWORD})),
        )
        .await
        .token();
    assert_eq!(shop.me(&token).await.ok()["id"], customer["id"]);
    let me = shop
        .call_at("GET", "/rest/V1/customers/me", Some(&token), None)
        .await
        .ok();
    assert_eq!(me["id"], customer["id"]);
}

#[tokio::test]
async fn the_default_code_sees_accounts_made_without_a_code() {
    let shop = Shop::new().await;
    let e = email("both");
    shop.call_at("POST", "/rest/V1/customers", None, Some(registration(&e)))
        .await
        .ok();
    shop.token(&e).await;
    shop.register_raw(registration(&e))
        .await
        .assert_error(400, duplicate());
}

#[tokio::test]
async fn a_token_request_under_rest_all_gets_the_generic_401() {
    let shop = Shop::new().await;
    let e = email("all");
    shop.register(&e).await;
    shop.call_at(
        "POST",
        "/rest/all/V1/integration/customer/token",
        None,
        Some(json!({"username": e, "password": PASSWORD})),
    )
    .await
    .assert_error(401, sign_in_failed());
}

#[tokio::test]
async fn an_unknown_store_code_is_refused_without_effect() {
    let shop = Shop::new().await;
    let e = email("nostore");
    let r = shop
        .call_at(
            "POST",
            "/rest/nosuchstore/V1/customers",
            None,
            Some(registration(&e)),
        )
        .await;
    assert!((400..500).contains(&r.status), "{}", r.text());
    r.assert_message(r.status);
    shop.register(&e).await;
    let r = shop
        .call_at(
            "POST",
            "/rest/nosuchstore/V1/integration/customer/token",
            None,
            Some(json!({"username": e, "password": PASSWORD})),
        )
        .await;
    assert!((400..500).contains(&r.status), "{}", r.text());
    r.assert_message(r.status);
}
