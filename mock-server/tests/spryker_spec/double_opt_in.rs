//! Double opt-in (`double_opt_in`, `unconfirmed_login_status`): login refused until
//! `POST /customer-confirmation` with the outboxed key (spec §6, §7; DISCREPANCIES 10).
use crate::support::*;

use serde_json::json;

async fn confirm(glue: &Glue, key: &str) -> Resp {
    let body = doc("customer-confirmation", json!({ "registrationKey": key }));
    glue.call("POST", "/customer-confirmation", None, Some(body))
        .await
}

fn registration_key(glue: &Glue, email: &str) -> String {
    let messages = glue.outbox("confirmation", email);
    assert_eq!(messages.len(), 1, "one confirmation message");
    messages[0].token.clone()
}

#[tokio::test]
async fn login_is_refused_until_the_outboxed_key_is_confirmed() {
    let glue = Glue::with(json!({"double_opt_in": true})).await;
    let e = email("doi");
    glue.register(&e).await;
    let key = registration_key(&glue, &e);
    assert_eq!(key.len(), 32, "{key}");
    assert!(key.bytes().all(|c| c.is_ascii_hexdigit()), "{key}");
    glue.login(&e, PASSWORD)
        .await
        .assert_error(403, "003", LOGIN_FAILED);
    confirm(&glue, &key).await.assert_no_content();
    glue.login_ok(&e, PASSWORD).await;
}

#[tokio::test]
async fn unconfirmed_login_status_option_401() {
    let glue = Glue::with(json!({"double_opt_in": true, "unconfirmed_login_status": 401})).await;
    let e = email("doi401");
    glue.register(&e).await;
    glue.login(&e, PASSWORD)
        .await
        .assert_error(401, "003", LOGIN_FAILED);
    confirm(&glue, &registration_key(&glue, &e))
        .await
        .assert_no_content();
    glue.login_ok(&e, PASSWORD).await;
}

#[tokio::test]
async fn bad_used_and_blank_confirmation_keys() {
    let glue = Glue::with(json!({"double_opt_in": true})).await;
    let e = email("keys");
    glue.register(&e).await;
    let key = registration_key(&glue, &e);
    confirm(&glue, "0123456789abcdef0123456789abcdef")
        .await
        .assert_error(422, "423", CONFIRMATION_INVALID);
    confirm(&glue, "")
        .await
        .assert_violations(&[&format!("registrationKey => {NOT_BLANK}")]);
    glue.login(&e, PASSWORD)
        .await
        .assert_error(403, "003", LOGIN_FAILED);
    confirm(&glue, &key).await.assert_no_content();
    confirm(&glue, &key)
        .await
        .assert_error(422, "423", CONFIRMATION_INVALID);
    glue.login_ok(&e, PASSWORD).await;
}

#[tokio::test]
async fn one_confirmation_does_not_confirm_another_customer() {
    let glue = Glue::with(json!({"double_opt_in": true})).await;
    let a = email("first");
    let b = email("second");
    glue.register(&a).await;
    glue.register(&b).await;
    let key_a = registration_key(&glue, &a);
    assert_ne!(key_a, registration_key(&glue, &b));
    confirm(&glue, &key_a).await.assert_no_content();
    glue.login_ok(&a, PASSWORD).await;
    glue.login(&b, PASSWORD)
        .await
        .assert_error(403, "003", LOGIN_FAILED);
}

#[tokio::test]
async fn without_double_opt_in_no_confirmation_is_needed() {
    let glue = Glue::new().await;
    let e = email("single");
    glue.register(&e).await;
    glue.login_ok(&e, PASSWORD).await;
    assert!(glue.outbox("confirmation", &e).is_empty());
}
