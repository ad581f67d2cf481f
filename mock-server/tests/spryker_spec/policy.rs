//! The password-policy presets (`password_policy`: module / demo / core; spec §5, §9) and the
//! optional SecurityBlocker (`4401`/429).
use crate::support::*;

use serde_json::json;

fn with_password(email: &str, password: &str) -> serde_json::Value {
    with(
        customer(email),
        json!({"password": password, "confirmPassword": password}),
    )
}

#[tokio::test]
async fn module_policy_is_the_default() {
    let glue = Glue::new().await;
    glue.register_with(with_password(&email("m"), "Abcdefgh!123"))
        .await
        .assert_status(201);
    let r = glue
        .register_with(with_password(&email("m"), "change123"))
        .await;
    r.assert_violations(&[
        &format!("password => {}", too_short(12)),
        &format!("password => {PASSWORD_CLASSES}"),
        &format!("confirmPassword => {}", too_short(12)),
    ]);
}

#[tokio::test]
async fn demo_policy_is_8_to_64_without_character_classes() {
    let glue = Glue::with(json!({"password_policy": "demo"})).await;
    let e = email("demo");
    glue.register_with(with_password(&e, "change123"))
        .await
        .assert_status(201);
    glue.login_ok(&e, "change123").await;
    glue.register_with(with_password(&email("demo"), &"a".repeat(64)))
        .await
        .assert_status(201);
    let short = format!("password => {}", too_short(8));
    let short_confirm = format!("confirmPassword => {}", too_short(8));
    glue.register_with(with_password(&email("demo"), "chang12"))
        .await
        .assert_violations_among(&[&short], &[&short_confirm]);
    let long = format!("password => {}", too_long(64));
    let long_confirm = format!("confirmPassword => {}", too_long(64));
    glue.register_with(with_password(&email("demo"), &"a".repeat(65)))
        .await
        .assert_violations_among(&[&long], &[&long_confirm]);
}

#[tokio::test]
async fn core_policy_is_1_to_128_from_the_zed_layer() {
    let glue = Glue::with(json!({"password_policy": "core"})).await;
    let e = email("core");
    glue.register_with(with_password(&e, "abc"))
        .await
        .assert_status(201);
    glue.login_ok(&e, "abc").await;
    glue.register_with(with_password(&email("core"), &"a".repeat(128)))
        .await
        .assert_status(201);
    let r = glue
        .register_with(with_password(&email("core"), &"a".repeat(129)))
        .await;
    if r.status == 400 {
        r.assert_error(400, "419", "The password is too long.");
    } else {
        r.assert_violations_among(
            &[&format!("password => {}", too_long(128))],
            &[&format!("confirmPassword => {}", too_long(128))],
        );
    }
}

#[tokio::test]
async fn policy_applies_to_change_and_restore_too() {
    let glue = Glue::with(json!({"password_policy": "demo"})).await;
    let s = glue.session("both").await;
    let body = doc_id(
        "customer-password",
        &s.reference,
        json!({"password": PASSWORD, "newPassword": "change123", "confirmPassword": "change123"}),
    );
    glue.call(
        "PATCH",
        &format!("/customer-password/{}", s.reference),
        Some(&s.access),
        Some(body),
    )
    .await
    .assert_no_content();
    glue.login_ok(&s.email, "change123").await;
    let key = glue.restore_key(&s.email).await;
    glue.restore(&key, &key, "restored1", "restored1")
        .await
        .assert_no_content();
    glue.login_ok(&s.email, "restored1").await;
}

#[tokio::test]
async fn without_the_security_blocker_failed_logins_never_lock_out() {
    let glue = Glue::new().await;
    let e = email("noblock");
    glue.register(&e).await;
    for _ in 0..30 {
        glue.login(&e, "Wrong!Passw0rd")
            .await
            .assert_error(401, "003", LOGIN_FAILED);
    }
    glue.login_ok(&e, PASSWORD).await;
}

#[tokio::test]
async fn security_blocker_answers_4401_with_429_after_repeated_failures() {
    let glue = Glue::with(json!({"security_blocker": true})).await;
    let e = email("block");
    glue.register(&e).await;
    let mut blocked = None;
    for attempt in 0..100 {
        let r = glue.login(&e, "Wrong!Passw0rd").await;
        if r.status == 429 {
            blocked = Some((attempt, r));
            break;
        }
        r.assert_error(401, "003", LOGIN_FAILED);
    }
    let (attempt, r) = blocked.expect("a lockout within 100 failed logins");
    assert!(attempt > 0, "the first failure is a plain 003");
    r.assert_jsonapi_type();
    let doc = r.json();
    let errors = doc["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{doc}");
    assert_eq!(errors[0]["code"], "4401");
    assert_eq!(errors[0]["status"], 429);
    let detail = errors[0]["detail"].as_str().unwrap();
    let minutes = detail
        .strip_prefix("Too many log in attempts from your address. Please wait ")
        .and_then(|rest| rest.strip_suffix(" minutes before trying again."))
        .unwrap_or_else(|| panic!("detail: {detail}"));
    assert!(
        !minutes.is_empty() && minutes.bytes().all(|b| b.is_ascii_digit()),
        "{detail}"
    );
    // the right password is blocked too while the lockout lasts
    assert_eq!(glue.login(&e, PASSWORD).await.status, 429);
}
