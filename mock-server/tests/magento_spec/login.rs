//! Login, `POST /V1/integration/customer/token` (spec §2.3): a bare JSON string; the generic
//! 401; the required-field 400s.
use crate::support::bodies::{required, required_all, sign_in_failed};
use crate::support::*;

use serde_json::json;

#[tokio::test]
async fn login_returns_a_bare_json_string_that_opens_customers_me() {
    let shop = Shop::new().await;
    let e = email("login");
    shop.register(&e).await;
    let r = shop.login(&e, PASSWORD).await;
    let token = r.token();
    assert!(r.text().starts_with('"') && r.text().trim_end().ends_with('"'));
    assert_eq!(shop.me(&token).await.ok()["email"], json!(e));
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_exact_401() {
    let shop = Shop::new().await;
    let e = email("known");
    shop.register(&e).await;
    shop.login(&e, "Password2")
        .await
        .assert_error(401, sign_in_failed());
    shop.login(&email("unknown"), PASSWORD)
        .await
        .assert_error(401, sign_in_failed());
}

#[tokio::test]
async fn both_fields_empty_get_the_aggregate_400() {
    let shop = Shop::new().await;
    shop.login("", "")
        .await
        .assert_error(400, required_all(&["username", "password"]));
}

#[tokio::test]
async fn one_empty_field_gets_the_single_required_400() {
    let shop = Shop::new().await;
    let e = email("half");
    shop.register(&e).await;
    shop.login(&e, "")
        .await
        .assert_error(400, required("password"));
    shop.login("", PASSWORD)
        .await
        .assert_error(400, required("username"));
}
