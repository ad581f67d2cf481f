//! Password reset through the outbox (spec §2.8–2.10, §5, DISCREPANCIES 5 and 8): request,
//! optional validation, completion; single use, 2 h lifetime on the mock clock, replacement
//! by a later request, the policy on the new password, the throttle off by default.
use crate::support::bodies::{
    no_such_email, required, same_as_email, sign_in_failed, token_mismatch, too_short,
};
use crate::support::*;

use serde_json::json;

const NEW_PASSWORD: &str = "NewPassw0rd";

#[tokio::test]
async fn a_known_email_gets_200_true_and_one_outbox_message() {
    let shop = Shop::new().await;
    let e = email("reset");
    shop.register(&e).await;
    assert_eq!(shop.request_reset(&e).await.ok(), json!(true));
    let messages = shop.outbox(&e).await;
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert_eq!(messages[0]["kind"], "password_reset");
    assert!(!messages[0]["token"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn an_unknown_email_gets_the_exact_404_and_no_message() {
    let shop = Shop::new().await;
    let e = email("nobody");
    shop.request_reset(&e)
        .await
        .assert_error(404, no_such_email(&e, 1));
    assert!(shop.outbox(&e).await.is_empty());
}

#[tokio::test]
async fn website_id_defaults_to_the_url_store_website() {
    let shop = Shop::new().await;
    let known = email("defaultsite");
    shop.register(&known).await;
    let request = |e: &str| json!({"email": e, "template": "email_reset"});
    let r = shop
        .call("PUT", "/V1/customers/password", None, Some(request(&known)))
        .await;
    assert_eq!(r.ok(), json!(true));
    // the defaulted website id is the store's: spec §1.4 allows a string or a number
    let unknown = email("nosite");
    let r = shop
        .call(
            "PUT",
            "/V1/customers/password",
            None,
            Some(request(&unknown)),
        )
        .await;
    let mut body = r.assert_message(404);
    let website = body["parameters"]["field2Value"].take();
    assert!(website == json!(1) || website == json!("1"), "{website}");
    body["parameters"]["field2Value"] = json!(1);
    assert_eq!(body, no_such_email(&unknown, 1));
}

#[tokio::test]
async fn email_and_template_are_both_required() {
    let shop = Shop::new().await;
    let e = email("fields");
    shop.register(&e).await;
    for (field, body) in [
        ("template", json!({"email": e, "websiteId": 1})),
        ("email", json!({"template": "email_reset", "websiteId": 1})),
    ] {
        shop.call("PUT", "/V1/customers/password", None, Some(body))
            .await
            .assert_error(400, required(field));
    }
    assert!(shop.outbox(&e).await.is_empty());
}

#[tokio::test]
async fn an_unknown_template_is_a_400_and_sends_nothing() {
    let shop = Shop::new().await;
    let e = email("tpl");
    shop.register(&e).await;
    let body = json!({"email": e, "template": "email_bogus", "websiteId": 1});
    shop.call("PUT", "/V1/customers/password", None, Some(body))
        .await
        .assert_message(400);
    assert!(shop.outbox(&e).await.is_empty());
}

#[tokio::test]
async fn the_reminder_template_is_accepted_too() {
    let shop = Shop::new().await;
    let e = email("reminder");
    shop.register(&e).await;
    let body = json!({"email": e, "template": "email_reminder", "websiteId": 1});
    let r = shop
        .call("PUT", "/V1/customers/password", None, Some(body))
        .await;
    assert_eq!(r.ok(), json!(true));
    assert_eq!(shop.outbox(&e).await.len(), 1);
}

#[tokio::test]
async fn completion_with_an_empty_email_finds_the_customer_by_token() {
    let shop = Shop::new().await;
    let e = email("bytoken");
    shop.register(&e).await;
    let token = shop.reset_token(&e).await;
    let r = shop.reset_password("", &token, NEW_PASSWORD).await;
    assert_eq!(r.ok(), json!(true));
    shop.login(&e, NEW_PASSWORD).await.token();
    shop.login(&e, PASSWORD)
        .await
        .assert_error(401, sign_in_failed());
}

#[tokio::test]
async fn completion_with_the_email_works() {
    let shop = Shop::new().await;
    let e = email("withmail");
    shop.register(&e).await;
    let token = shop.reset_token(&e).await;
    assert_eq!(
        shop.reset_password(&e, &token, NEW_PASSWORD).await.ok(),
        json!(true)
    );
    shop.login(&e, NEW_PASSWORD).await.token();
}

#[tokio::test]
async fn the_token_is_single_use() {
    let shop = Shop::new().await;
    let e = email("once");
    shop.register(&e).await;
    let token = shop.reset_token(&e).await;
    shop.reset_password("", &token, NEW_PASSWORD).await.ok();
    shop.reset_password(&e, &token, "Another1pass")
        .await
        .assert_error(400, token_mismatch());
    let again = shop.reset_password("", &token, "Another1pass").await;
    assert!((400..500).contains(&again.status), "{}", again.text());
    again.assert_message(again.status);
    shop.login(&e, NEW_PASSWORD).await.token();
}

#[tokio::test]
async fn a_later_request_replaces_the_token() {
    let shop = Shop::new().await;
    let e = email("replace");
    shop.register(&e).await;
    let first = shop.reset_token(&e).await;
    let second = shop.reset_token(&e).await;
    assert_ne!(first, second);
    shop.reset_password(&e, &first, NEW_PASSWORD)
        .await
        .assert_error(400, token_mismatch());
    shop.reset_password(&e, &second, NEW_PASSWORD).await.ok();
}

#[tokio::test]
async fn the_token_of_one_customer_cannot_reset_another() {
    let shop = Shop::new().await;
    let a = email("tokena");
    let b = email("tokenb");
    shop.register(&a).await;
    shop.register(&b).await;
    let token = shop.reset_token(&a).await;
    shop.reset_password(&b, &token, NEW_PASSWORD)
        .await
        .assert_error(400, token_mismatch());
    shop.login(&b, PASSWORD).await.token();
}

#[tokio::test]
async fn an_unknown_email_at_completion_is_a_404() {
    let shop = Shop::new().await;
    let e = email("complete");
    shop.register(&e).await;
    let token = shop.reset_token(&e).await;
    shop.reset_password(&email("stranger"), &token, NEW_PASSWORD)
        .await
        .assert_message(404);
}

#[tokio::test]
async fn the_new_password_follows_the_policy_and_a_refusal_keeps_the_token() {
    let shop = Shop::new().await;
    let e = email("policy");
    shop.register(&e).await;
    let token = shop.reset_token(&e).await;
    shop.reset_password(&e, &token, "short")
        .await
        .assert_error(400, too_short(8));
    shop.reset_password(&e, &token, &e)
        .await
        .assert_error(400, same_as_email());
    shop.reset_password(&e, &token, NEW_PASSWORD).await.ok();
    shop.login(&e, NEW_PASSWORD).await.token();
}

#[tokio::test]
async fn the_token_is_checked_before_the_password() {
    let shop = Shop::new().await;
    let e = email("order");
    shop.register(&e).await;
    shop.reset_token(&e).await;
    shop.reset_password(&e, "0123456789abcdef0123456789abcdef", "short")
        .await
        .assert_error(400, token_mismatch());
}

#[tokio::test]
async fn an_email_change_clears_the_reset_token() {
    let shop = Shop::new().await;
    let old = email("before");
    let (session, mut customer) = shop.customer(&old).await;
    let token = shop.reset_token(&old).await;
    let new = email("after");
    customer["email"] = json!(new);
    shop.put_me(&session, customer).await.ok();
    shop.reset_password(&new, &token, NEW_PASSWORD)
        .await
        .assert_error(400, token_mismatch());
}

#[tokio::test]
async fn the_throttle_is_off_by_default() {
    let shop = Shop::new().await;
    let e = email("nothrottle");
    shop.register(&e).await;
    for attempt in 1..=7 {
        let r = shop.request_reset(&e).await;
        assert_eq!(r.status, 200, "request {attempt}: {}", r.text());
        assert_eq!(r.json(), json!(true));
    }
    assert_eq!(shop.outbox(&e).await.len(), 7);
}

#[tokio::test]
async fn the_throttle_option_refuses_back_to_back_requests_with_a_400() {
    let shop = Shop::with(options::reset_throttle_on()).await;
    let e = email("throttle");
    shop.register(&e).await;
    assert_eq!(shop.request_reset(&e).await.ok(), json!(true));
    let mut accepted = 1;
    let mut refused = 0;
    for _ in 0..6 {
        let r = shop.request_reset(&e).await;
        match r.status {
            200 => accepted += 1,
            _ => {
                r.assert_message(400);
                refused += 1;
            }
        }
    }
    assert!(refused >= 1, "at most 5 requests go through");
    assert_eq!(shop.outbox(&e).await.len(), accepted);
    shop.advance(3601).await;
    assert_eq!(shop.request_reset(&e).await.ok(), json!(true));
}
