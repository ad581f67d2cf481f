//! Seed 000 verbatim (issue 8 §5): an admin token, registration with the seed's exact
//! camelCase body, the seed's response shape, and the customer token as a bare JSON string.
use crate::support::seed::{SEED_LOGIN_BODY, SEED_REGISTER_BODY, SEED_RESPONSE};
use crate::support::*;

use serde_json::{Value, json};

/// Seed 000's response with the ids the mock assigned and the mock clock's dates.
fn seed_response(customer_id: &Value, address_id: &Value) -> Value {
    let mut expected: Value = serde_json::from_str(SEED_RESPONSE).unwrap();
    let address_id_text = json!(address_id.as_i64().expect("integer address id").to_string());
    expected["id"] = customer_id.clone();
    expected["default_billing"] = address_id_text.clone();
    expected["default_shipping"] = address_id_text;
    expected["created_at"] = json!(T0_TEXT);
    expected["updated_at"] = json!(T0_TEXT);
    expected["addresses"][0]["id"] = address_id.clone();
    expected["addresses"][0]["customer_id"] = customer_id.clone();
    expected
}

async fn post_seed_registration(shop: &Shop, admin_token: Option<&str>) -> Resp {
    let bearer = admin_token.map(|t| format!("Bearer {t}"));
    let mut headers = vec![("Content-Type", "application/json")];
    if let Some(b) = &bearer {
        headers.push(("Authorization", b));
    }
    shop.raw(
        "POST",
        "/rest/default/V1/customers",
        &headers,
        Some(SEED_REGISTER_BODY.as_bytes().to_vec()),
    )
    .await
}

#[track_caller]
fn assert_seed_shape(customer: &Value) {
    let id = &customer["id"];
    assert!(id.is_i64(), "customer id is an integer: {customer}");
    let address_id = &customer["addresses"][0]["id"];
    assert!(address_id.is_i64(), "address id is an integer: {customer}");
    assert_eq!(customer, &seed_response(id, address_id));
}

#[tokio::test]
async fn seed_000_registration_with_an_admin_token_returns_the_seed_response() {
    let shop = Shop::new().await;
    let admin = shop.admin_token().await;
    let r = post_seed_registration(&shop, Some(&admin)).await;
    assert_seed_shape(&r.ok());
}

#[tokio::test]
async fn seed_000_registration_works_anonymously_too() {
    let shop = Shop::new().await;
    let r = post_seed_registration(&shop, None).await;
    assert_seed_shape(&r.ok());
}

#[tokio::test]
async fn seed_000_token_request_returns_a_bare_json_string() {
    let shop = Shop::new().await;
    let admin = shop.admin_token().await;
    post_seed_registration(&shop, Some(&admin)).await.ok();
    let r = shop
        .raw(
            "POST",
            "/rest/default/V1/integration/customer/token",
            &[("Content-Type", "application/json")],
            Some(SEED_LOGIN_BODY.as_bytes().to_vec()),
        )
        .await;
    let token = r.token();
    assert!(
        r.text().starts_with('"'),
        "a bare JSON string: {}",
        r.text()
    );
    let me = shop.me(&token).await.ok();
    assert_eq!(me["email"], "jdoe@example.com");
}

#[tokio::test]
async fn customers_me_returns_the_registration_shape() {
    let shop = Shop::new().await;
    let registered = post_seed_registration(&shop, None).await.ok();
    let token = shop.token("jdoe@example.com").await;
    let me = shop.me(&token).await.ok();
    assert_eq!(me, registered);
}

#[tokio::test]
async fn registration_without_addresses_omits_default_ids() {
    let shop = Shop::new().await;
    let customer = shop.register(&email("plain")).await;
    assert_eq!(customer["addresses"], json!([]));
    for key in [
        "default_billing",
        "default_shipping",
        "dob",
        "gender",
        "confirmation",
    ] {
        assert!(
            customer.get(key).is_none(),
            "null `{key}` is omitted: {customer}"
        );
    }
    assert!(customer.as_object().unwrap().values().all(|v| !v.is_null()));
}

#[tokio::test]
async fn spec_example_registration_in_snake_case_keeps_dob_and_gender() {
    let shop = Shop::new().await;
    let e = email("spec");
    let r = shop
        .register_raw(json!({
            "customer": {
                "email": e, "firstname": "Jane", "lastname": "Doe",
                "website_id": 1, "store_id": 1, "dob": "1990-01-15", "gender": 2,
                "addresses": []
            },
            "password": PASSWORD,
            "redirectUrl": ""
        }))
        .await;
    let customer = r.ok();
    assert_eq!(customer["dob"], "1990-01-15");
    assert_eq!(customer["gender"], 2);
    assert_eq!(customer["website_id"], 1);
    assert_eq!(customer["store_id"], 1);
    assert_eq!(customer["group_id"], 1);
    assert_eq!(customer["created_in"], "Default Store View");
    assert_eq!(customer["addresses"], json!([]));
}

#[tokio::test]
async fn admin_token_is_a_bare_string_jwt_of_user_type_2() {
    let shop = Shop::new().await;
    let admin = shop.admin_token().await;
    let (header, claims) = jwt(&admin);
    assert_eq!(header, json!({"kid": "1", "alg": "HS256"}));
    assert_eq!(claims["utypid"], 2, "{claims}");
}

#[tokio::test]
async fn admin_token_refuses_a_wrong_password() {
    let shop = Shop::new().await;
    let r = shop
        .call_at(
            "POST",
            "/rest/V1/integration/admin/token",
            None,
            Some(json!({"username": ADMIN_USER, "password": "Wrong123!"})),
        )
        .await;
    r.assert_message(401);
}

#[tokio::test]
async fn a_configured_admin_user_gets_admin_tokens() {
    let shop = Shop::with(options::admin("ops", "Opsword42!")).await;
    let r = shop
        .call_at(
            "POST",
            "/rest/V1/integration/admin/token",
            None,
            Some(json!({"username": "ops", "password": "Opsword42!"})),
        )
        .await;
    r.token();
}
