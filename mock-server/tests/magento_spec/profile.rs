//! Profile, `GET|PUT /V1/customers/me` (spec §2.5, §2.6): read-modify-write of the whole
//! customer, `customer.id` forced to the token's customer, `passwordHash` ignored, the
//! documented 400/401 bodies.
use crate::support::bodies::{invalid_value, not_authorized, required, sign_in_failed};
use crate::support::*;

use serde_json::json;

#[tokio::test]
async fn put_me_saves_the_whole_customer_and_returns_it() {
    let shop = Shop::new().await;
    let e = email("put");
    shop.register_with_address(&e).await;
    let token = shop.token(&e).await;
    let mut customer = shop.me(&token).await.ok();
    customer["firstname"] = json!("Janet");
    customer["dob"] = json!("1985-03-04");
    let saved = shop.put_me(&token, customer.clone()).await.ok();
    assert_eq!(saved["firstname"], "Janet");
    assert_eq!(saved["dob"], "1985-03-04");
    assert_eq!(saved["id"], customer["id"]);
    assert_eq!(saved["addresses"], customer["addresses"]);
    assert_eq!(shop.me(&token).await.ok(), saved);
}

#[tokio::test]
async fn put_me_accepts_camel_case_keys() {
    let shop = Shop::new().await;
    let e = email("camelput");
    let (token, customer) = shop.customer(&e).await;
    let saved = shop
        .put_me(
            &token,
            json!({"id": customer["id"], "email": e, "firstname": "Camel", "lastname": "Case",
                   "websiteId": 1, "groupId": 1, "storeId": 1,
                   "addresses": [{"firstname": "Erika", "lastname": "Mustermann",
                                  "street": ["Hauptstr. 1"], "city": "Berlin", "postcode": "10115",
                                  "countryId": "DE", "telephone": "030-1234567",
                                  "defaultBilling": true}]}),
        )
        .await
        .ok();
    assert_eq!(saved["firstname"], "Camel");
    let address = &saved["addresses"][0];
    assert_eq!(address["country_id"], "DE");
    assert_eq!(saved["default_billing"], json!(address["id"].to_string()));
}

#[tokio::test]
async fn the_body_cannot_target_another_account() {
    let shop = Shop::new().await;
    let mine = email("mine");
    let (token, me) = shop.customer(&mine).await;
    let (their_token, theirs) = shop.customer(&email("theirs")).await;
    let saved = shop
        .put_me(
            &token,
            json!({"id": theirs["id"], "email": mine, "firstname": "Renamed",
                   "lastname": "Doe", "website_id": 1, "group_id": 1, "store_id": 1}),
        )
        .await
        .ok();
    assert_eq!(
        saved["id"], me["id"],
        "customer.id is forced to the token's customer"
    );
    assert_eq!(saved["firstname"], "Renamed");
    assert_eq!(shop.me(&their_token).await.ok(), theirs);
}

#[tokio::test]
async fn another_customers_whole_object_leaves_that_customer_untouched() {
    let shop = Shop::new().await;
    let (token, _) = shop.customer(&email("attacker")).await;
    let victim = email("target");
    shop.register_with_address(&victim).await;
    let victim_token = shop.token(&victim).await;
    let before = shop.me(&victim_token).await.ok();
    let mut forged = before.clone();
    forged["firstname"] = json!("Owned");
    forged["addresses"][0]["city"] = json!("Elsewhere");
    let r = shop.put_me(&token, forged).await;
    assert!(r.status < 500, "{}", r.text());
    assert_eq!(shop.me(&victim_token).await.ok(), before);
}

#[tokio::test]
async fn password_hash_is_accepted_and_ignored() {
    let shop = Shop::new().await;
    let e = email("hash");
    let (token, customer) = shop.customer(&e).await;
    let r = shop
        .call(
            "PUT",
            "/V1/customers/me",
            Some(&token),
            Some(json!({"customer": customer, "passwordHash": "$2y$10$abcdefghijklmnopqrstuv"})),
        )
        .await;
    r.ok();
    shop.login(&e, PASSWORD).await.token();
}

#[tokio::test]
async fn an_email_change_applies_without_the_current_password() {
    let shop = Shop::new().await;
    let old = email("oldmail");
    let new = email("newmail");
    let (token, mut customer) = shop.customer(&old).await;
    customer["email"] = json!(new);
    assert_eq!(
        shop.put_me(&token, customer).await.ok()["email"],
        json!(new)
    );
    shop.login(&new, PASSWORD).await.token();
    shop.login(&old, PASSWORD)
        .await
        .assert_error(401, sign_in_failed());
}

#[tokio::test]
async fn empty_names_are_the_required_400() {
    let shop = Shop::new().await;
    let (token, customer) = shop.customer(&email("noname")).await;
    for field in ["firstname", "lastname"] {
        let mut body = customer.clone();
        body[field] = json!("");
        shop.put_me(&token, body)
            .await
            .assert_error(400, required(field));
    }
    assert_eq!(shop.me(&token).await.ok(), customer);
}

#[tokio::test]
async fn an_invalid_email_is_the_exact_400() {
    let shop = Shop::new().await;
    let (token, mut customer) = shop.customer(&email("bademail")).await;
    customer["email"] = json!("not-an-email");
    shop.put_me(&token, customer)
        .await
        .assert_error(400, invalid_value("email", "not-an-email"));
}

#[tokio::test]
async fn taking_another_customers_email_is_refused() {
    let shop = Shop::new().await;
    let taken = email("taken");
    shop.register(&taken).await;
    let (token, mut customer) = shop.customer(&email("taker")).await;
    let before = customer.clone();
    customer["email"] = json!(taken);
    shop.put_me(&token, customer).await.assert_message(400);
    assert_eq!(shop.me(&token).await.ok(), before);
}

#[tokio::test]
async fn profile_routes_need_a_customer_token() {
    let shop = Shop::new().await;
    let (_, customer) = shop.customer(&email("anon")).await;
    shop.call("GET", "/V1/customers/me", None, None)
        .await
        .assert_error(401, not_authorized());
    shop.call(
        "PUT",
        "/V1/customers/me",
        None,
        Some(json!({"customer": customer})),
    )
    .await
    .assert_error(401, not_authorized());
}
