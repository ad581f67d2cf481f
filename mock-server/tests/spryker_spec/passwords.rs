//! Forgotten password, restore and change password (spec §2.5, §2.6, §2.9, §4).
use crate::support::*;

use serde_json::json;

async fn forgotten(glue: &Glue, email: &str) -> Resp {
    let body = doc("customer-forgotten-password", json!({ "email": email }));
    glue.call("POST", "/customer-forgotten-password", None, Some(body))
        .await
}

async fn change(glue: &Glue, s: &Session, current: &str, new: &str, confirm: &str) -> Resp {
    let body = doc_id(
        "customer-password",
        &s.reference,
        json!({"password": current, "newPassword": new, "confirmPassword": confirm}),
    );
    let path = format!("/customer-password/{}", s.reference);
    glue.call("PATCH", &path, Some(&s.access), Some(body)).await
}

#[tokio::test]
async fn forgotten_password_is_204_for_known_and_unknown_emails_alike() {
    let glue = Glue::new().await;
    let known = email("known");
    glue.register(&known).await;
    let unknown = email("unknown");
    forgotten(&glue, &known).await.assert_no_content();
    forgotten(&glue, &unknown).await.assert_no_content();
    let messages = glue.outbox("password_reset", &known);
    assert_eq!(messages.len(), 1);
    assert!(!messages[0].token.is_empty());
    assert!(
        glue.mock.outbox().iter().all(|m| m.to != unknown),
        "no message for an unknown address"
    );
    // the shared outbox shape over HTTP
    let r = glue
        .control("GET", &format!("/__mock/outbox?to={known}"), None)
        .await;
    r.assert_status(200);
    let doc = r.json();
    let m = &doc["messages"][0];
    assert_eq!(m["kind"], "password_reset");
    assert_eq!(m["to"], json!(known));
    assert_eq!(m["token"], json!(messages[0].token));
}

#[tokio::test]
async fn forgotten_password_validation_is_901_only() {
    let glue = Glue::new().await;
    let blank = format!("email => {NOT_BLANK}");
    let invalid = format!("email => {NOT_EMAIL}");
    forgotten(&glue, "")
        .await
        .assert_violations_among(&[&blank], &[&invalid]);
    forgotten(&glue, "not-an-email")
        .await
        .assert_violations(&[&invalid]);
    let long = format!(
        "{}@{}.{}.{}",
        "a".repeat(64),
        "b".repeat(63),
        "c".repeat(63),
        "d".repeat(63)
    );
    assert_eq!(long.len(), 256);
    let too_long = format!("email => {}", too_long(255));
    forgotten(&glue, &long)
        .await
        .assert_violations_among(&[&too_long], &[&invalid]);
}

#[tokio::test]
async fn restore_applies_the_key_from_the_body_whatever_the_path_id() {
    let glue = Glue::new().await;
    let s = glue.session("restore").await;
    let key = glue.restore_key(&s.email).await;
    glue.restore("any-id-at-all", &key, NEW_PASSWORD, NEW_PASSWORD)
        .await
        .assert_no_content();
    glue.login_ok(&s.email, NEW_PASSWORD).await;
    glue.login(&s.email, PASSWORD)
        .await
        .assert_error(401, "003", LOGIN_FAILED);
}

#[tokio::test]
async fn restore_key_in_the_path_alone_does_not_count() {
    let glue = Glue::new().await;
    let s = glue.session("pathkey").await;
    let key = glue.restore_key(&s.email).await;
    glue.restore(&key, "not-the-key", NEW_PASSWORD, NEW_PASSWORD)
        .await
        .assert_error(422, "415", RESTORE_KEY_INVALID);
    glue.restore(&key, &key, NEW_PASSWORD, NEW_PASSWORD)
        .await
        .assert_no_content();
}

#[tokio::test]
async fn restore_key_is_single_use() {
    let glue = Glue::new().await;
    let s = glue.session("once").await;
    let key = glue.restore_key(&s.email).await;
    glue.restore(&key, &key, NEW_PASSWORD, NEW_PASSWORD)
        .await
        .assert_no_content();
    glue.restore(&key, &key, PASSWORD, PASSWORD)
        .await
        .assert_error(422, "415", RESTORE_KEY_INVALID);
    glue.login_ok(&s.email, NEW_PASSWORD).await;
}

#[tokio::test]
async fn a_newer_request_replaces_the_restore_key() {
    let glue = Glue::new().await;
    let s = glue.session("newer").await;
    let old = glue.restore_key(&s.email).await;
    let new = glue.restore_key(&s.email).await;
    assert_ne!(old, new);
    glue.restore(&old, &old, NEW_PASSWORD, NEW_PASSWORD)
        .await
        .assert_error(422, "415", RESTORE_KEY_INVALID);
    glue.restore(&new, &new, NEW_PASSWORD, NEW_PASSWORD)
        .await
        .assert_no_content();
}

