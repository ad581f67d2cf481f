//! One token service for REST and GraphQL (spec §3, issue 9 §1): tokens cross both ways,
//! a revoke through either API ends every session on both, expiry, and the
//! `graphql-authorization` error for a missing, bad, expired or revoked token.

use crate::fixture::*;
use serde_json::{Value, json};

/// The spec's documented body for `customer` without a valid token (§1.1), for a document
/// whose `customer` field sits at line 2, column 3.
fn unauthorized_customer() -> Value {
    json!({
        "errors": [{"message": NOT_AUTHORIZED, "locations": [{"line": 2, "column": 3}],
                    "path": ["customer"], "extensions": {"category": "graphql-authorization"}}],
        "data": {"customer": null}
    })
}

const CUSTOMER_EMAIL: &str = "query Me {\n  customer { email }\n}";

#[tokio::test]
async fn a_graphql_token_opens_rest_customers_me() {
    let shop = Shop::new().await;
    let e = email("g2r");
    let token = shop.session(&e).await;
    let me = shop.rest_me(&token).await;
    assert_eq!(me.status, 200, "{}", me.text());
    assert_eq!(me.json()["email"], json!(e));
}

#[tokio::test]
async fn a_rest_token_opens_the_graphql_customer() {
    let shop = Shop::new().await;
    let e = email("r2g");
    shop.rest_register(&e).await;
    let token = shop.rest_token(&e, PASSWORD).await;
    let data = shop
        .customer("email firstname lastname", Some(&token))
        .await
        .data();
    assert_eq!(
        data,
        json!({"customer": {"email": e, "firstname": "Jane", "lastname": "Doe"}})
    );
}

#[tokio::test]
async fn revoke_customer_token_returns_result_true_and_ends_every_session_on_both_apis() {
    let shop = Shop::new().await;
    let e = email("revokeg");
    shop.register(&e).await;
    let graphql_a = shop.token(&e).await;
    let rest_b = shop.rest_token(&e, PASSWORD).await;
    shop.advance(5);
    let graphql_c = shop.token(&e).await;
    let data = shop.logout(Some(&graphql_c)).await.data();
    assert_eq!(data, json!({"revokeCustomerToken": {"result": true}}));
    for token in [&graphql_a, &rest_b, &graphql_c] {
        let r = shop.gql(CUSTOMER_EMAIL, json!({}), Some(token)).await;
        assert_eq!(r.status, 401, "{}", r.text());
        assert_eq!(r.json(), unauthorized_customer());
        assert_eq!(shop.rest_me(token).await.status, 401);
    }
}

#[tokio::test]
async fn a_rest_revoke_ends_the_graphql_sessions() {
    let shop = Shop::new().await;
    let e = email("revoker");
    shop.register(&e).await;
    let graphql = shop.token(&e).await;
    let rest = shop.rest_token(&e, PASSWORD).await;
    let r = shop.rest_revoke(&rest).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json(), json!(true));
    let r = shop.gql(CUSTOMER_EMAIL, json!({}), Some(&graphql)).await;
    assert_eq!(r.status, 401, "{}", r.text());
    assert_eq!(r.json(), unauthorized_customer());
    shop.logout(Some(&graphql)).await.field_error(
        401,
        &["revokeCustomerToken"],
        "graphql-authorization",
        NOT_AUTHORIZED,
    );
}

#[tokio::test]
async fn a_login_after_the_revoke_second_works_again() {
    let shop = Shop::new().await;
    let e = email("again");
    let token = shop.session(&e).await;
    shop.logout(Some(&token)).await.data();
    shop.advance(2);
    let fresh = shop.token(&e).await;
    let data = shop.customer("email", Some(&fresh)).await.data();
    assert_eq!(data["customer"]["email"], json!(e));
}

#[tokio::test]
async fn revoking_one_customer_leaves_another_customers_tokens_alive() {
    let shop = Shop::new().await;
    let ann = shop.session(&email("ann")).await;
    let bob_email = email("bob");
    let bob = shop.session(&bob_email).await;
    shop.logout(Some(&ann)).await.data();
    let data = shop.customer("email", Some(&bob)).await.data();
    assert_eq!(data["customer"]["email"], json!(bob_email));
}

