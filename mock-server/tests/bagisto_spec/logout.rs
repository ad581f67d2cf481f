//! Logout, `POST /api/shop/customer/logout` (spec §2.3, §4): 201 either way, per token.
use crate::support::*;

use serde_json::json;

const LOGGED_OUT: &str = "Logged out successfully";

#[tokio::test]
async fn logout_is_201_success_and_ends_the_presented_token() {
    let bag = Bag::new().await;
    let (_, token) = bag.session(&email("out")).await;
    let r = bag.logout(Some(&token)).await;
    r.assert_201(json!({"success": true, "message": LOGGED_OUT}));
    assert_key_order(&r, &["success", "message"]);
    bag.profile(Some(&token))
        .await
        .assert_problem(401, "Invalid or expired token");
    let r = bag
        .call("GET", "/customer-addresses", Some(&token), None)
        .await;
    r.assert_problem(401, "Invalid or expired token");
}

#[tokio::test]
async fn logout_deletes_only_the_presented_token() {
    let bag = Bag::new().await;
    let e = email("only");
    let (_, t0) = bag.session(&e).await;
    let t1 = bag.login_token(&e, PASSWORD).await;
    let t2 = bag.login_token(&e, PASSWORD).await;
    let (_, other) = bag.session(&email("bystander")).await;
    bag.logout(Some(&t1))
        .await
        .assert_201(json!({"success": true, "message": LOGGED_OUT}));
    bag.profile(Some(&t1)).await.assert_status(401);
    for t in [&t0, &t2, &other] {
        bag.profile(Some(t)).await.assert_status(200);
    }
    // the remaining ones log out one by one
    for t in [&t0, &t2] {
        bag.logout(Some(t))
            .await
            .assert_201(json!({"success": true, "message": LOGGED_OUT}));
    }
    bag.profile(Some(&other)).await.assert_status(200);
}

#[tokio::test]
async fn logout_without_or_with_an_unknown_token_is_201_unauthenticated() {
    let bag = Bag::new().await;
    let soft = json!({"success": false, "message": UNAUTHENTICATED});
    bag.logout(None).await.assert_201(soft.clone());
    bag.logout(Some(
        "9999|abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN12345678",
    ))
    .await
    .assert_201(soft.clone());
    let (_, token) = bag.session(&email("tamper")).await;
    bag.logout(Some(&tampered(&token))).await.assert_201(soft);
    // the real one was not touched
    bag.profile(Some(&token)).await.assert_status(200);
}

#[tokio::test]
async fn a_second_logout_with_the_same_token_is_a_soft_failure() {
    let bag = Bag::new().await;
    let (_, token) = bag.session(&email("twice")).await;
    bag.logout(Some(&token)).await.assert_status(201);
    let r = bag.logout(Some(&token)).await;
    r.assert_status(201);
    let v = r.json();
    assert_eq!(v["success"], false, "{v}");
    let message = v["message"].as_str().unwrap_or_default();
    assert!(
        message == UNAUTHENTICATED || message == "Token not found or already expired",
        "a documented logout failure: {v}"
    );
    assert_eq!(
        v.as_object().unwrap().len(),
        2,
        "only success and message: {v}"
    );
}

#[tokio::test]
async fn logout_accepts_an_empty_or_absent_body() {
    let bag = Bag::new().await;
    let e = email("bodies");
    let (_, t0) = bag.session(&e).await;
    let t1 = bag.login_token(&e, PASSWORD).await;
    let bearer = format!("Bearer {t0}");
    let headers = [
        ("X-STOREFRONT-KEY", bag.key.as_str()),
        ("Authorization", bearer.as_str()),
    ];
    bag.raw("POST", "/api/shop/customer/logout", &headers, None)
        .await
        .assert_201(json!({"success": true, "message": LOGGED_OUT}));
    bag.call(
        "POST",
        "/customer/logout",
        Some(&t1),
        Some(json!({"deviceToken": "fcm-token"})),
    )
    .await
    .assert_201(json!({"success": true, "message": LOGGED_OUT}));
}