#[tokio::test]
async fn restore_errors() {
    let glue = Glue::new().await;
    let s = glue.session("rerr").await;
    let key = glue.restore_key(&s.email).await;
    glue.restore(
        "x",
        "0123456789abcdef0123456789abcdef",
        NEW_PASSWORD,
        NEW_PASSWORD,
    )
    .await
    .assert_error(422, "415", RESTORE_KEY_INVALID);
    glue.restore(&key, &key, NEW_PASSWORD, PASSWORD)
        .await
        .assert_error(422, "406", PASSWORDS_DIFFER);
    glue.restore(&key, &key, "Short1!", "Short1!")
        .await
        .assert_violations(&[
            &format!("password => {}", too_short(12)),
            &format!("confirmPassword => {}", too_short(12)),
        ]);
    glue.restore(&key, &key, "alllowercase1234", "alllowercase1234")
        .await
        .assert_violations(&[&format!("password => {PASSWORD_CLASSES}")]);
    glue.restore("x", "", NEW_PASSWORD, NEW_PASSWORD)
        .await
        .assert_violations(&[&format!("restorePasswordKey => {NOT_BLANK}")]);
    // none of the failures spent the key or changed the password
    glue.login_ok(&s.email, PASSWORD).await;
    glue.restore(&key, &key, NEW_PASSWORD, NEW_PASSWORD)
        .await
        .assert_no_content();
}

#[tokio::test]
async fn restore_keys_never_expire_by_default() {
    let glue = Glue::new().await;
    let s = glue.session("forever").await;
    let key = glue.restore_key(&s.email).await;
    glue.advance(400 * 24 * 3600);
    glue.restore(&key, &key, NEW_PASSWORD, NEW_PASSWORD)
        .await
        .assert_no_content();
}

#[tokio::test]
async fn restore_key_ttl_option_expires_keys() {
    let glue = Glue::with(json!({"restore_key_ttl": 7200})).await;
    let early = glue.session("early").await;
    let late = glue.session("late").await;
    let early_key = glue.restore_key(&early.email).await;
    let late_key = glue.restore_key(&late.email).await;
    glue.advance(7200 - 10);
    glue.restore(&early_key, &early_key, NEW_PASSWORD, NEW_PASSWORD)
        .await
        .assert_no_content();
    glue.advance(20);
    glue.restore(&late_key, &late_key, NEW_PASSWORD, NEW_PASSWORD)
        .await
        .assert_error(422, "415", RESTORE_KEY_INVALID);
    glue.login_ok(&late.email, PASSWORD).await;
}

#[tokio::test]
async fn change_password_answers_204_and_swaps_the_login() {
    let glue = Glue::new().await;
    let s = glue.session("change").await;
    change(&glue, &s, PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
        .await
        .assert_no_content();
    glue.login_ok(&s.email, NEW_PASSWORD).await;
    glue.login(&s.email, PASSWORD)
        .await
        .assert_error(401, "003", LOGIN_FAILED);
}

#[tokio::test]
async fn change_password_with_a_wrong_current_password_is_408() {
    let glue = Glue::new().await;
    let s = glue.session("wrong").await;
    change(&glue, &s, "Wrong!Passw0rd", NEW_PASSWORD, NEW_PASSWORD)
        .await
        .assert_error(400, "408", "Invalid password");
    glue.login_ok(&s.email, PASSWORD).await;
}

#[tokio::test]
async fn change_password_mismatch_is_406_with_422() {
    let glue = Glue::new().await;
    let s = glue.session("mismatch").await;
    let r = change(&glue, &s, PASSWORD, NEW_PASSWORD, "Other!Passw0rd1").await;
    let field = |f: &str| {
        format!("Value in field {f} should be identical to value in the confirmPassword field.")
    };
    r.assert_one_error_of(&[
        (422, "406", &field("newPassword")),
        (422, "406", &field("password")),
    ]);
    glue.login_ok(&s.email, PASSWORD).await;
}

#[tokio::test]
async fn change_password_policy_is_901() {
    let glue = Glue::new().await;
    let s = glue.session("cpol").await;
    change(&glue, &s, PASSWORD, "Short1!", "Short1!")
        .await
        .assert_violations(&[
            &format!("newPassword => {}", too_short(12)),
            &format!("confirmPassword => {}", too_short(12)),
        ]);
    change(&glue, &s, PASSWORD, "alllowercase1234", "alllowercase1234")
        .await
        .assert_violations(&[&format!("newPassword => {PASSWORD_CLASSES}")]);
    change(&glue, &s, "", NEW_PASSWORD, NEW_PASSWORD)
        .await
        .assert_violations(&[&format!("password => {NOT_BLANK}")]);
    glue.login_ok(&s.email, PASSWORD).await;
}

#[tokio::test]
async fn change_password_needs_a_valid_token() {
    let glue = Glue::new().await;
    let s = glue.session("ctok").await;
    let body = doc_id(
        "customer-password",
        &s.reference,
        json!({"password": PASSWORD, "newPassword": NEW_PASSWORD, "confirmPassword": NEW_PASSWORD}),
    );
    let path = format!("/customer-password/{}", s.reference);
    glue.call("PATCH", &path, None, Some(body.clone()))
        .await
        .assert_error(403, "002", MISSING_ACCESS_TOKEN);
    glue.call("PATCH", &path, Some("forged"), Some(body))
        .await
        .assert_error(401, "001", INVALID_ACCESS_TOKEN);
    glue.login_ok(&s.email, PASSWORD).await;
}
