//! Seed 004 (register a customer) byte for byte, except its mangled example email.

use crate::common::assert_keys;
use crate::fixture::{KEY, Shop, assert_problem};
use serde_json::{Value, json};

/// The request body of seed 004 as the page shows it, with a real address in place of the
/// page's `[email protected]` (DISCREPANCIES, Bagisto 5).
const SEED_004: &str = r#"{
"firstName": "John",
"lastName": "Doe",
"email": "john@example.com",
"password": "Password123!",
"confirmPassword": "Password123!",
"phone": "1234567890",
"gender": "Male",
"dateOfBirth": "1990-01-15",
"subscribedToNewsLetter": true
}"#;

/// The 201 answer's keys, in the spec's order (§2.1).
const REGISTERED_KEYS: [&str; 18] = [
    "id",
    "firstName",
    "lastName",
    "gender",
    "dateOfBirth",
    "email",
    "phone",
    "status",
    "apiToken",
    "customerGroupId",
    "channelId",
    "subscribedToNewsLetter",
    "isVerified",
    "isSuspended",
    "token",
    "rememberToken",
    "deviceToken",
    "name",
];

/// Whether `token` is a Sanctum plain-text token: `<id>|<40 letters or digits><8 hex>`.
pub fn is_sanctum_token(token: &str) -> bool {
    let Some((id, secret)) = token.split_once('|') else {
        return false;
    };
    !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_digit())
        && secret.len() == 48
        && secret[..40].bytes().all(|b| b.is_ascii_alphanumeric())
        && secret[40..]
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

async fn send_seed(shop: &Shop, body: &str) -> crate::common::Resp {
    shop.raw(
        "POST",
        "/customers",
        &[
            ("Content-Type", "application/json"),
            ("X-STOREFRONT-KEY", KEY),
        ],
        Some(body.as_bytes().to_vec()),
    )
    .await
}

#[tokio::test]
async fn seed_004_registers_with_the_documented_fields_and_types() {
    let shop = Shop::new().await;
    let r = send_seed(&shop, SEED_004).await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/json; charset=utf-8")
    );
    assert_keys(&r.text(), &[], &REGISTERED_KEYS);
    let v = r.json();
    assert!(v["id"].is_u64(), "id integer: {v}");
    for (field, expected) in [
        ("firstName", json!("John")),
        ("lastName", json!("Doe")),
        ("email", json!("john@example.com")),
        ("phone", json!("1234567890")),
        ("gender", json!("Male")),
        ("dateOfBirth", json!("1990-01-15")),
        ("status", json!(1)),
        ("subscribedToNewsLetter", json!(true)),
        ("isVerified", json!(0)),
        ("isSuspended", json!(0)),
        ("name", json!("John Doe")),
        ("customerGroupId", json!(2)),
        ("channelId", json!(1)),
        ("rememberToken", Value::Null),
        ("deviceToken", Value::Null),
    ] {
        assert_eq!(v[field], expected, "{field}");
    }
    let api_token = v["apiToken"].as_str().expect("apiToken string");
    assert_eq!(api_token.len(), 80);
    assert!(api_token.bytes().all(|b| b.is_ascii_alphanumeric()));
    let token = v["token"].as_str().expect("token string");
    assert!(is_sanctum_token(token), "{token}");
    assert!(
        token.starts_with(&format!("{}|", 1)),
        "the first token row: {token}"
    );

    // Registration signed the customer in, and the seed's password logs in too.
    let profile = shop.profile(token).await;
    assert_eq!(profile.status, 200);
    assert_eq!(
        profile.json()[0]["id"],
        json!(v["id"].as_u64().unwrap().to_string())
    );
    let login = shop.login("john@example.com", "Password123!").await.json();
    assert_eq!(
        (login["success"].clone(), login["id"].clone()),
        (json!(true), v["id"].clone())
    );
    assert_eq!(login["apiToken"], v["apiToken"], "the same legacy token");
}

#[tokio::test]
async fn the_pages_mangled_email_is_refused_as_an_email() {
    let shop = Shop::new().await;
    let mangled = SEED_004.replace("john@example.com", "[email protected]");
    let r = send_seed(&shop, &mangled).await;
    assert_problem(
        &r,
        400,
        "Bad Request",
        "The email field must be a valid email address.",
    );
}

#[tokio::test]
async fn seed_004_twice_is_the_enumerable_duplicate() {
    let shop = Shop::new().await;
    assert_eq!(send_seed(&shop, SEED_004).await.status, 201);
    let again = send_seed(&shop, &SEED_004.replace("John", "Johnny")).await;
    assert_problem(
        &again,
        400,
        "Bad Request",
        "The email has already been taken. The phone has already been taken.",
    );
}
