//! The password policy (spec §7, issue 8 §5): min 8, 3 of 4 classes, max 256, no space at
//! either end, not the email; a password that breaks several rules gets the first failing
//! one in Magento's order, length first; `%1` parameters as a list.
use crate::support::bodies::{same_as_email, space_around, too_few_classes, too_long, too_short};
use crate::support::*;

use serde_json::{Value, json};

/// Valid under the default policy and under the configured one below (12, 4 classes, 20).
const STRONG: &str = "Password123!";

async fn register_with(shop: &Shop, e: &str, password: &str) -> Resp {
    shop.register_raw(json!({
        "customer": {"email": e, "firstname": "Jane", "lastname": "Doe"},
        "password": password
    }))
    .await
}

async fn assert_refused(shop: &Shop, password: &str, expected: Value) {
    let e = email("policy");
    let r = register_with(shop, &e, password).await;
    assert_eq!(r.status, 400, "{password:?}: {}", r.text());
    r.assert_error(400, expected);
    // nothing was created: the email is still free
    register_with(shop, &e, STRONG).await.ok();
}

#[tokio::test]
async fn several_broken_rules_report_the_length_first() {
    let shop = Shop::new().await;
    assert_refused(&shop, "abc", too_short(8)).await;
    assert_refused(&shop, " ab ", too_short(8)).await;
    assert_refused(&shop, &"a".repeat(300), too_long(256)).await;
    assert_refused(&shop, &format!(" {} ", "a".repeat(300)), too_long(256)).await;
}

#[tokio::test]
async fn too_few_character_classes_name_the_required_count() {
    let shop = Shop::new().await;
    assert_refused(&shop, "password", too_few_classes(3)).await;
    assert_refused(&shop, "password1", too_few_classes(3)).await;
    assert_refused(&shop, "PASSWORD!", too_few_classes(3)).await;
}

#[tokio::test]
async fn three_classes_of_eight_characters_pass() {
    let shop = Shop::new().await;
    for password in ["Passwor1", "passwor!1", "PASSWOR!1", "Pass word1"] {
        register_with(&shop, &email("pass"), password).await.ok();
    }
}

#[tokio::test]
async fn at_most_256_characters() {
    let shop = Shop::new().await;
    let longest = format!("Aa1{}", "x".repeat(253));
    register_with(&shop, &email("max"), &longest).await.ok();
    let e = email("maxlogin");
    register_with(&shop, &e, &longest).await.ok();
    shop.login(&e, &longest).await.token();
    assert_refused(&shop, &format!("{longest}x"), too_long(256)).await;
}

#[tokio::test]
async fn a_space_at_either_end_is_refused() {
    let shop = Shop::new().await;
    assert_refused(&shop, " Password1", space_around()).await;
    assert_refused(&shop, "Password1 ", space_around()).await;
}

#[tokio::test]
async fn the_password_cannot_be_the_email() {
    let shop = Shop::new().await;
    let e = email("same");
    register_with(&shop, &e, &e)
        .await
        .assert_error(400, same_as_email());
    register_with(&shop, &e, PASSWORD).await.ok();
}

#[tokio::test]
async fn the_policy_follows_the_configured_limits() {
    let shop = Shop::with(options::password_policy(12, 4, 20)).await;
    assert_refused(&shop, "Password1", too_short(12)).await;
    assert_refused(&shop, "Password1234", too_few_classes(4)).await;
    assert_refused(&shop, "Password123!Password123!", too_long(20)).await;
    register_with(&shop, &email("cfg"), "Password123!")
        .await
        .ok();
}