#[tokio::test]
async fn without_a_token_customer_is_the_documented_401() {
    let shop = Shop::new().await;
    let r = shop.gql(CUSTOMER_EMAIL, json!({}), None).await;
    assert_eq!(r.status, 401, "{}", r.text());
    assert_json(&r);
    assert_eq!(r.json(), unauthorized_customer());
}

#[tokio::test]
async fn revoke_without_a_token_is_the_authorization_error() {
    let shop = Shop::new().await;
    shop.logout(None).await.field_error(
        401,
        &["revokeCustomerToken"],
        "graphql-authorization",
        NOT_AUTHORIZED,
    );
}

#[tokio::test]
async fn a_malformed_or_foreign_token_is_the_authorization_error() {
    let shop = Shop::new().await;
    let e = email("forged");
    let token = shop.session(&e).await;
    let mut tampered = token.clone();
    let last = tampered.pop().expect("non-empty");
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    let other = Shop::new().await;
    let foreign = other.session(&email("foreign")).await;
    for bad in ["garbage", "a.b.c", tampered.as_str(), foreign.as_str(), ""] {
        let r = shop.gql(CUSTOMER_EMAIL, json!({}), Some(bad)).await;
        assert_eq!(r.status, 401, "token {bad:?}: {}", r.text());
        assert_eq!(r.json(), unauthorized_customer(), "token {bad:?}");
    }
}

#[tokio::test]
async fn a_token_expires_after_an_hour() {
    let shop = Shop::new().await;
    let e = email("expiry");
    let token = shop.session(&e).await;
    shop.advance(3599);
    shop.customer("email", Some(&token)).await.data();
    shop.advance(2);
    let r = shop.gql(CUSTOMER_EMAIL, json!({}), Some(&token)).await;
    assert_eq!(r.status, 401, "{}", r.text());
    assert_eq!(r.json(), unauthorized_customer());
    assert_eq!(shop.rest_me(&token).await.status, 401);
}

#[tokio::test]
async fn the_token_lifetime_option_applies_to_graphql_tokens() {
    let shop = Shop::with(options::token_ttl(600)).await;
    let token = shop.session(&email("ttl")).await;
    shop.advance(601);
    let r = shop.gql(CUSTOMER_EMAIL, json!({}), Some(&token)).await;
    assert_eq!(r.json(), unauthorized_customer());
}

#[tokio::test]
async fn with_the_option_authorization_errors_are_http_200() {
    let shop = Shop::with(options::authorization_status_200()).await;
    let r = shop.gql(CUSTOMER_EMAIL, json!({}), None).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json(), unauthorized_customer());
    shop.logout(None).await.field_error(
        200,
        &["revokeCustomerToken"],
        "graphql-authorization",
        NOT_AUTHORIZED,
    );
}

#[tokio::test]
async fn the_authorization_status_can_be_switched_at_run_time() {
    let shop = Shop::new().await;
    shop.configure(options::authorization_status_200()).await;
    let r = shop.gql(CUSTOMER_EMAIL, json!({}), None).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json(), unauthorized_customer());
}

#[tokio::test]
async fn the_mock_reset_forgets_graphql_customers_and_tokens() {
    let shop = Shop::new().await;
    let e = email("forget");
    let token = shop.session(&e).await;
    let r = shop.raw("POST", "/__mock/reset", &[], None).await;
    assert_eq!(r.status, 204, "{}", r.text());
    let r = shop.gql(CUSTOMER_EMAIL, json!({}), Some(&token)).await;
    assert_eq!(r.json(), unauthorized_customer());
    shop.login(&e, PASSWORD).await.field_error(
        200,
        &["generateCustomerToken"],
        "graphql-authentication",
        SIGN_IN_FAILED,
    );
    shop.register(&e).await;
}
